package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mittari/internal/errs"
)

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// TestPrune keeps the newest records and the reproductions they wrote, and removes nothing
// else: not the warehouse, not the live outputs.
func TestPrune(t *testing.T) {
	out := t.TempDir()
	lay := Layout{Root: out}
	// Records named as the output folder was given to each run: absolute here, relative in
	// another (the run started in the output folder's parent).
	rec := func(id string, outAsGiven string, outputs ...string) {
		r := Record{RunID: id, Out: outAsGiven, Status: "ok"}
		for _, o := range outputs {
			r.Outputs = append(r.Outputs, OutputFile{Path: filepath.Join(outAsGiven, o)})
		}
		writeJSON(t, filepath.Join(lay.Runs(), id+".json"), r)
	}
	rec("20260101T020000Z", out, "as-of/20250101T000000Z/report/index.html")
	rec("20260102T020000Z", out, "exports/sfc/202512/financial.csv")
	rec("20260103T020000Z", "out")
	rec("20260103T020000Z-2", out)
	rec("20260103T020000Z-10", "relative/out", "as-of/20250601T000000Z/exports/sfc/202412/financial.csv")
	for _, d := range []string{"as-of/20250101T000000Z/report", "as-of/20250601T000000Z/exports", "as-of/20250701T000000Z/marts",
		"warehouse/runs/run_id=20260101T020000Z", "exports/sfc/202512", "report"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	pr, err := Prune(out, 2)
	if err != nil {
		t.Fatal(err)
	}
	files, err := RecordFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, f.Record.RunID)
	}
	if want := []string{"20260103T020000Z-10", "20260103T020000Z-2"}; !slices.Equal(ids, want) {
		t.Errorf("kept records %v, want the newest two %v", ids, want)
	}
	if len(pr.Records) != 3 {
		t.Errorf("removed %d records, want 3: %v", len(pr.Records), pr.Records)
	}
	for d, want := range map[string]bool{
		"as-of/20250601T000000Z":                 true,  // written by a kept run
		"as-of/20250101T000000Z":                 false, // written by a removed run
		"as-of/20250701T000000Z":                 false, // written by no run on record
		"warehouse/runs/run_id=20260101T020000Z": true,
		"exports/sfc/202512":                     true,
		"report":                                 true,
	} {
		if got := exists(filepath.Join(out, d)); got != want {
			t.Errorf("%s: present %v after Prune, want %v", d, got, want)
		}
	}

	if pr, err := Prune(out, 0); err != nil || len(pr.Records)+len(pr.AsOf) != 0 {
		t.Errorf("Prune with keep 0 removed %+v (%v); it keeps everything", pr, err)
	}
}

func TestPruneTakesTheLock(t *testing.T) {
	out := t.TempDir()
	unlock, err := lockOut(context.Background(), Layout{Root: out}, "run", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := Prune(out, 1); !errs.Is(errs.Busy, err) {
		t.Errorf("Prune while another command holds the output folder: %v, want busy", err)
	}
	if _, err := RemoveUnpassedExports(out, time.Now()); !errs.Is(errs.Busy, err) {
		t.Errorf("RemoveUnpassedExports while another command holds the output folder: %v, want busy", err)
	}
}

func TestRemoveUnpassedExports(t *testing.T) {
	out := t.TempDir()
	for dir, cutoff := range map[string]string{
		"exports/sfc/202712": "2027-12-31", "exports/apr/2027": "2027-12-31",
		"exports/sfc/202612": "2025-12-31", "exports/sfc/202610": "2026-10-31",
	} {
		writeJSON(t, filepath.Join(out, dir, "manifest.json"), map[string]string{"cutoff_date": cutoff})
	}
	removed, err := RemoveUnpassedExports(out, time.Date(2026, 12, 6, 2, 15, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("removed %v, want the two folders of 2027-12-31", removed)
	}
	for dir, want := range map[string]bool{"exports/sfc/202712": false, "exports/apr/2027": false,
		"exports/sfc/202612": true, "exports/sfc/202610": true} {
		if got := exists(filepath.Join(out, dir)); got != want {
			t.Errorf("%s: present %v, want %v", dir, got, want)
		}
	}
}
