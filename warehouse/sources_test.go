package warehouse

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// TestCommittedFilesAndSnapshots: a reader is given the files of committed runs only, in run
// order, and the register and targets snapshots of those runs with the time of their rows.
func TestCommittedFilesAndSnapshots(t *testing.T) {
	root := t.TempDir()
	at1 := time.Date(2025, 7, 20, 7, 15, 0, 0, time.UTC)
	at2 := at1.Add(24 * time.Hour)
	write := func(run string, at time.Time, targets bool, commit bool) {
		t.Helper()
		if err := WriteTable(root, TableProjects, run, []ProjectRow{{ProjectID: "P1", IngestedAt: at}}); err != nil {
			t.Fatal(err)
		}
		if targets {
			if err := WriteTable(root, TableProjectTargets, run, []ProjectTargetRow{{ProjectID: "P1", IngestedAt: at}}); err != nil {
				t.Fatal(err)
			}
		}
		if commit {
			if err := CommitRun(root, run, RunRow{StartedAt: at}); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("r2", at2, false, true)
	write("r1", at1, true, true)
	write("r3", at2.Add(time.Hour), true, false) // not committed: invisible
	files, err := CommittedFiles(root, TableProjects)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(PartitionDir(root, TableProjects, "r1"), "part-0.parquet"),
		filepath.Join(PartitionDir(root, TableProjects, "r2"), "part-0.parquet")}
	if !reflect.DeepEqual(files, want) {
		t.Fatalf("committed files %v, want %v", files, want)
	}
	if files, err := CommittedFiles(root, TableReportRows); err != nil || len(files) != 0 {
		t.Fatalf("a table without files: %v, %v", files, err)
	}
	snaps, err := Snapshots(root)
	if err != nil {
		t.Fatal(err)
	}
	wantSnaps := []Snapshot{{TableProjects, "r1", at1}, {TableProjects, "r2", at2}, {TableProjectTargets, "r1", at1}}
	if !reflect.DeepEqual(snaps, wantSnaps) {
		t.Fatalf("snapshots %v, want %v", snaps, wantSnaps)
	}
}

// TestEmptyFile: every table has an empty file with exactly its columns, in a run_id= folder.
func TestEmptyFile(t *testing.T) {
	dir := t.TempDir()
	for _, table := range Tables {
		path, err := EmptyFile(dir, table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if !strings.Contains(filepath.ToSlash(path), "/"+table+"/run_id=") {
			t.Errorf("%s: %s is not in a run_id= folder of the table", table, path)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if pf.NumRows() != 0 {
			t.Errorf("%s: %d rows", table, pf.NumRows())
		}
		got := columnNames(pf.Schema())
		want := columnNames(schemaOf(t, table))
		f.Close()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: columns %v, the table's are %v", table, got, want)
		}
	}
	if _, err := EmptyFile(dir, "no_such_table"); err == nil {
		t.Fatal("an unknown table got an empty file")
	}
}

func schemaOf(t *testing.T, table string) *parquet.Schema {
	t.Helper()
	switch table {
	case TableFiles:
		return parquet.SchemaOf(FileRow{})
	case TableReportVersions:
		return parquet.SchemaOf(ReportVersionRow{})
	case TableReportRows:
		return parquet.SchemaOf(ReportRow{})
	case TableQuarantine, TableWarnings:
		return parquet.SchemaOf(FindingRow{})
	case TableProjects:
		return parquet.SchemaOf(ProjectRow{})
	case TableProjectTargets:
		return parquet.SchemaOf(ProjectTargetRow{})
	case TableRuns:
		return parquet.SchemaOf(RunRow{})
	case TableRunFindings:
		return parquet.SchemaOf(RunFindingRow{})
	}
	t.Fatalf("no schema for %s", table)
	return nil
}

func columnNames(s *parquet.Schema) []string {
	var out []string
	for _, f := range s.Fields() {
		out = append(out, f.Name())
	}
	return out
}
