package pipeline

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/data"
	"mittari/domain"
	"mittari/internal/errs"
)

func achieved(t *testing.T, exportsDir, indicator string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(exportsDir, "sfc", "202612", "indicators.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if r[3] == indicator {
			return r[7]
		}
	}
	t.Fatalf("%s not in indicators.csv", indicator)
	return ""
}

// A correction arrives between two runs; a reproduction as of the first run gives the first
// run's figures, ingests nothing and leaves the live outputs alone.
func TestCorrectionThenReproduceAsOf(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	inbox, out := t.TempDir(), t.TempDir()
	if err := MaterializeInbox(data.Demo(), inbox); err != nil {
		t.Fatal(err)
	}
	cutoff, _ := domain.ParseCutoff("2025-12-31")
	at := func(s string) func() time.Time {
		ts, _ := time.Parse(time.RFC3339, s)
		return func() time.Time { return ts }
	}
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Cutoff: &cutoff}

	o.Now = at("2026-04-01T02:00:00Z")
	first, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	// data/demo/README.md: O.1.1 achieved at 2025-12-31 is 7462, of which AMIF-2024-001's
	// 2025-07 report counts 88.
	if got := achieved(t, first.ExportsDir, "O.1.1"); got != "7462" {
		t.Fatalf("first run: O.1.1 achieved %s, want 7462", got)
	}

	correction := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1,95\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1.3,28\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,expenditure_eur,33124.92\n"
	if err := os.WriteFile(filepath.Join(inbox, "reports", "correction.csv"), []byte(correction), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Now = at("2026-04-10T02:00:00Z")
	second, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if second.Summary.FilesNew != 1 || second.Summary.ReportsAccepted != 1 {
		t.Fatalf("second run took in %d files and %d reports, want only the correction", second.Summary.FilesNew, second.Summary.ReportsAccepted)
	}
	if got := achieved(t, second.ExportsDir, "O.1.1"); got != "7469" {
		t.Fatalf("after the correction O.1.1 achieved %s, want 7462 - 88 + 95 = 7469", got)
	}
	moved := false
	for _, c := range second.Results.Changes {
		if c.Figure == "O.1.1 achieved_value" && c.Before == "7462" && c.After == "7469" && len(c.Reports) == 2 {
			moved = true
		}
	}
	if !moved {
		t.Errorf("the change of O.1.1 is not reported with the report that moved it: %+v", second.Results.Changes)
	}

	warehouseBefore := listFiles(t, filepath.Join(out, "warehouse"))
	o.Now = at("2026-04-11T02:00:00Z")
	o.AsOf = time.Date(2026, 4, 1, 3, 0, 0, 0, time.UTC)
	repro, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if got := achieved(t, repro.ExportsDir, "O.1.1"); got != "7462" {
		t.Errorf("as of the first run O.1.1 achieved %s, want 7462", got)
	}
	if repro.ExportsDir == second.ExportsDir {
		t.Errorf("the reproduction wrote over the live exports %s", second.ExportsDir)
	}
	if got := achieved(t, second.ExportsDir, "O.1.1"); got != "7469" {
		t.Errorf("live exports changed by the reproduction: O.1.1 %s", got)
	}
	if after := listFiles(t, filepath.Join(out, "warehouse")); len(after) != len(warehouseBefore) {
		t.Errorf("the reproduction changed the warehouse: %d files, %d before", len(after), len(warehouseBefore))
	}
}

func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestLockRefusesASecondRun(t *testing.T) {
	lay := Layout{Root: filepath.Join(t.TempDir(), "out")}
	ctx := context.Background()
	unlock, err := lockOut(ctx, lay, "run", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lockOut(ctx, lay, "ingest", false, nil)
	if !errs.Is(errs.Busy, err) {
		t.Fatalf("a second command took the lock of a folder in use, or failed otherwise: %v", err)
	}
	// The message names the folder, who holds it and what to do, and no Go identifier.
	msg := err.Error()
	for _, want := range []string{lay.Root, "mittari run, process", "--wait"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal %q does not say %q", msg, want)
		}
	}
	for _, bad := range []string{"pipeline", "lock:", "configuration"} {
		if strings.Contains(msg, bad) {
			t.Errorf("the refusal %q says %q", msg, bad)
		}
	}
	// A command told to wait stops waiting when it is told to stop.
	stopped, cancel := context.WithTimeout(ctx, 3*lockPoll)
	defer cancel()
	if _, err := lockOut(stopped, lay, "ingest", true, nil); !errs.Is(errs.Interrupted, err) {
		t.Fatalf("waiting for the lock ended with %v, want an interruption", err)
	}
	// ... and takes the lock when the holder lets go.
	got := make(chan error, 1)
	go func() {
		u, err := lockOut(ctx, lay, "ingest", true, nil)
		if err == nil {
			u()
		}
		got <- err
	}()
	time.Sleep(2 * lockPoll)
	select {
	case err := <-got:
		t.Fatalf("the waiting command went on while the lock was held: %v", err)
	default:
	}
	unlock()
	if err := <-got; err != nil {
		t.Fatalf("the waiting command did not get the lock once released: %v", err)
	}
}
