package warehouse

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestRemoveUncommitted: what killed runs leave (partitions of a run that never committed, in
// every table including runs itself, temporary part files, a half-written FORMAT) goes; the
// committed run's files all stay.
func TestRemoveUncommitted(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
	files := []FileRow{{SHA256: "aa", Path: "reports/a.csv", Format: "csv", IngestedAt: at}}
	for _, run := range []string{"r1", "r2"} {
		if err := WriteTable(root, TableFiles, run, files); err != nil {
			t.Fatal(err)
		}
	}
	if err := CommitRun(root, "r1", RunRow{StartedAt: at, FinishedAt: at}); err != nil {
		t.Fatal(err)
	}
	kept := []string{"FORMAT", "files/run_id=r1/part-0.parquet", "runs/run_id=r1/part-0.parquet"}
	// Leftovers: r2 never committed (killed while its runs row was being written), r3 died
	// while writing its first file, r1's folder got a stray temporary file.
	for _, p := range []string{
		"runs/run_id=r2/.part-123.tmp",
		"report_rows/run_id=r3/.part-456.tmp",
		"files/run_id=r1/.part-789.tmp",
		"FORMAT.tmp",
	} {
		path := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveUncommitted(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := treeFiles(t, root); strings.Join(got, "\n") != strings.Join(kept, "\n") {
		t.Errorf("after the clean-up the warehouse holds\n  %s\nwant the committed run's files only\n  %s", strings.Join(got, "\n  "), strings.Join(kept, "\n  "))
	}
	for _, dir := range []string{"files/run_id=r2", "runs/run_id=r2", "report_rows/run_id=r3"} {
		if _, err := os.Stat(filepath.Join(root, dir)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", dir)
		}
	}
	if len(removed) != 5 {
		t.Errorf("removed %d paths, want 5: %v", len(removed), removed)
	}
	if runs, err := CommittedRuns(root); err != nil || len(runs) != 1 || runs[0] != "r1" {
		t.Errorf("committed runs after the clean-up: %v, %v; want r1", runs, err)
	}
	// A clean warehouse, or none, is left alone.
	if again, err := RemoveUncommitted(root); err != nil || len(again) != 0 {
		t.Errorf("a second clean-up removed %v (%v)", again, err)
	}
	if none, err := RemoveUncommitted(filepath.Join(root, "absent")); err != nil || len(none) != 0 {
		t.Errorf("a missing warehouse: %v, %v", none, err)
	}
}

func treeFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
