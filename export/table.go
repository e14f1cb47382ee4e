package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"mittari/domain"
	"mittari/metrics"
)

// cellKind says how a value is written: CSV always gets text, XLSX gets a typed cell.
type cellKind int

const (
	emptyCell cellKind = iota
	textCell
	intCell
	moneyCell   // n is cents
	percentCell // n is tenths of a per cent
	dateCell    // n is a domain.Date
	boolCell    // n is 1 for true
)

type cell struct {
	kind cellKind
	s    string
	n    int64
}

func text(s string) cell        { return cell{kind: textCell, s: s} }
func integer(n int64) cell      { return cell{kind: intCell, n: n} }
func money(c domain.Cents) cell { return cell{kind: moneyCell, n: int64(c)} }
func date(d domain.Date) cell   { return cell{kind: dateCell, n: int64(d)} }
func optionalInt(p *int64) cell {
	if p == nil {
		return cell{kind: emptyCell}
	}
	return integer(*p)
}

func boolean(b bool) cell {
	if b {
		return cell{kind: boolCell, n: 1}
	}
	return cell{kind: boolCell}
}

// pct is a percentage a mart computed (tenths of a per cent); empty where it has none.
func pct(p metrics.Pct) cell {
	if !p.Valid {
		return cell{kind: emptyCell}
	}
	return cell{kind: percentCell, n: p.Tenths}
}

// String is the cell as it stands in a CSV file.
func (c cell) String() string {
	switch c.kind {
	case textCell:
		return neutralise(c.s)
	case intCell:
		return strconv.FormatInt(c.n, 10)
	case moneyCell:
		return domain.Cents(c.n).String()
	case percentCell:
		return metrics.Pct{Tenths: c.n, Valid: true}.String()
	case dateCell:
		return domain.Date(c.n).String()
	case boolCell:
		return strconv.FormatBool(c.n == 1)
	}
	return ""
}

// neutralise keeps a spreadsheet from running text as a formula (CSV injection): text that
// begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which spreadsheets
// show as text and never evaluate. The text itself is kept whole. Every text cell of every CSV
// file and workbook goes through it.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// column is one column of an exported table.
type column struct {
	// name is the CSV header: the interface contract's machine name.
	name string
	// title is the workbook's header, worded as the Commission's tables word it; titleSV the
	// same in Swedish, which a bilingual table's workbook shows under it.
	title, titleSV string
	// from says where the values come from, for LINEAGE.md: a column of the table's mart, or
	// another source ("catalogue: indicators.csv name_en").
	from string
	// xlsxOnly columns are a reader's aid in the workbook (names beside codes); the CSV keeps
	// the contract's shape without them.
	xlsxOnly bool
}

// tableDef is what an exported table is: its file, the mart its rows come from and its columns.
// LINEAGE.md is generated from the definitions (tableDefs).
type tableDef struct {
	name string // file name without extension, also the sheet name
	// path is where the CSV file lands under the output folder, for LINEAGE.md.
	path string
	// mart is the mart the rows come from (transform/models/marts/<mart>.sql).
	mart    string
	columns []column
}

// table is one exported table: a CSV file and a sheet of a workbook.
type table struct {
	tableDef
	rows [][]cell
}

// csvColumns are the columns the CSV file has.
func (t table) csvColumns() []int {
	var out []int
	for i, c := range t.columns {
		if !c.xlsxOnly {
			out = append(out, i)
		}
	}
	return out
}

// csvBytes renders the table as RFC 4180 CSV, UTF-8 without BOM, LF line ends.
func (t table) csvBytes() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	cols := t.csvColumns()
	rec := make([]string, len(cols))
	for i, j := range cols {
		rec[i] = t.columns[j].name
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	for i, row := range t.rows {
		if len(row) != len(t.columns) {
			return nil, fmt.Errorf("%s row %d has %d cells for %d columns", t.name, i+1, len(row), len(t.columns))
		}
		for k, j := range cols {
			rec[k] = row[j].String()
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
