package bench

import (
	"fmt"
	"strings"
)

// A target is one of issue 16's goals, judged from the measurements of one bench run.
type target struct {
	goal string
	// judge returns what was measured and whether the goal holds; ok is false when the run did
	// not measure what the goal needs.
	judge func(ms []Measurement) (measured string, holds, ok bool)
}

const (
	m1, m10, m20 = 1_000_000, 10_000_000, 20_000_000
	gib          = 1 << 30
)

// targets are the goals of the scale work (issue 16), measured on this machine by the bench,
// never asserted in unit tests.
var targets = []target{
	{"validated CSV ingest ≤ 1.5 × DuckDB COPY on the same files, 10 M rows", ratio("ingest csv", copyStage, m10, 1.5)},
	{"JSON ingest ≤ 1.5 × CSV ingest on the same rows, 10 M rows", ratio("ingest json", "ingest csv", m10, 1.5)},
	{"full transform of every cut-off ≤ 5 s, 10 M rows", wallAtMost("transform (every cut-off)", m10, 5)},
	{"nightly run with one new report ≤ 1.5 s end to end, 10 M rows", wallAtMost(nightlyStage, m10, 1.5)},
	{"nightly run with one new report ≤ 3 s end to end, 20 M rows", wallAtMost(nightlyStage, m20, 3)},
	{"whole first run ≤ 60 s, 20 M rows", wallAtMost(firstRunStage, m20, 60)},
	{"peak RSS ≤ 1 GiB for every stage, 20 M rows", peakAtMost(m20, gib)},
	{"ingest memory flat: CSV ingest's peak RSS at 10 M within 1.5 × of 1 M", flat("ingest csv", m1, m10, 1.5)},
}

const (
	copyStage     = "duckdb COPY csv→parquet (baseline)"
	nightlyStage  = "incremental run (1 new report)"
	firstRunStage = "whole first run (mixed formats)"
)

// find is the measurement of stage at about rows (the data sets hold gen's exact count, a little
// off the size asked for).
func find(ms []Measurement, stage string, rows int) (Measurement, bool) {
	for _, m := range ms {
		if m.Stage == stage && m.Rows > rows*9/10 && m.Rows < rows*11/10 {
			return m, true
		}
	}
	return Measurement{}, false
}

func ratio(stage, base string, rows int, most float64) func([]Measurement) (string, bool, bool) {
	return func(ms []Measurement) (string, bool, bool) {
		a, ok1 := find(ms, stage, rows)
		b, ok2 := find(ms, base, rows)
		if !ok1 || !ok2 || b.Wall <= 0 {
			return "", false, false
		}
		r := a.Wall.Seconds() / b.Wall.Seconds()
		return fmt.Sprintf("%.2f × (%.2f s against %.2f s)", r, a.Wall.Seconds(), b.Wall.Seconds()), r <= most, true
	}
}

func wallAtMost(stage string, rows int, seconds float64) func([]Measurement) (string, bool, bool) {
	return func(ms []Measurement) (string, bool, bool) {
		m, ok := find(ms, stage, rows)
		if !ok {
			return "", false, false
		}
		return fmt.Sprintf("%.2f s", m.Wall.Seconds()), m.Wall.Seconds() <= seconds, true
	}
}

func peakAtMost(rows int, most int64) func([]Measurement) (string, bool, bool) {
	return func(ms []Measurement) (string, bool, bool) {
		var worst Measurement
		for _, m := range ms {
			if m.Rows > rows*9/10 && m.Rows < rows*11/10 && m.Stage != copyStage && m.PeakRSS > worst.PeakRSS {
				worst = m
			}
		}
		if worst.Stage == "" {
			return "", false, false
		}
		return fmt.Sprintf("%.0f MiB (%s)", float64(worst.PeakRSS)/(1<<20), worst.Stage), worst.PeakRSS <= most, true
	}
}

func flat(stage string, small, large int, most float64) func([]Measurement) (string, bool, bool) {
	return func(ms []Measurement) (string, bool, bool) {
		a, ok1 := find(ms, stage, small)
		b, ok2 := find(ms, stage, large)
		if !ok1 || !ok2 || a.PeakRSS <= 0 {
			return "", false, false
		}
		r := float64(b.PeakRSS) / float64(a.PeakRSS)
		return fmt.Sprintf("%.2f × (%.0f MiB against %.0f MiB)", r, float64(b.PeakRSS)/(1<<20), float64(a.PeakRSS)/(1<<20)), r <= most, true
	}
}

// targetsMarkdown is the table of the targets as this run measured them.
func targetsMarkdown(ms []Measurement) string {
	var b strings.Builder
	b.WriteString("| target | measured | holds |\n|---|---|---|\n")
	for _, t := range targets {
		measured, holds, ok := t.judge(ms)
		verdict := "no"
		switch {
		case !ok:
			measured, verdict = "not measured in this run", "–"
		case holds:
			verdict = "yes"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.goal, measured, verdict)
	}
	return b.String()
}
