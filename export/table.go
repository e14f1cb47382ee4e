package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"mittari/domain"
)

// cellKind says how a value is written: CSV always gets text, XLSX gets a typed cell.
type cellKind int

const (
	emptyCell cellKind = iota
	textCell
	intCell
	moneyCell   // n is cents
	percentCell // n is tenths of a per cent
)

type cell struct {
	kind cellKind
	s    string
	n    int64
}

func text(s string) cell        { return cell{kind: textCell, s: s} }
func integer(n int64) cell      { return cell{kind: intCell, n: n} }
func money(c domain.Cents) cell { return cell{kind: moneyCell, n: int64(c)} }
func optionalInt(p *int64) cell { return optional(p, integer) }
func optional(p *int64, f func(int64) cell) cell {
	if p == nil {
		return cell{kind: emptyCell}
	}
	return f(*p)
}

// percentOf is part/whole as a per cent with one decimal, rounded half away from zero in integer
// arithmetic so that the figure is the same on every machine; empty when whole is missing or 0.
func percentOf(part int64, whole *int64) cell {
	if whole == nil || *whole == 0 {
		return cell{kind: emptyCell}
	}
	num, den := part*1000, *whole
	neg := (num < 0) != (den < 0)
	if num < 0 {
		num = -num
	}
	if den < 0 {
		den = -den
	}
	q := (2*num + den) / (2 * den)
	if neg {
		q = -q
	}
	return cell{kind: percentCell, n: q}
}

// String is the cell as it stands in a CSV file.
func (c cell) String() string {
	switch c.kind {
	case textCell:
		return c.s
	case intCell:
		return strconv.FormatInt(c.n, 10)
	case moneyCell:
		return domain.Cents(c.n).String()
	case percentCell:
		sign, v := "", c.n
		if v < 0 {
			sign, v = "-", -v
		}
		return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
	}
	return ""
}

// table is one exported table: a CSV file and a sheet of a workbook.
type table struct {
	name   string // file name without extension, also the sheet name
	header []string
	rows   [][]cell
}

// csvBytes renders the table as RFC 4180 CSV, UTF-8 without BOM, LF line ends.
func (t table) csvBytes() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(t.header); err != nil {
		return nil, err
	}
	rec := make([]string, len(t.header))
	for i, row := range t.rows {
		if len(row) != len(t.header) {
			return nil, fmt.Errorf("%s row %d has %d cells for %d columns", t.name, i+1, len(row), len(t.header))
		}
		for j, c := range row {
			rec[j] = c.String()
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
