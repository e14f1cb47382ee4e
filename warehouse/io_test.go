package warehouse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/domain"
)

func TestWriteReadOnlyCommittedRuns(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2025, 7, 20, 7, 15, 0, 0, time.UTC)
	v := int64(41)
	version := ReportVersionRow{VersionID: 7, VersionHash: "h1", ProjectID: "AMIF-1", PeriodStart: int32(domain.MustDate("2025-01-01")),
		PeriodEnd: int32(domain.MustDate("2025-06-30")), SubmittedAt: at, IngestedAt: at, Items: 1}
	if err := WriteTable(root, TableReportVersions, "r1", []ReportVersionRow{version}); err != nil {
		t.Fatal(err)
	}
	row := ReportRow{VersionID: 7, Item: "O.2.3", Value: &v}
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
	if r.VersionID != 7 || r.Item != "O.2.3" || *r.Value != 41 || r.AmountCents != nil {
		t.Fatalf("row did not round-trip: %+v", r)
	}
	err = Read(root, TableReportVersions, func(_ string, got ReportVersionRow) error {
		if domain.Date(got.PeriodEnd).String() != "2025-06-30" || !got.SubmittedAt.Equal(at) || got.VersionID != 7 {
			t.Fatalf("version did not round-trip: %+v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFormatChecked: a committed warehouse records its format, and one of another format (or
// of none, as format 1 wrote) is refused with a message saying what to do.
func TestFormatChecked(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2025, 7, 20, 7, 15, 0, 0, time.UTC)
	if err := CommitRun(root, "r1", RunRow{StartedAt: at, FinishedAt: at}); err != nil {
		t.Fatal(err)
	}
	if runs, err := CommittedRuns(root); err != nil || len(runs) != 1 {
		t.Fatalf("CommittedRuns = %v, %v; want [r1]", runs, err)
	}
	for _, content := range []string{"", "1\n", "3\n"} {
		path := filepath.Join(root, FormatFile)
		if content == "" {
			os.Remove(path)
		} else if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := CommittedRuns(root)
		if err == nil || !strings.Contains(err.Error(), "ingest the inbox again") {
			t.Errorf("format %q: err = %v, want a refusal that says what to do", content, err)
		}
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

// TestRunID: an id names its run's start and sorts with it; an id used by any table's partition
// (a crashed run's too) or by the caller is not given again.
func TestRunID(t *testing.T) {
	root := t.TempDir()
	at := time.Date(2026, 11, 22, 19, 44, 0, 0, time.FixedZone("EET", 2*3600))
	id := NewRunID(root, at, nil)
	if id != "20261122T174400Z" {
		t.Fatalf("id %q", id)
	}
	if got, ok := RunTime(id); !ok || !got.Equal(at) {
		t.Fatalf("RunTime(%q) = %v, %v", id, got, ok)
	}
	if err := os.MkdirAll(PartitionDir(root, TableReportRows, id), 0o755); err != nil {
		t.Fatal(err)
	}
	second := NewRunID(root, at, nil)
	if second != id+"-2" {
		t.Fatalf("a crashed run's id given again: %q", second)
	}
	if got, ok := RunTime(second); !ok || !got.Equal(at) {
		t.Fatalf("RunTime(%q) = %v, %v", second, got, ok)
	}
	if third := NewRunID(root, at, func(s string) bool { return s == second }); third != id+"-3" {
		t.Fatalf("an id the caller has taken given again: %q", third)
	}
	for _, bad := range []string{"", "r1", "20261122T174400", "20261122T174400Zx", "2026-11-22T17:44:00Z"} {
		if _, ok := RunTime(bad); ok {
			t.Errorf("RunTime(%q) accepted", bad)
		}
	}
}
