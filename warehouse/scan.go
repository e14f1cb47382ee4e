package warehouse

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"mittari/internal/errs"
)

// A run on a large warehouse must not decode every row the warehouse holds to take in one new
// report. The functions here read single columns of the warehouse's Parquet files and skip a row
// group when its dictionary shows that it holds none of the keys sought (parquet-go writes one
// dictionary per column chunk; a chunk whose pages fell back to PLAIN is read in full instead).

// CommittedFiles lists the files of table in the committed runs, run by run in id order (for
// readers that hand them to another engine, such as DuckDB's read_parquet).
func CommittedFiles(root, table string) ([]string, error) {
	runs, err := CommittedRuns(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, run := range runs {
		files, err := PartitionFiles(root, table, run)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// PartitionFiles lists the files of one run's partition of table, sorted, whether or not the
// run is committed (none when the run wrote no such table).
func PartitionFiles(root, table, run string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(PartitionDir(root, table, run), "*.parquet"))
	if err != nil {
		return nil, errs.E(errs.Op("warehouse.PartitionFiles"), errs.Path(root), errs.IO, err)
	}
	sort.Strings(files)
	return files, nil
}

// PartitionRows counts the rows of one run's partition of table, from the files' footers.
func PartitionRows(root, table, run string) (int64, error) {
	files, err := PartitionFiles(root, table, run)
	if err != nil {
		return 0, err
	}
	n := int64(0)
	for _, path := range files {
		p, err := openParquet(path)
		if err != nil {
			return 0, err
		}
		n += p.pf.NumRows()
		p.Close()
	}
	return n, nil
}

// parquetFile is one open warehouse file and the column indexes of its schema.
type parquetFile struct {
	path string
	os   *os.File
	pf   *parquet.File
}

func openParquet(path string) (*parquetFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(errs.Op("warehouse.openParquet"), errs.Path(path), errs.IO, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errs.E(errs.Op("warehouse.openParquet"), errs.Path(path), errs.IO, err)
	}
	// The offset index lets columnsAt seek to a row's page; bloom filters are not used.
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true))
	if err != nil {
		f.Close()
		return nil, errs.E(errs.Op("warehouse.openParquet"), errs.Path(path), errs.IO, err)
	}
	return &parquetFile{path: path, os: f, pf: pf}, nil
}

func (p *parquetFile) Close() error { return p.os.Close() }

// column is the index of the named top-level column; an error names the file when it lacks it.
func (p *parquetFile) column(name string) (int, error) {
	leaf, ok := p.pf.Schema().Lookup(name)
	if !ok {
		return 0, errs.E(errs.Op("warehouse.column"), errs.Path(p.path), errs.Invalid, errors.New("no column "+name))
	}
	return leaf.ColumnIndex, nil
}

// values appends every value of column col of row group g to buf[:0], one per row (NULL values
// included: the columns read here are flat). Byte-array values point into the page buffers and
// are valid until the row group is done with.
func (p *parquetFile) values(g, col int, buf []parquet.Value) ([]parquet.Value, error) {
	rg := p.pf.RowGroups()[g]
	if n := int(rg.NumRows()); cap(buf) < n {
		buf = make([]parquet.Value, 0, n)
	}
	buf = buf[:0]
	err := p.eachPage(g, col, func(vals []parquet.Value) { buf = append(buf, vals...) })
	return buf, err
}

// eachPage calls fn with the values of each page of column col of row group g in turn; vals
// is reused for the next page.
func (p *parquetFile) eachPage(g, col int, fn func(vals []parquet.Value)) error {
	pages := p.pf.RowGroups()[g].ColumnChunks()[col].Pages()
	defer pages.Close()
	var vals []parquet.Value
	for {
		page, err := pages.ReadPage()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errs.E(errs.Op("warehouse.values"), errs.Path(p.path), errs.IO, err)
		}
		n := int(page.NumValues())
		if cap(vals) < n {
			vals = make([]parquet.Value, n)
		}
		vals = vals[:n]
		r := page.Values()
		read := 0
		for read < n {
			k, err := r.ReadValues(vals[read:])
			read += k
			if err == io.EOF || k == 0 && err == nil {
				break
			}
			if err != nil {
				return errs.E(errs.Op("warehouse.values"), errs.Path(p.path), errs.IO, err)
			}
		}
		fn(vals[:read])
	}
}

