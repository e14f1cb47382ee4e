package export

import (
	"bytes"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mittari/domain"
)

// workbook renders tables as one sheet each, plus a first sheet of notes when there are any
// (e.g. that the milestones and targets are illustrative, or the financial plan derived). The
// sheets are for a desk officer: the Commission's column titles, names beside codes, dates as
// date cells, booleans as booleans. created is the time of the run whose data the figures
// reflect, so that a rerun on the same data gives the same bytes; zero means the programme start.
func workbook(title string, created time.Time, notes []string, tables ...table) ([]byte, error) {
	f, st, addSheet, err := newWorkbook(title, created, notes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, t := range tables {
		if err := addSheet(t.name); err != nil {
			return nil, err
		}
		write := writeSheet
		if t.bilingual() {
			write = streamSheet
		}
		if err := write(f, t, st); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", t.name, err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// newWorkbook starts a workbook as workbook makes it: its properties and styles, and the notes
// sheet first when there are notes; addSheet adds each further sheet.
func newWorkbook(title string, created time.Time, notes []string) (f *excelize.File, st styles, addSheet func(name string) error, err error) {
	if created.IsZero() {
		created = domain.ProgrammeStart.Time()
	}
	stamp := created.UTC().Format(time.RFC3339)
	f = excelize.NewFile()
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	if err = f.SetDocProps(&excelize.DocProperties{
		Creator:        "Mittari",
		LastModifiedBy: "Mittari",
		Title:          title,
		Created:        stamp,
		Modified:       stamp,
		Language:       "en",
	}); err != nil {
		return nil, st, nil, err
	}
	if err = f.SetAppProps(&excelize.AppProperties{Application: "Mittari"}); err != nil {
		return nil, st, nil, err
	}
	if st, err = newStyles(f); err != nil {
		return nil, st, nil, err
	}
	first := true
	addSheet = func(name string) error {
		if first {
			first = false
			return f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return err
	}
	if len(notes) > 0 {
		if err = addSheet("notes"); err != nil {
			return nil, st, nil, err
		}
		width := 20.0
		for i, n := range notes {
			if err = f.SetCellStr("notes", fmt.Sprintf("A%d", i+1), neutralise(n)); err != nil {
				return nil, st, nil, err
			}
			width = max(width, min(120, float64(utf8.RuneCountInString(n))+2))
		}
		if err = f.SetColWidth("notes", "A", "A", width); err != nil {
			return nil, st, nil, err
		}
	}
	return f, st, addSheet, nil
}

// styles are the cell styles of a workbook.
type styles struct {
	header, money, percent, date int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return s, err
	}
	// Money shows with exactly two decimals (and the reader's thousands separator), percentages
	// with one, dates as ISO dates; the stored values are not affected by the format.
	moneyFmt, pctFmt, dateFmt := "#,##0.00", "0.0", "yyyy-mm-dd"
	if s.money, err = f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt}); err != nil {
		return s, err
	}
	if s.percent, err = f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt}); err != nil {
		return s, err
	}
	s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	return s, err
}

// maxTitleWidth caps a column's width from its title; long titles wrap in the header row.
const maxTitleWidth = 24

func writeSheet(f *excelize.File, t table, st styles) error {
	widths := make([]int, len(t.columns))
	for j, c := range t.columns {
		ref, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(t.name, ref, neutralise(c.title)); err != nil {
			return err
		}
		widths[j] = min(utf8.RuneCountInString(c.title), maxTitleWidth)
	}
	if err := f.SetRowStyle(t.name, 1, 1, st.header); err != nil {
		return err
	}
	for i, row := range t.rows {
		if len(row) != len(t.columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", i+1, len(row), len(t.columns))
		}
		for j, c := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := writeCell(f, t.name, ref, c, st); err != nil {
				return err
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(c.String()))
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(t.name, col, col, float64(min(w, 60)+2)); err != nil {
			return err
		}
	}
	return f.SetPanes(t.name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
}

func writeCell(f *excelize.File, sheet, ref string, c cell, st styles) error {
	switch c.kind {
	case textCell:
		return f.SetCellStr(sheet, ref, neutralise(c.s))
	case intCell:
		return f.SetCellInt(sheet, ref, c.n)
	case boolCell:
		return f.SetCellBool(sheet, ref, c.n == 1)
	case moneyCell:
		// An XLSX number is a double. Cents/100 is not exactly representable in binary, but for
		// |cents| < 2^53 the nearest double is unique among two-decimal values, so reading it
		// back and rounding to cents gives the exact amount again; the CSV beside the workbook
		// stays the exact source of truth.
		if err := f.SetCellFloat(sheet, ref, float64(c.n)/100, 2, 64); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, st.money)
	case percentCell:
		if err := f.SetCellFloat(sheet, ref, float64(c.n)/10, 1, 64); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, st.percent)
	case dateCell:
		if err := f.SetCellValue(sheet, ref, domain.Date(c.n).Time()); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, st.date)
	}
	return nil
}
