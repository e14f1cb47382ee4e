package warehouse

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"

	"mittari/internal/errs"
)

// EmptyFile writes a Parquet file with table's columns and no rows under dir, in a run_id=
// folder as the table's own files are, and returns its path: a reader that takes a table's
// files with their run_id from the folder (DuckDB's hive partitioning) can read it instead when
// the table has no committed files yet, and sees the same columns.
func EmptyFile(dir, table string) (string, error) {
	const op errs.Op = "warehouse.EmptyFile"
	var write func(io.Writer) error
	switch table {
	case TableFiles:
		write = writeEmpty[FileRow]
	case TableReportVersions:
		write = writeEmpty[ReportVersionRow]
	case TableReportRows:
		write = writeEmpty[ReportRow]
	case TableQuarantine, TableWarnings:
		write = writeEmpty[FindingRow]
	case TableProjects:
		write = writeEmpty[ProjectRow]
	case TableProjectTargets:
		write = writeEmpty[ProjectTargetRow]
	case TableRuns:
		write = writeEmpty[RunRow]
	case TableRunFindings:
		write = writeEmpty[RunFindingRow]
	default:
		return "", errs.E(op, errs.Path(table), errs.Internal, fmt.Errorf("no warehouse table is named %q", table))
	}
	part := PartitionDir(dir, table, "none")
	if err := os.MkdirAll(part, 0o755); err != nil {
		return "", errs.E(op, errs.Path(part), errs.IO, err)
	}
	path := filepath.Join(part, "empty.parquet")
	f, err := os.Create(path)
	if err != nil {
		return "", errs.E(op, errs.Path(path), errs.IO, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", errs.E(op, errs.Path(path), errs.IO, err)
	}
	return path, nil
}

func writeEmpty[T any](w io.Writer) error { return parquet.NewGenericWriter[T](w).Close() }

// Snapshot is one snapshot of the register (table projects) or of the targets
// (project_targets): the committed run that wrote it, and when (ingest stamps every row of a
// run with the run's start).
type Snapshot struct {
	Table, Run string
	At         time.Time
}

// Snapshots lists the register and targets snapshots of the committed runs, reading one row of
// each run's files rather than the tables.
func Snapshots(root string) ([]Snapshot, error) {
	const op errs.Op = "warehouse.Snapshots"
	runs, err := CommittedRuns(root)
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, table := range []string{TableProjects, TableProjectTargets} {
		for _, run := range runs {
			files, err := PartitionFiles(root, table, run)
			if err != nil {
				return nil, err
			}
			for _, path := range files {
				at, ok, err := firstIngestedAt(path)
				if err != nil {
					return nil, errs.E(op, errs.Path(path), errs.IO, err)
				}
				if ok {
					out = append(out, Snapshot{Table: table, Run: run, At: at.UTC()})
					break
				}
			}
		}
	}
	return out, nil
}

// firstIngestedAt reads the ingested_at of a file's first row, if it has one.
func firstIngestedAt(path string) (time.Time, bool, error) {
	type stamp struct {
		IngestedAt time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	}
	f, err := os.Open(path)
	if err != nil {
		return time.Time{}, false, err
	}
	defer f.Close()
	r := parquet.NewGenericReader[stamp](f)
	defer r.Close()
	buf := make([]stamp, 1)
	n, err := r.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return time.Time{}, false, err
	}
	if n == 0 {
		return time.Time{}, false, nil
	}
	return buf[0].IngestedAt, true, nil
}
