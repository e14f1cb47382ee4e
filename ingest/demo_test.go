package ingest

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"mittari/catalogue"
)

// TestDemoInbox ingests the embedded demo inbox with the real catalogue and checks the outcomes
// its README promises: the only errors are the erroneous correction and the cancelled project's
// report, the resent file and the resent-as-JSON report are no-ops.
func TestDemoInbox(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Skipf("catalogue not loadable yet: %v", err)
	}
	wh := filepath.Join(t.TempDir(), "wh")
	sum, err := Run(context.Background(), Options{Inbox: "../data/demo", Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	errFiles := map[string][]string{}
	for _, f := range findingsOf(t, sum) {
		if f.Severity == "error" {
			errFiles[f.Place.File] = append(errFiles[f.Place.File], f.Rule)
		} else if f.Rule != RuleItemNotInAction.ID {
			t.Errorf("unexpected warning %s", f)
		}
	}
	for file, rules := range errFiles {
		sort.Strings(rules)
		t.Logf("%s: %v", file, rules)
	}
	want := map[string][]string{
		"reports/refugee-advice-centre/2025/rac-2025-H1-v2.json": {RuleCountInteger.ID, RuleOfWhichAbove.ID},
		"reports/nuorten-aani/nuorten-aani-2024-H1.jsonl":        {RuleProjectCancel.ID},
	}
	if len(errFiles) != len(want) {
		t.Errorf("errors in %d files, want %d: %v", len(errFiles), len(want), errFiles)
	}
	for file, rules := range want {
		if got := errFiles[file]; len(got) != len(rules) || got[0] != rules[0] {
			t.Errorf("%s: errors %v, want %v", file, got, rules)
		}
	}
	// Two rejected; the Helsinki JSON resend is a duplicate and the byte-identical resent CSV is
	// skipped as a file without being read. (The exact totals are the known-answer test's.)
	if sum.ReportsRejected != 2 || sum.ReportsDuplicate != 1 || sum.FilesSkipped != 1 || sum.ReportsAccepted < 100 {
		t.Errorf("accepted %d rejected %d duplicate %d skipped files %d", sum.ReportsAccepted, sum.ReportsRejected, sum.ReportsDuplicate, sum.FilesSkipped)
	}
}

// TestValidateDemoFile: validate names the errors of the demo's erroneous correction with their
// JSON pointers, taking the rest of the inbox as received.
func TestValidateDemoFile(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Skipf("catalogue not loadable yet: %v", err)
	}
	fs, err := Validate(context.Background(), "../data/demo", []string{"../data/demo/reports/refugee-advice-centre/2025/rac-2025-H1-v2.json"}, cat, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		if f.Severity == "error" {
			got = append(got, f.Rule+" "+f.Place.String())
		}
	}
	sort.Strings(got)
	want := []string{
		"report.count_not_integer reports/refugee-advice-centre/2025/rac-2025-H1-v2.json: /indicators/O.1.1.3",
		"report.of_which_above_parent reports/refugee-advice-centre/2025/rac-2025-H1-v2.json: /indicators/O.1.1.1",
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("errors\n%v\nwant\n%v", got, want)
	}
}
