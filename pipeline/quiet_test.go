package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/metrics"
)

// TestQuietNights runs the demo inbox night after night: a first run, a night with nothing new,
// a night with a correction, and another with nothing new. What the report says changed must not
// empty after a quiet night: it keeps what the latest data changed and says since when nothing
// has arrived, or, when nothing was ever published before the data, says plainly that nothing
// changed. The report stage alone labels the demo's pages as demo data.
func TestQuietNights(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	cutoff, _ := domain.ParseCutoff("2025-12-31")
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Cutoff: &cutoff, Demo: true}
	night := func(at string) *Result {
		t.Helper()
		o.Now = clockAt(at)
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	overview := func() string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "report", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	first := night("2026-04-01T02:00:00Z")
	if first.Results.PreviousRun != "" || len(first.Results.Changes) > 0 {
		t.Fatalf("the first run compares with %q and lists %d changes", first.Results.PreviousRun, len(first.Results.Changes))
	}

	// Nothing new: the figures are those of the first run's data, compared with them.
	quiet := night("2026-04-02T02:00:00Z")
	if quiet.Summary.FilesNew != 0 || quiet.Generation.DataAsOf != first.Record.RunID {
		t.Fatalf("the quiet night took in %d files, data as of %s", quiet.Summary.FilesNew, quiet.Generation.DataAsOf)
	}
	page := overview()
	for _, want := range []string{`<p class="quiet"><strong>No new data since 1 Apr 2026 02:00 UTC (run ` + first.Record.RunID + `)`,
		"No data has arrived since run " + first.Record.RunID} {
		if !strings.Contains(page, want) {
			t.Errorf("after a quiet night following the first run, the overview does not say %q", want)
		}
	}

	// A correction arrives (as in TestCorrectionThenReproduceAsOf): O.1.1 moves 7462 -> 7469.
	correction := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1,95\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1.3,28\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,expenditure_eur,33124.92\n"
	if err := os.WriteFile(filepath.Join(inbox, "reports", "correction.csv"), []byte(correction), 0o644); err != nil {
		t.Fatal(err)
	}
	corrected := night("2026-04-10T02:00:00Z")
	moved := changeOf(corrected.Results.Changes, "O.1.1 achieved_value")
	if moved == nil || moved.Before != "7462" || moved.After != "7469" {
		t.Fatalf("the correction's change of O.1.1 is not there: %+v", corrected.Results.Changes)
	}
	if strings.Contains(overview(), `class="quiet"`) {
		t.Error("the night of the correction says no new data arrived")
	}

	// Nothing new again: the same changes, against the same earlier figures, said to be those
	// of the latest data.
	again := night("2026-04-11T02:00:00Z")
	if again.Summary.FilesNew != 0 || again.Generation.DataAsOf != corrected.Record.RunID {
		t.Fatalf("the second quiet night took in %d files, data as of %s", again.Summary.FilesNew, again.Generation.DataAsOf)
	}
	if again.Results.PreviousRun != corrected.Results.PreviousRun || !slices.EqualFunc(again.Results.Changes, corrected.Results.Changes, sameChange) {
		t.Errorf("after a quiet night the changes compare with %s (%d changes); the night before with %s (%d)",
			again.Results.PreviousRun, len(again.Results.Changes), corrected.Results.PreviousRun, len(corrected.Results.Changes))
	}
	if again.Generation.ChangesSince != corrected.Generation.ChangesSince || !slices.Equal(again.Generation.Runs, []string{again.Record.RunID}) {
		t.Errorf("the quiet generation compares with %s and reports runs %v; want %s and only its own run %s",
			again.Generation.ChangesSince, again.Generation.Runs, corrected.Generation.ChangesSince, again.Record.RunID)
	}
	page = overview()
	for _, want := range []string{`<p class="quiet"><strong>No new data since 10 Apr 2026 02:00 UTC (run ` + corrected.Record.RunID + `)`,
		"What the latest data changed: the figures compared with those of run " + corrected.Results.PreviousRun,
		`<td>O.1.1 achieved_value</td><td class="num">7462</td><td class="num">7469</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("after a quiet night following a correction, the overview does not say %q", want)
		}
	}

	// The report stage alone, without being told, labels the demo's pages as demo data.
	o.Demo, o.Now = false, clockAt("2026-04-11T03:00:00Z")
	if _, err := ReportStage(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "report", "*", "*.html"))
	top, _ := filepath.Glob(filepath.Join(out, "report", "*.html"))
	pages = append(pages, top...)
	if len(pages) < 30 {
		t.Fatalf("only %d pages after mittari report", len(pages))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `class="label demo"`) {
			t.Errorf("%s, remade by the report stage, does not say it shows demo data", p)
		}
	}
}

func changeOf(changes []metrics.Change, figure string) *metrics.Change {
	for i := range changes {
		if changes[i].Figure == figure {
			return &changes[i]
		}
	}
	return nil
}

func sameChange(a, b metrics.Change) bool {
	return a.Cutoff == b.Cutoff && a.SO == b.SO && a.Figure == b.Figure && a.Before == b.Before && a.After == b.After &&
		slices.Equal(a.Reports, b.Reports)
}
