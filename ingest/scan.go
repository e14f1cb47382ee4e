package ingest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"mittari/internal/errs"
	"mittari/warehouse"
)

// A run on a large warehouse must not decode every row the warehouse holds to take in one new
// report. The functions here read single columns of the warehouse's Parquet files and skip a row
// group when its dictionary shows that it holds none of the keys sought (parquet-go writes one
// dictionary per column chunk; a chunk whose pages fell back to PLAIN is read in full instead).

// committedFiles lists the files of table in the committed runs, run by run in id order.
func committedFiles(root, table string) ([]string, error) {
	runs, err := warehouse.CommittedRuns(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, run := range runs {
		files, err := filepath.Glob(filepath.Join(warehouse.PartitionDir(root, table, run), "*.parquet"))
		if err != nil {
			return nil, errs.E("ingest.committedFiles", root, errs.IO, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
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
		return nil, errs.E("ingest.openParquet", path, errs.IO, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errs.E("ingest.openParquet", path, errs.IO, err)
	}
	// Page indexes and bloom filters are not used here; skipping them keeps the open cheap.
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		f.Close()
		return nil, errs.E("ingest.openParquet", path, errs.IO, err)
	}
	return &parquetFile{path: path, os: f, pf: pf}, nil
}

func (p *parquetFile) Close() error { return p.os.Close() }

// column is the index of the named top-level column; an error names the file when it lacks it.
func (p *parquetFile) column(name string) (int, error) {
	leaf, ok := p.pf.Schema().Lookup(name)
	if !ok {
		return 0, errs.E("ingest.column", p.path, errs.Invalid, errors.New("no column "+name))
	}
	return leaf.ColumnIndex, nil
}

// values appends every value of column col of row group g to buf[:0], one per row (NULL values
// included: the columns read here are flat). Byte-array values point into the page buffers and
// are valid until the row group is done with.
func (p *parquetFile) values(g, col int, buf []parquet.Value) ([]parquet.Value, error) {
	buf = buf[:0]
	pages := p.pf.RowGroups()[g].ColumnChunks()[col].Pages()
	defer pages.Close()
	for {
		page, err := pages.ReadPage()
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, errs.E("ingest.values", p.path, errs.IO, err)
		}
		n := int(page.NumValues())
		start := len(buf)
		buf = append(buf, make([]parquet.Value, n)...)
		r := page.Values()
		for read := 0; read < n; {
			k, err := r.ReadValues(buf[start+read : start+n])
			read += k
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, errs.E("ingest.values", p.path, errs.IO, err)
			}
			if k == 0 {
				break
			}
		}
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
		return false, errs.E("ingest.mayHold", p.path, errs.IO, err)
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
	files, err := committedFiles(root, table)
	if err != nil {
		return err
	}
	var keys []parquet.Value
	var rows []int
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
				ok, err := p.mayHold(g, col, want)
				if err != nil {
					return err
				}
				if !ok {
					continue
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
				if len(rows) > 0 {
					if err := fn(p, g, rows); err != nil {
						return err
					}
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

// columns reads the named columns of row group g.
func (p *parquetFile) columns(g int, names ...string) ([][]parquet.Value, error) {
	out := make([][]parquet.Value, len(names))
	for i, name := range names {
		col, err := p.column(name)
		if err != nil {
			return nil, err
		}
		if out[i], err = p.values(g, col, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eachValue calls fn with every non-NULL value of column key of table in the committed runs;
// b is valid only during the call. A dictionary-encoded chunk is read as its dictionary alone.
func eachValue(root, table, key string, fn func(b []byte)) error {
	return scanMatching(root, table, key, func(b []byte) bool { fn(b); return false }, nil)
}