// mayHold reports whether column col of row group g may hold a value for which want is true:
// false only when every data page of the chunk is dictionary-encoded and no dictionary entry
// is wanted.
func (p *parquetFile) mayHold(g, col int, want func([]byte) bool) (bool, error) {
	meta := p.pf.Metadata().RowGroups[g].Columns[col].MetaData
	if len(meta.EncodingStats) == 0 {
		return true, nil
	}
	for _, s := range meta.EncodingStats {
		isData := s.PageType == format.DataPage || s.PageType == format.DataPageV2
		if isData && s.Encoding != format.RLEDictionary && s.Encoding != format.PlainDictionary {
			return true, nil
		}
	}
	pages := p.pf.RowGroups()[g].ColumnChunks()[col].Pages()
	defer pages.Close()
	page, err := pages.ReadPage()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, errs.E(errs.Op("warehouse.mayHold"), errs.Path(p.path), errs.IO, err)
	}
	dict := page.Dictionary()
	if dict == nil {
		return true, nil
	}
	for i := 0; i < dict.Len(); i++ {
		if want(dict.Index(int32(i)).ByteArray()) {
			return true, nil
		}
	}
	return false, nil
}

// scanMatching calls fn, for every row group of every committed file of table whose key column
// may hold a wanted value, with the file, the group and the rows (indexes within the group)
// whose key is wanted.
func scanMatching(root, table, key string, want func([]byte) bool, fn func(p *parquetFile, g int, rows []int) error) error {
	files, err := CommittedFiles(root, table)
	if err != nil {
		return err
	}
	return scanFiles(files, key, want, fn)
}

// scanFiles is scanMatching over the given files.
func scanFiles(files []string, key string, want func([]byte) bool, fn func(p *parquetFile, g int, rows []int) error) error {
	var keys []parquet.Value
	var rows []int
	return eachRowGroup(files, key, func(p *parquetFile, g, col int) error {
		ok, err := p.mayHold(g, col, want)
		if err != nil || !ok {
			return err
		}
		if keys, err = p.values(g, col, keys); err != nil {
			return err
		}
		rows = rows[:0]
		for i, v := range keys {
			if !v.IsNull() && want(v.ByteArray()) {
				rows = append(rows, i)
			}
		}
		if len(rows) == 0 {
			return nil
		}
		return fn(p, g, rows)
	})
}

