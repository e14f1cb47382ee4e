package warehouse

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"mittari/domain"
)

func TestWriteReadOnlyCommittedRuns(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2025, 7, 20, 7, 15, 0, 0, time.UTC)
	v := int64(41)
	row := ReportRow{VersionHash: "h1", ProjectID: "AMIF-1", PeriodStart: int32(domain.MustDate("2025-01-01")),
		PeriodEnd: int32(domain.MustDate("2025-06-30")), SubmittedAt: at, Item: "O.2.3", Value: &v, IngestedAt: at}
	if err := WriteTable(root, TableReportRows, "r1", []ReportRow{row}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(root, TableReportRows, "r2", []ReportRow{row}); err != nil {
		t.Fatal(err)
	}
	if err := CommitRun(root, "r1", RunRow{StartedAt: at, FinishedAt: at}); err != nil {
		t.Fatal(err)
	}
	var got []ReportRow
	var runs []string
	err := Read(root, TableReportRows, func(run string, r ReportRow) error {
		got = append(got, r)
		runs = append(runs, run)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || runs[0] != "r1" {
		t.Fatalf("read %d rows from runs %v, want 1 row from the committed run r1 only", len(got), runs)
	}
	r := got[0]
	if domain.Date(r.PeriodEnd).String() != "2025-06-30" || *r.Value != 41 || r.AmountCents != nil || !r.SubmittedAt.Equal(at) {
		t.Fatalf("row did not round-trip: %+v", r)
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	root := t.TempDir()
	w, err := NewWriter[RunRow](root, TableRuns, "x", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]RunRow{{}}); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	files, _ := filepath.Glob(filepath.Join(PartitionDir(root, TableRuns, "x"), "*"))
	if len(files) != 0 {
		t.Fatalf("aborted writer left %v", files)
	}
	if _, err := os.Stat(filepath.Join(root, TableRuns)); err != nil {
		t.Fatal(err)
	}
}
