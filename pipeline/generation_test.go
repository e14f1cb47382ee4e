package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/warehouse"
)

// TestGenerations: each run publishes a generation and switches current to it; readers find
// report, exports and marts through links that do not move; the newest KeepGenerations stay.
// An output folder of the layout before generations (report, exports and marts as folders) is
// taken over at the first run.
func TestGenerations(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	// The layout before generations: a last good run's outputs as plain folders.
	for _, p := range []string{"report/index.html", "exports/sfc/202112/old.csv", "marts/old.parquet"} {
		path := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte("before generations"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, KeepGenerations: 2}
	var ids []string
	for i, at := range []string{"2026-04-01T02:00:00Z", "2026-04-02T02:00:00Z", "2026-04-03T02:00:00Z"} {
		o.Now = clockAt(at)
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
		ids = append(ids, res.Generation.ID)
		if got, _ := os.Readlink(filepath.Join(out, "current")); got != filepath.Join("generations", res.Generation.ID) {
			t.Errorf("run %d: current links to %q, want its generation %s", i+1, got, res.Generation.ID)
		}
		for _, part := range []string{"report", "exports", "marts"} {
			if got, _ := os.Readlink(filepath.Join(out, part)); got != filepath.Join("current", part) {
				t.Errorf("run %d: %s links to %q, want current/%s", i+1, part, got, part)
			}
		}
		if page, err := os.ReadFile(res.Report); err != nil || !strings.Contains(string(page), "echarts") {
			t.Errorf("run %d: the report at %s: %v", i+1, res.Report, err)
		}
		if _, err := os.Stat(filepath.Join(out, "exports", "sfc", "202112", "old.csv")); err == nil {
			t.Errorf("run %d: an export of the layout before generations is still published", i+1)
		}
	}
	kept, err := generationIDs(Layout{Root: out})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(kept, " ") != strings.Join(ids[1:], " ") {
		t.Errorf("generations kept: %v, want the newest two of %v", kept, ids)
	}
	if entries, _ := os.ReadDir(filepath.Join(out, "generations")); len(entries) != 2 {
		t.Errorf("generations/ holds %d entries, want 2", len(entries))
	}
}

// TestLeftoversCleaned: what killed commands leave is removed by the next command, under the
// lock, and nothing a committed run or a generation uses goes with it. A record left
// "running" by a process that died says it was killed.
func TestLeftoversCleaned(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Now: clockAt("2026-04-01T02:00:00Z")}
	first, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	before := publishedTree(t, out)
	lay := Layout{Root: out}
	committed, _ := warehouse.CommittedRuns(lay.Warehouse())
	// A killed run's record, after its ingest and before it published.
	killed := Record{RunID: "20260401T030000Z", Command: "run", Status: StatusRunning, StartedAt: time.Now()}
	if _, err := killed.write(lay); err != nil {
		t.Fatal(err)
	}
	part, _ := filepath.Glob(filepath.Join(warehouse.PartitionDir(lay.Warehouse(), warehouse.TableReportVersions, first.Record.RunID), "*.parquet"))
	if len(part) == 0 {
		t.Fatal("the first run wrote no report versions")
	}
	leftovers := map[string]string{
		"cache/transform.duckdb.tmp-123-456":                                      "",
		"cache/transform.duckdb.tmp-123-456.wal":                                  "",
		".tmp/duckdb-789/spill.tmp":                                               "",
		"runs/.20260401T030000Z.json.tmp-1":                                       "",
		"runs/.20260401T030000Z.findings.jsonl.tmp-2":                             "",
		"generations/.staging-20260401T030000Z/marts/mart_sfc_indicators.parquet": "",
		"warehouse/report_rows/run_id=20260401T030000Z/.part-1.tmp":               "",
		"warehouse/report_versions/run_id=20260401T030000Z/part-0.parquet":        part[0],
		"as-of/.staging-20250101T000000Z/report/index.html":                       "",
	}
	for p, copyOf := range leftovers {
		path := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(path), 0o755)
		var b []byte
		if copyOf != "" {
			b, _ = os.ReadFile(copyOf)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("generations/nowhere", filepath.Join(out, ".current.tmp-link")); err != nil {
		t.Fatal(err)
	}

	o.Now = clockAt("2026-04-02T02:00:00Z")
	second, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for p := range leftovers {
		if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p))); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	if _, err := os.Lstat(filepath.Join(out, ".current.tmp-link")); err == nil {
		t.Error("a link switched halfway is still there")
	}
	if got := readRecordFile(t, out, killed.RunID); got.Status != StatusKilled || got.Error == "" {
		t.Errorf("the killed run's record: status %s, error %q", got.Status, got.Error)
	}
	if after, _ := warehouse.CommittedRuns(lay.Warehouse()); strings.Join(after, " ") != strings.Join(committed, " ") {
		t.Errorf("committed runs %v after the clean-up, %v before", after, committed)
	}
	if second.Summary.FilesNew != 0 {
		t.Errorf("the second run took in %d files: the clean-up lost committed data", second.Summary.FilesNew)
	}
	// A day later the figures' as-of time differs; the tables do not.
	sameTree(t, "the second run's exports and marts", tables(publishedTree(t, out)), tables(before))
	if _, err := os.Stat(filepath.Join(out, "generations", first.Generation.ID, "figures.json")); err != nil {
		t.Errorf("the first run's generation lost its files: %v", err)
	}
}

// tables keeps the exports and marts of a published tree.
func tables(tree map[string]string) map[string]string {
	out := map[string]string{}
	for p, h := range tree {
		if strings.HasPrefix(p, "exports/") || strings.HasPrefix(p, "marts/") {
			out[p] = h
		}
	}
	return out
}