// eachRowGroup opens each file in turn and calls fn for each of its row groups with the index
// of column key, closing the file before the next.
func eachRowGroup(files []string, key string, fn func(p *parquetFile, g, col int) error) error {
	for _, path := range files {
		p, err := openParquet(path)
		if err != nil {
			return err
		}
		err = func() error {
			col, err := p.column(key)
			if err != nil {
				return err
			}
			for g := range p.pf.RowGroups() {
				if err := fn(p, g, col); err != nil {
					return err
				}
			}
			return nil
		}()
		p.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// int64Stats is the minimum and maximum of int64 column col in row group g, from the column
// chunk's statistics, and whether it has them and no NULLs.
func (p *parquetFile) int64Stats(g, col int) (lo, hi int64, ok bool) {
	st := p.pf.Metadata().RowGroups[g].Columns[col].MetaData.Statistics
	if len(st.MinValue) != 8 || len(st.MaxValue) != 8 || st.NullCount != 0 {
		return 0, 0, false
	}
	return int64(binary.LittleEndian.Uint64(st.MinValue)), int64(binary.LittleEndian.Uint64(st.MaxValue)), true
}

// columnsAt reads the named columns of the given rows (ascending indexes within row group g):
// out[c][k] is column names[c] of row rows[k]. A few rows are read by seeking to the page
// that holds each (a nightly run wants a handful of a million), many by reading the whole
// column.
func (p *parquetFile) columnsAt(g int, rows []int, names ...string) ([][]parquet.Value, error) {
	out := make([][]parquet.Value, len(names))
	few := len(rows) <= 64
	for c, name := range names {
		col, err := p.column(name)
		if err != nil {
			return nil, err
		}
		if !few {
			all, err := p.values(g, col, nil)
			if err != nil {
				return nil, err
			}
			out[c] = make([]parquet.Value, len(rows))
			for k, r := range rows {
				out[c][k] = all[r]
			}
			continue
		}
		if out[c], err = p.seekValues(g, col, rows); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// seekValues reads the values of column col at the given rows of row group g, one page seek
// each. Byte arrays are copied: the page they point into is not kept.
func (p *parquetFile) seekValues(g, col int, rows []int) ([]parquet.Value, error) {
	pages := p.pf.RowGroups()[g].ColumnChunks()[col].Pages()
	defer pages.Close()
	out := make([]parquet.Value, len(rows))
	buf := make([]parquet.Value, 1)
	for k, r := range rows {
		if err := pages.SeekToRow(int64(r)); err != nil {
			return nil, errs.E(errs.Op("warehouse.seekValues"), errs.Path(p.path), errs.IO, err)
		}
		page, err := pages.ReadPage()
		if err != nil {
			return nil, errs.E(errs.Op("warehouse.seekValues"), errs.Path(p.path), errs.IO, err)
		}
		n, err := page.Values().ReadValues(buf)
		if n != 1 {
			if err == nil || err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, errs.E(errs.Op("warehouse.seekValues"), errs.Path(p.path), errs.IO, err)
		}
		out[k] = buf[0].Clone()
	}
	return out, nil
}

// maxInt64 is the largest value of the int64 column key of table in the committed runs (0 if
// there is none), from the column chunks' statistics where they have them.
func maxInt64(root, table, key string) (int64, error) {
	files, err := CommittedFiles(root, table)
	if err != nil {
		return 0, err
	}
	var largest int64
	err = eachRowGroup(files, key, func(p *parquetFile, g, col int) error {
		if _, hi, ok := p.int64Stats(g, col); ok {
			largest = max(largest, hi)
			return nil
		}
		return p.eachPage(g, col, func(vals []parquet.Value) {
			for _, v := range vals {
				if !v.IsNull() {
					largest = max(largest, v.Int64())
				}
			}
		})
	})
	return largest, err
}

// scanMatchingIDs is scanMatching for an int64 key and a set of wanted ids, sorted: it skips a
// row group whose statistics show none of them within its [min, max] (ids are given in write
// order, so the rows of a few versions sit in a few row groups, even when the versions are
// years apart) and calls fn with the rows whose key is wanted.
func scanMatchingIDs(root, table, key string, ids []int64, fn func(p *parquetFile, g int, rows []int) error) error {
	if len(ids) == 0 {
		return nil
	}
	files, err := CommittedFiles(root, table)
	if err != nil {
		return err
	}
	var rows []int
	return eachRowGroup(files, key, func(p *parquetFile, g, col int) error {
		if lo, hi, ok := p.int64Stats(g, col); ok && !anyWithin(ids, lo, hi) {
			return nil
		}
		rows = rows[:0]
		i := 0
		err := p.eachPage(g, col, func(vals []parquet.Value) {
			for _, v := range vals {
				if _, wanted := slices.BinarySearch(ids, v.Int64()); wanted && !v.IsNull() {
					rows = append(rows, i)
				}
				i++
			}
		})
		if err != nil || len(rows) == 0 {
			return err
		}
		return fn(p, g, rows)
	})
}

// anyWithin reports whether any of the sorted ids lies in [lo, hi].
func anyWithin(ids []int64, lo, hi int64) bool {
	i, _ := slices.BinarySearch(ids, lo) // the first id at or above lo
	return i < len(ids) && ids[i] <= hi
}
