package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"mittari/domain"
	"mittari/warehouse"
)

// TestRunFindingsStored: every finding a run reports (of files, of the register, of arrivals and
// the cumulative checks) is committed with it and read back as it was reported, with the run's
// counts; a run that writes nothing stores nothing; a warehouse without the table reads as one
// with no findings.
func TestRunFindingsStored(t *testing.T) {
	cat := testCatalogue(t)
	wh := filepath.Join(t.TempDir(), "wh")
	if _, err := Run(context.Background(), Options{Inbox: "testdata/inbox", Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat}); err != nil {
		t.Fatal(err)
	}
	inbox := copyTree(t, badInbox)
	sum, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: testClock(60), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	stages := map[Stage]bool{}
	for _, f := range sum.Findings {
		r, _ := RuleByID(f.Rule)
		stages[r.Stage] = true
	}
	if len(stages) != 5 {
		t.Fatalf("the run's findings are of stages %v, want all five", stages)
	}
	var got []domain.Finding
	err = warehouse.ReadRunFindings(wh, []string{"r2"}, func(run string, f domain.Finding) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sum.Findings) {
		t.Errorf("stored findings differ from the reported ones:\n%v\nwant\n%v", got, sum.Findings)
	}
	var row warehouse.RunRow
	if err := warehouse.ReadRun(wh, warehouse.TableRuns, "r2", func(r warehouse.RunRow) error { row = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if int(row.FilesSeen) != sum.FilesSeen || int(row.ReportsIgnored) != sum.ReportsIgnored || int(row.Errors+row.Warnings) != len(sum.Findings) ||
		int(row.FilesRejected) != sum.FilesRejected || row.Errors == 0 {
		t.Errorf("runs row %+v does not count what the run did: %+v", row, sum)
	}

	again, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r3", Now: testClock(120), Catalogue: cat})
	if err != nil || again.Wrote {
		t.Fatalf("a run with nothing new: %v, wrote %v", err, again != nil && again.Wrote)
	}
	if _, err := os.Stat(warehouse.PartitionDir(wh, warehouse.TableRunFindings, "r3")); !os.IsNotExist(err) {
		t.Errorf("a run that committed nothing stored findings")
	}

	if err := os.RemoveAll(filepath.Join(wh, warehouse.TableRunFindings)); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = warehouse.ReadRunFindings(wh, []string{"r1", "r2"}, func(string, domain.Finding) error { n++; return nil })
	if err != nil || n != 0 {
		t.Errorf("a warehouse without run_findings: %d findings, %v", n, err)
	}
}
