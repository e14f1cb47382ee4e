package export

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mittari/domain"
)

// sv is c with its Swedish title.
func (c column) sv(title string) column {
	c.titleSV = title
	return c
}

// bilingual says whether the table's workbook heads its columns in English and Swedish: the
// tables of the annual performance report, the list of operations and the open data.
func (t table) bilingual() bool {
	for _, c := range t.columns {
		if c.titleSV != "" {
			return true
		}
	}
	return false
}

// excelEpoch is day 0 of a spreadsheet's date serial numbers.
var excelEpoch = domain.NewDate(1899, time.December, 30)

// streamSheet writes a bilingual table as a sheet through excelize's stream writer, which keeps
// a list of every operation (a row each) out of memory: the English titles in row 1, the
// Swedish ones in row 2, both frozen; cells typed and formatted as writeSheet types them.
func streamSheet(f *excelize.File, t table, st styles) error {
	each := func(yield func([]cell) error) error {
		for _, row := range t.rows {
			if err := yield(row); err != nil {
				return err
			}
		}
		return nil
	}
	widths := sheetWidths(t.columns)
	if err := each(func(row []cell) error { return widen(widths, row) }); err != nil {
		return err
	}
	return streamRows(f, t.tableDef, widths, st, each)
}

// sheetWidths are the widths of a bilingual sheet's columns from their titles alone; widen
// widens them for each row.
func sheetWidths(columns []column) []int {
	widths := make([]int, len(columns))
	for j, c := range columns {
		widths[j] = min(max(utf8.RuneCountInString(c.title), utf8.RuneCountInString(c.titleSV)), maxTitleWidth)
	}
	return widths
}

// widen widens the columns to fit row (each column's width is that of its widest cell).
func widen(widths []int, row []cell) error {
	if len(row) != len(widths) {
		return fmt.Errorf("a row has %d cells for %d columns", len(row), len(widths))
	}
	for j, c := range row {
		widths[j] = max(widths[j], utf8.RuneCountInString(c.String()))
	}
	return nil
}

// streamRows writes the sheet t.name of a bilingual table whose rows each yields, in the widths
// a first pass over the same rows found (sheetWidths, widen).
func streamRows(f *excelize.File, t tableDef, widths []int, st styles, each func(yield func([]cell) error) error) error {
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	for j, w := range widths {
		if err := sw.SetColWidth(j+1, j+1, float64(min(w, 60)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	en, sv := make([]any, len(t.columns)), make([]any, len(t.columns))
	for j, c := range t.columns {
		en[j], sv[j] = neutralise(c.title), neutralise(c.titleSV)
	}
	if err := sw.SetRow("A1", en, excelize.RowOpts{StyleID: st.header}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", sv, excelize.RowOpts{StyleID: st.header}); err != nil {
		return err
	}
	values := make([]any, len(t.columns))
	i := 0
	err = each(func(row []cell) error {
		if len(row) != len(t.columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", i+1, len(row), len(t.columns))
		}
		for j, c := range row {
			values[j] = streamValue(c, st)
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+3)
		i++
		return sw.SetRow(ref, values)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// streamValue is a cell as the stream writer takes it: typed, with the style writeCell gives.
func streamValue(c cell, st styles) any {
	switch c.kind {
	case textCell:
		return neutralise(c.s)
	case intCell:
		return c.n
	case boolCell:
		return c.n == 1
	case moneyCell:
		// A double, as writeCell writes it: reading it back and rounding to cents gives the
		// exact amount; the CSV stays the exact source.
		return excelize.Cell{StyleID: st.money, Value: float64(c.n) / 100}
	case percentCell:
		return excelize.Cell{StyleID: st.percent, Value: float64(c.n) / 10}
	case dateCell:
		return excelize.Cell{StyleID: st.date, Value: int64(domain.Date(c.n) - excelEpoch)}
	}
	return nil
}

// slicesSortBy sorts s stably by the rank key gives each element.
func slicesSortBy[T any](s []T, key func(T) int) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}

// orderedZip rewrites a workbook with its parts in name order, each part's bytes and header as
// they were. excelize writes the sheets of its stream writers in no fixed order; a rerun on the
// same data must give the same bytes.
func orderedZip(data []byte) ([]byte, error) {
	var out bytes.Buffer
	err := reorderZip(bytes.NewReader(data), int64(len(data)), &out)
	return out.Bytes(), err
}

// reorderZip is orderedZip from a workbook of size bytes in r to w.
func reorderZip(r io.ReaderAt, size int64, w io.Writer) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		dst, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// streamedWorkbook writes to w the workbook of one bilingual table whose rows each yields (read
// once), in the widths a first pass over them found, as bilingualWorkbook would write it with
// the rows in memory. excelize's output is reordered through a file in tmpDir, so that no copy
// of the workbook is held.
func streamedWorkbook(w io.Writer, tmpDir, title string, created time.Time, notes []string, t tableDef, widths []int,
	each func(yield func([]cell) error) error) error {
	f, st, addSheet, err := newWorkbook(title, created, notes)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := addSheet(t.name); err != nil {
		return err
	}
	if err := streamRows(f, t, widths, st, each); err != nil {
		return fmt.Errorf("sheet %s: %w", t.name, err)
	}
	raw, err := os.CreateTemp(tmpDir, ".workbook-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(raw.Name())
	defer raw.Close()
	size, err := f.WriteTo(raw)
	if err != nil {
		return err
	}
	return reorderZip(raw, size, w)
}

// bilingualWorkbook is workbook for bilingual tables, in a fixed part order.
func bilingualWorkbook(title string, created time.Time, notes []string, tables ...table) ([]byte, error) {
	data, err := workbook(title, created, notes, tables...)
	if err != nil {
		return nil, err
	}
	return orderedZip(data)
}
