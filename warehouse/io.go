package warehouse

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"mittari/internal/errs"
)

// RowsPerRowGroup bounds a row group, so that readers can skip and parallelise (parquet-go's
// default puts a whole file in one group).
const RowsPerRowGroup = 256 * 1024

// PartitionDir is the folder of one run's files of one table.
func PartitionDir(root, table, runID string) string {
	return filepath.Join(root, table, "run_id="+runID)
}

// Glob is the pattern that matches every file of a table, for DuckDB's read_parquet with
// hive_partitioning.
func Glob(root, table string) string {
	return filepath.Join(root, table, "run_id=*", "*.parquet")
}

// Writer streams rows of one table into one file of a run's partition. Nothing is visible under
// the final name until Close succeeds.
type Writer[T any] struct {
	path string
	tmp  *os.File
	w    *parquet.GenericWriter[T]
	n    int64
}

// NewWriter starts file part-<part>.parquet of table in run runID's partition (zstd).
func NewWriter[T any](root, table, runID string, part int) (*Writer[T], error) {
	return NewWriterWith[T](root, table, runID, part)
}

// FastCompression is for the large tables a run writes row by row (report_rows): snappy costs
// about a fifth of zstd's CPU, for files about a third larger.
var FastCompression = parquet.Compression(&parquet.Snappy)

// NewWriterWith is NewWriter with parquet writer options applied after the defaults (zstd,
// RowsPerRowGroup), e.g. FastCompression.
func NewWriterWith[T any](root, table, runID string, part int, opts ...parquet.WriterOption) (*Writer[T], error) {
	dir := PartitionDir(root, table, runID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errs.E(errs.Op("warehouse.NewWriter"), errs.Path(dir), errs.IO, err)
	}
	path := filepath.Join(dir, fmt.Sprintf("part-%d.parquet", part))
	tmp, err := os.CreateTemp(dir, ".part-*.tmp")
	if err != nil {
		return nil, errs.E(errs.Op("warehouse.NewWriter"), errs.Path(dir), errs.IO, err)
	}
	w := parquet.NewGenericWriter[T](tmp, append([]parquet.WriterOption{
		parquet.MaxRowsPerRowGroup(RowsPerRowGroup),
		parquet.Compression(&parquet.Zstd),
	}, opts...)...)
	return &Writer[T]{path: path, tmp: tmp, w: w}, nil
}

// Write appends rows.
func (w *Writer[T]) Write(rows []T) error {
	n, err := w.w.Write(rows)
	w.n += int64(n)
	if err != nil {
		return errs.E(errs.Op("warehouse.Write"), errs.Path(w.path), errs.IO, err)
	}
	return nil
}

// Rows is how many rows were written so far.
func (w *Writer[T]) Rows() int64 { return w.n }

// Close finishes the file and moves it under its final name.
func (w *Writer[T]) Close() error {
	if err := w.w.Close(); err != nil {
		w.Abort()
		return errs.E(errs.Op("warehouse.Close"), errs.Path(w.path), errs.IO, err)
	}
	if err := w.tmp.Sync(); err != nil {
		w.Abort()
		return errs.E(errs.Op("warehouse.Close"), errs.Path(w.path), errs.IO, err)
	}
	if err := w.tmp.Close(); err != nil {
		os.Remove(w.tmp.Name())
		return errs.E(errs.Op("warehouse.Close"), errs.Path(w.path), errs.IO, err)
	}
	if err := os.Rename(w.tmp.Name(), w.path); err != nil {
		os.Remove(w.tmp.Name())
		return errs.E(errs.Op("warehouse.Close"), errs.Path(w.path), errs.IO, err)
	}
	return nil
}

// Abort drops the file; nothing becomes visible.
func (w *Writer[T]) Abort() {
	w.tmp.Close()
	os.Remove(w.tmp.Name())
}

// WriteTable writes rows as the whole of one run's partition of table (part 0). Empty input
// writes nothing.
func WriteTable[T any](root, table, runID string, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	w, err := NewWriter[T](root, table, runID, 0)
	if err != nil {
		return err
	}
	if err := w.Write(rows); err != nil {
		w.Abort()
		return err
	}
	return w.Close()
}

// CommitRun marks run runID as complete by writing its row of the runs table. Until then readers
// ignore every partition of that run.
func CommitRun(root, runID string, r RunRow) error {
	if err := writeFormat(root); err != nil {
		return err
	}
	return WriteTable(root, TableRuns, runID, []RunRow{r})
}

// writeFormat records Format at the root, once, atomically, before the first run is committed.
func writeFormat(root string) error {
	path := filepath.Join(root, FormatFile)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.Itoa(Format)+"\n"), 0o644); err != nil {
		return errs.E(errs.Op("warehouse.CommitRun"), errs.Path(path), errs.IO, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return errs.E(errs.Op("warehouse.CommitRun"), errs.Path(path), errs.IO, err)
	}
	return nil
}

// checkFormat refuses a warehouse with committed runs whose layout is not Format: reading it
// with today's schemas would fail deep in a query, or worse, not fail.
func checkFormat(root string) error {
	b, err := os.ReadFile(filepath.Join(root, FormatFile))
	got := strings.TrimSpace(string(b))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errs.E(errs.Op("warehouse.checkFormat"), errs.Path(root), errs.IO, err)
	}
	if got == strconv.Itoa(Format) {
		return nil
	}
	if got == "" {
		got = "1"
	}
	return errs.E(errs.Op("warehouse.checkFormat"), errs.Path(root), errs.Config,
		fmt.Errorf("the warehouse is in format %s, this Mittari reads format %d: ingest the inbox again into a new output folder (the inbox holds every file ingested)", got, Format))
}

// CommittedRuns lists the runs that finished, by id, sorted oldest first.
func CommittedRuns(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, TableRuns))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.E(errs.Op("warehouse.CommittedRuns"), errs.Path(root), errs.IO, err)
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutPrefix(e.Name(), "run_id=")
		if !ok || !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, TableRuns, e.Name(), "part-0.parquet")); err == nil {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) > 0 {
		if err := checkFormat(root); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// Read calls fn for every row of table in the committed runs, run by run in id order.
func Read[T any](root, table string, fn func(runID string, row T) error) error {
	runs, err := CommittedRuns(root)
	if err != nil {
		return err
	}
	for _, run := range runs {
		if err := ReadRun(root, table, run, func(row T) error { return fn(run, row) }); err != nil {
			return err
		}
	}
	return nil
}

// ReadRun calls fn for every row of one run's partition of table, whether or not the run is
// committed (the caller knows which run it wants). T may name a subset of the table's columns.
func ReadRun[T any](root, table, run string, fn func(row T) error) error {
	files, err := PartitionFiles(root, table, run)
	if err != nil {
		return err
	}
	for _, path := range files {
		if err := readFile(path, fn); err != nil {
			return err
		}
	}
	return nil
}

func readFile[T any](path string, fn func(T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return errs.E(errs.Op("warehouse.Read"), errs.Path(path), errs.IO, err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	buf := make([]T, 4096)
	for {
		n, err := r.Read(buf)
		for _, row := range buf[:n] {
			if ferr := fn(row); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errs.E(errs.Op("warehouse.Read"), errs.Path(path), errs.IO, err)
		}
	}
}
