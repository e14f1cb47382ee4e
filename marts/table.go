package marts

import (
	"errors"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"

	"mittari/internal/errs"
)

// table is one mart file open for reading, row by row.
type table struct {
	path string
	f    *os.File
	pf   *parquet.File
}

func openTable(path string) (*table, error) {
	const op errs.Op = "marts.open"
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(op, errs.Path(path), errs.IO,
			"a mart the export reads is missing: run `mittari transform` (or `mittari run`) again", err)
	}
	st, err := f.Stat()
	if err == nil {
		var pf *parquet.File
		if pf, err = parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true)); err == nil {
			return &table{path: path, f: f, pf: pf}, nil
		}
	}
	f.Close()
	return nil, errs.E(op, errs.Path(path), errs.Invalid, "not a mart written by `mittari transform` (run it again)", err)
}

func (t *table) Close() error { return t.f.Close() }

// columns are the indexes of the named columns in a row, in the order named.
func (t *table) columns(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		leaf, ok := t.pf.Schema().Lookup(n)
		if !ok {
			return nil, errs.E(errs.Op("marts.columns"), errs.Path(t.path), errs.Invalid,
				"the mart has no column "+n+": it was written by another version of Mittari (run `mittari transform` again)")
		}
		out[i] = leaf.ColumnIndex
	}
	return out, nil
}

// cursor reads the rows of a table in order, a batch at a time.
type cursor struct {
	t     *table
	group int
	rows  parquet.Rows
	buf   []parquet.Row
	n, i  int
	err   error
}

func (t *table) cursor() *cursor { return &cursor{t: t, buf: make([]parquet.Row, 256)} }

// next returns the next row, valid until the batch it came in is done with (its byte arrays
// point into the pages read); nil at the end or on an error (err).
func (c *cursor) next() parquet.Row {
	for c.i == c.n {
		if c.err != nil {
			return nil
		}
		if c.rows == nil {
			groups := c.t.pf.RowGroups()
			if c.group == len(groups) {
				return nil
			}
			c.rows = groups[c.group].Rows()
			c.group++
		}
		n, err := c.rows.ReadRows(c.buf)
		c.n, c.i = n, 0
		if errors.Is(err, io.EOF) {
			c.rows.Close()
			c.rows = nil
		} else if err != nil {
			c.rows.Close()
			c.err = errs.E(errs.Op("marts.read"), errs.Path(c.t.path), errs.IO, err)
			c.n = 0
		}
	}
	c.i++
	return c.buf[c.i-1]
}

func (c *cursor) close() {
	if c.rows != nil {
		c.rows.Close()
	}
}

// Values of a row, by column index; NULL reads as the zero value.
func str(r parquet.Row, i int) string {
	if r[i].IsNull() {
		return ""
	}
	return string(r[i].ByteArray())
}

func i64(r parquet.Row, i int) int64 {
	if r[i].IsNull() {
		return 0
	}
	if r[i].Kind() == parquet.Int32 {
		return int64(r[i].Int32())
	}
	return r[i].Int64()
}

func boolean(r parquet.Row, i int) bool { return !r[i].IsNull() && r[i].Boolean() }
