package export

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// fixedTimestamp stands in for the creation time in the workbook's properties: a rerun on the
// same figures must give the same bytes, so no wall-clock time may enter the file.
const fixedTimestamp = "2021-01-01T00:00:00Z"

// workbook renders tables as one sheet each, plus an optional first sheet of notes (e.g. that
// the milestones and targets are illustrative).
func workbook(title string, notes []string, tables ...table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        "Mittari",
		LastModifiedBy: "Mittari",
		Title:          title,
		Created:        fixedTimestamp,
		Modified:       fixedTimestamp,
		Language:       "en",
	}); err != nil {
		return nil, err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "Mittari"}); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	// Money shows with exactly two decimals (and the reader's thousands separator), percentages
	// with one; the stored values are not affected by the format.
	moneyFmt := "#,##0.00"
	moneyStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	if err != nil {
		return nil, err
	}
	pctFmt := "0.0"
	pctStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return nil, err
	}

	first := true
	addSheet := func(name string) error {
		if first {
			first = false
			return f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return err
	}
	if len(notes) > 0 {
		if err := addSheet("notes"); err != nil {
			return nil, err
		}
		width := 20.0
		for i, n := range notes {
			if err := f.SetCellStr("notes", fmt.Sprintf("A%d", i+1), n); err != nil {
				return nil, err
			}
			width = max(width, min(120, float64(utf8.RuneCountInString(n))+2))
		}
		if err := f.SetColWidth("notes", "A", "A", width); err != nil {
			return nil, err
		}
	}
	for _, t := range tables {
		if err := addSheet(t.name); err != nil {
			return nil, err
		}
		if err := writeSheet(f, t, bold, moneyStyle, pctStyle); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", t.name, err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeSheet(f *excelize.File, t table, bold, moneyStyle, pctStyle int) error {
	widths := make([]int, len(t.header))
	for j, h := range t.header {
		ref, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(t.name, ref, h); err != nil {
			return err
		}
		widths[j] = utf8.RuneCountInString(h)
	}
	if err := f.SetRowStyle(t.name, 1, 1, bold); err != nil {
		return err
	}
	for i, row := range t.rows {
		for j, c := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
			var err error
			switch c.kind {
			case textCell:
				err = f.SetCellStr(t.name, ref, c.s)
			case intCell:
				err = f.SetCellInt(t.name, ref, c.n)
			case moneyCell:
				// An XLSX number is a double. Cents/100 is not exactly representable in binary,
				// but for |cents| < 2^53 the nearest double is unique among two-decimal values,
				// so reading it back and rounding to cents gives the exact amount again; the
				// CSV beside the workbook stays the exact source of truth.
				if err = f.SetCellFloat(t.name, ref, float64(c.n)/100, 2, 64); err == nil {
					err = f.SetCellStyle(t.name, ref, ref, moneyStyle)
				}
			case percentCell:
				if err = f.SetCellFloat(t.name, ref, float64(c.n)/10, 1, 64); err == nil {
					err = f.SetCellStyle(t.name, ref, ref, pctStyle)
				}
			}
			if err != nil {
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
