package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/internal/errs"
)

// correction moves O.1.1 at 2025-12-31 from 7462 to 7469 (see TestCorrectionThenReproduceAsOf);
// badReport is rejected with an error (a count of -5).
const (
	correction = "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1,95\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1.3,28\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,expenditure_eur,33124.92\n"
	badReport = "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-001,2025-08-01,2025-08-31,2026-04-05T09:00:00+03:00,O.1.1,-5\n"
)

// TestCrashedRunReportedByNext: a run that committed its ingest and then failed before it
// published (a full disk while exporting) loses nothing: the next run, with nothing new to
// ingest, reports that run's findings and the figures that moved since what readers last saw,
// and its record says so.
func TestCrashedRunReportedByNext(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	ctx := context.Background()
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Now: clockAt("2026-04-01T02:00:00Z")}
	if _, err := Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"correction.csv": correction, "bad.csv": badReport} {
		if err := os.WriteFile(filepath.Join(inbox, "reports", name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	full := errs.E(errs.IO, errors.New("no space left on device"))
	failAt = func(point string) error {
		if point == "exported" {
			return full
		}
		return nil
	}
	o.Now = clockAt("2026-04-10T02:00:00Z")
	crashed, err := Run(ctx, o)
	failAt = nil
	if !errors.Is(err, full) || crashed == nil || crashed.Record.Status != StatusFailed {
		t.Fatalf("the run meeting a full disk: %v, status %v", err, crashed)
	}
	if got := achieved(t, filepath.Join(out, "exports"), "O.1.1"); got != "7462" {
		t.Fatalf("the failed run changed the published exports: O.1.1 %s", got)
	}

	o.Now = clockAt("2026-04-11T02:00:00Z")
	next, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if next.Summary.FilesNew != 0 {
		t.Fatalf("the next run took in %d files; the crashed run had committed them", next.Summary.FilesNew)
	}
	g := next.Generation
	if len(g.Runs) != 2 || g.Runs[0] != crashed.Record.RunID || g.Runs[1] != next.Record.RunID {
		t.Errorf("the next run reports runs %v, want the crashed %s and itself %s", g.Runs, crashed.Record.RunID, next.Record.RunID)
	}
	if g.Ingest.Errors == 0 || g.Ingest.Errors != crashed.Record.Ingest.Errors || g.Ingest.FilesNew != 2 {
		t.Errorf("the next run reports %d errors and %d files; the crashed run found %d errors in 2 new files",
			g.Ingest.Errors, g.Ingest.FilesNew, crashed.Record.Ingest.Errors)
	}
	if rec := readRecordFile(t, out, next.Record.RunID); rec.Published == nil || len(rec.Published.Runs) != 2 {
		t.Errorf("the next run's record does not say it published the crashed run's findings: %+v", rec.Published)
	}
	page, err := os.ReadFile(filepath.Join(out, "report", "quality.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "bad.csv") {
		t.Error("the report's data quality page does not show the crashed run's finding on reports/bad.csv")
	}
	moved := false
	for _, c := range next.Results.Changes {
		if c.Figure == "O.1.1 achieved_value" && c.Before == "7462" && c.After == "7469" {
			moved = true
		}
	}
	if !moved {
		t.Errorf("the change the crashed run brought (O.1.1 7462 → 7469) is not reported: %+v", next.Results.Changes)
	}
	if got := achieved(t, filepath.Join(out, "exports"), "O.1.1"); got != "7469" {
		t.Errorf("O.1.1 achieved %s after the next run, want 7469", got)
	}

	// A run after that, with nothing new, has no run or finding more to report; what changed is
	// still what the latest data changed (issue 14: it must not empty after a quiet night).
	o.Now = clockAt("2026-04-12T02:00:00Z")
	quiet, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if g := quiet.Generation; len(g.Runs) != 1 || g.Ingest.Errors != 0 || len(quiet.Results.Changes) != len(next.Results.Changes) {
		t.Errorf("a quiet run reports runs %v, %d errors, %d changes; want itself only, no error, and the %d changes of the latest data",
			g.Runs, g.Ingest.Errors, len(quiet.Results.Changes), len(next.Results.Changes))
	}
}

// TestInterruptedRun: a run told to stop (SIGTERM) stops, leaves the published outputs as they
// were and a record saying it was interrupted; one stuck in a read that never returns (a link
// to a FIFO nobody writes) stops too, within the grace it is given.
func TestInterruptedRun(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Now: clockAt("2026-04-01T02:00:00Z")}
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	before := publishedTree(t, out)
	if err := os.WriteFile(filepath.Join(inbox, "reports", "correction.csv"), []byte(correction), 0o644); err != nil {
		t.Fatal(err)
	}

	// Stopped after ingest: the signal arrives while the run goes on to transform.
	ctx, stop := context.WithCancel(context.Background())
	failAt = func(point string) error {
		if point == "recorded" {
			stop()
		}
		return nil
	}
	o.Now = clockAt("2026-04-10T02:00:00Z")
	res, err := Run(ctx, o)
	failAt = nil
	if !errs.Is(errs.Interrupted, err) || res == nil || res.Record.Status != StatusInterrupted {
		t.Fatalf("a run stopped after ingest: %v, %+v", err, res)
	}
	if rec := readRecordFile(t, out, res.Record.RunID); rec.Status != StatusInterrupted || !strings.Contains(rec.Error, "transform") {
		t.Errorf("its record: status %s, error %q", rec.Status, rec.Error)
	}
	sameTree(t, "the outputs after an interrupted run", publishedTree(t, out), before)

	// Stuck in a system call inside a stage (a read of a network share that never answers, say:
	// a FIFO in the inbox no longer does it, ingest refuses those unopened): the stage never
	// looks at the signal.
	stuck := make(chan struct{})
	failAt = func(point string) error {
		if point == "transforming" {
			<-stuck
		}
		return nil
	}
	defer func(g time.Duration) { stopGrace = g }(stopGrace)
	stopGrace = 500 * time.Millisecond
	ctx, stop = context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer stop()
	o.Now = clockAt("2026-04-11T02:00:00Z")
	done := make(chan struct{})
	go func() {
		res, err = Run(ctx, o)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a run stuck in a stage did not stop when told to")
	}
	if !errs.Is(errs.Interrupted, err) || res == nil || res.Record.Status != StatusInterrupted {
		t.Fatalf("a run stuck in a stage, stopped: %v", err)
	}
	sameTree(t, "the outputs after a stuck run was stopped", publishedTree(t, out), before)
	// The lock went with it: the next run runs. (A process that ends takes its abandoned stage
	// with it; this one lets it finish first, so that it writes nothing beside the next run.)
	failAt = nil
	close(stuck)
	stagesRunning.Wait()
	o.Now = clockAt("2026-04-12T02:00:00Z")
	if _, err := Run(context.Background(), o); err != nil {
		t.Fatalf("the run after a stopped one: %v", err)
	}
}
