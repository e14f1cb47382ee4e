package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteMarkdownReplacesOnlyTheTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	before := "# Benchmarks\n\nintro\n\n" + beginMark + "\nold table\n" + endMark + "\n\n## Where the time goes\nanalysis\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	ms := []Measurement{
		{Stage: "ingest csv", Rows: 1_000_000, Wall: 3 * time.Second, PeakRSS: 300 << 20},
		{Stage: "duckdb COPY csv→parquet (baseline)", Rows: 1_000_000, Wall: 2 * time.Second, PeakRSS: 100 << 20},
		{Stage: "ingest json", Rows: 1_000_000, Wall: 4 * time.Second, PeakRSS: 300 << 20},
		{Stage: "ingest csv", Rows: 10_000_000, Wall: 30 * time.Second, PeakRSS: 360 << 20},
		{Stage: "duckdb COPY csv→parquet (baseline)", Rows: 10_000_000, Wall: 10 * time.Second, PeakRSS: 100 << 20},
		{Stage: "ingest json", Rows: 10_000_000, Wall: 36 * time.Second, PeakRSS: 600 << 20, Note: "n"},
	}
	if err := writeMarkdown(Config{Markdown: path, Repeats: 3, CodeVersion: "abc"}, ms); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	for _, want := range []string{"# Benchmarks\n\nintro", "## Where the time goes\nanalysis", "| ingest csv | 1M | 3.00 s | 333 k | 300 MiB | 1.50 × the DuckDB COPY baseline |",
		"| ingest json | 1M | 4.00 s | 250 k | 300 MiB | 1.33 × CSV ingest of the same rows |",
		"| ingest csv | 10M | 30.00 s | 333 k | 360 MiB | 3.00 × the DuckDB COPY baseline; peak RSS 1.20 × that at 1M |",
		"| ingest json | 10M | 36.00 s | 278 k | 600 MiB | n; 1.20 × CSV ingest of the same rows; peak RSS 2.00 × that at 1M |", "code version abc"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in:\n%s", want, s)
		}
	}
	if strings.Contains(s, "old table") || strings.Count(s, beginMark) != 1 {
		t.Errorf("the old table was not replaced exactly once:\n%s", s)
	}
}

func TestLabel(t *testing.T) {
	for n, want := range map[int]string{1_000_000: "1M", 10_000_000: "10M", 20_000: "20k", 1_500_000: "1.5M", 999: "999"} {
		if got := label(n); got != want {
			t.Errorf("label(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAddOneReportWritesANewerVersion(t *testing.T) {
	inbox := t.TempDir()
	dir := filepath.Join(inbox, "reports", "batch-0000")
	os.MkdirAll(dir, 0o755)
	csv := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"P1,2025-01-01,2025-06-30,2025-08-01T09:00:00+02:00,O.2.3,4\n" +
		"P1,2025-01-01,2025-06-30,2025-08-01T09:00:00+02:00,expenditure_eur,10.00\n" +
		"P2,2025-01-01,2025-06-30,2025-08-02T09:00:00+02:00,O.2.3,5\n"
	os.WriteFile(filepath.Join(dir, "reports-000001.csv"), []byte(csv), 0o644)
	if err := addOneReport(inbox, 0); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(inbox, "reports", "nightly", "correction-0.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"P1,2025-01-01,2025-06-30,2026-06-01T12:00:00Z,O.2.3,4\n" +
		"P1,2025-01-01,2025-06-30,2026-06-01T12:00:00Z,expenditure_eur,10.00\n"
	if string(b) != want {
		t.Fatalf("got\n%s\nwant\n%s", b, want)
	}
}

// TestCheckNightly: the nightly row is refused when its run took in nothing new or computed in
// full, so that the table cannot report a nightly run that did not happen.
func TestCheckNightly(t *testing.T) {
	for _, c := range []struct {
		record string
		ok     bool
	}{
		{`{"ingest": {"files_new": 1}, "transform": {"mode": "incremental", "projects_recomputed": 1}}`, true},
		{`{"ingest": {"files_new": 0}, "transform": {"mode": "incremental"}}`, false},
		{`{"ingest": {"files_new": 1}, "transform": {"mode": "full", "reason": "no cache yet"}}`, false},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "20261122T000000Z.json"), []byte(c.record), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := checkNightly(dir); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok = %v", c.record, err, c.ok)
		}
	}
}
