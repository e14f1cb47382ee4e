package bench

import (
	"strings"
	"testing"
	"time"
)

// TestTargets judges each target from hand-made measurements, on both sides of its bound, and
// says "not measured" when the run lacks what a target needs.
func TestTargets(t *testing.T) {
	s := func(stage string, rows int, wall float64, rssMiB int64) Measurement {
		return Measurement{Stage: stage, Rows: rows, Wall: time.Duration(wall * float64(time.Second)), PeakRSS: rssMiB << 20}
	}
	good := []Measurement{
		s("ingest csv", 1_002_000, 1, 200), s("ingest csv", 10_020_000, 5, 280), s(copyStage, 10_020_000, 4, 170),
		s("ingest json", 10_020_000, 7, 300), s("transform (every cut-off)", 10_020_000, 4.9, 900),
		s(nightlyStage, 10_020_000, 1.4, 250), s(nightlyStage, 20_040_000, 2.9, 300),
		s(firstRunStage, 20_040_000, 59, 1000), s("ingest csv", 20_040_000, 10, 1024),
	}
	bad := []Measurement{
		s("ingest csv", 1_002_000, 1, 100), s("ingest csv", 10_020_000, 7, 151), s(copyStage, 10_020_000, 4, 170),
		s("ingest json", 10_020_000, 10.6, 300), s("transform (every cut-off)", 10_020_000, 5.1, 900),
		s(nightlyStage, 10_020_000, 1.6, 250), s(nightlyStage, 20_040_000, 3.1, 300),
		s(firstRunStage, 20_040_000, 61, 1025), s("ingest csv", 20_040_000, 10, 900),
	}
	for i, tg := range targets {
		if _, holds, ok := tg.judge(good); !ok || !holds {
			t.Errorf("target %d (%s) on measurements that meet it: holds %v, measured %v", i, tg.goal, holds, ok)
		}
		if measured, holds, ok := tg.judge(bad); !ok || holds {
			t.Errorf("target %d (%s) on measurements that miss it: holds %v, measured %v (%s)", i, tg.goal, holds, ok, measured)
		}
		if _, _, ok := tg.judge(nil); ok {
			t.Errorf("target %d (%s) judged with no measurement", i, tg.goal)
		}
	}
	md := targetsMarkdown(bad[:3])
	if !strings.Contains(md, "| validated CSV ingest ≤ 1.5 × DuckDB COPY on the same files, 10 M rows | 1.75 × (7.00 s against 4.00 s) | no |") ||
		!strings.Contains(md, "not measured in this run | – |") {
		t.Errorf("the targets' table:\n%s", md)
	}
}
