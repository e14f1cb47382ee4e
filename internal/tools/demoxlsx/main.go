package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"mittari/internal/atomicfile"
)

// workbook is one XLSX file of the demo inbox.
type workbook struct {
	Path string // relative to the inbox
	// DateCells writes period_start and period_end as Excel date cells (with a date number
	// format) and values as numbers; otherwise every cell is ISO text, as some beneficiaries'
	// exports do. The ingest must read both.
	DateCells bool
	Reports   []report
}

// report is one report: its key, version and items, one sheet row per item.
type report struct {
	ProjectID, PeriodStart, PeriodEnd, SubmittedAt string
	Items                                          []item
}

// item is an indicator code or expenditure_eur with its value as the beneficiary typed it.
type item struct {
	Name, Value string
}

// sheetName and header are fixed by the spec's XLSX format.
const sheetName = "report"

var header = []string{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"}

const demoComment = "DEMO DATA"

// fixedTime stamps the document properties so that regenerating gives the same bytes.
const fixedTime = "2026-01-01T00:00:00Z"

func main() {
	inbox := flag.String("inbox", "data/demo", "the demo inbox folder the XLSX paths are relative to")
	flag.Parse()
	for _, wb := range workbooks {
		b, err := render(wb)
		if err != nil {
			fmt.Fprintln(os.Stderr, "demoxlsx:", err)
			os.Exit(1)
		}
		path := filepath.Join(*inbox, filepath.FromSlash(wb.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "demoxlsx:", err)
			os.Exit(1)
		}
		if err := atomicfile.WriteBytes(path, b); err != nil {
			fmt.Fprintln(os.Stderr, "demoxlsx:", err)
			os.Exit(1)
		}
	}
}

// render builds one workbook in memory.
func render(wb workbook) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	fail := func(err error) ([]byte, error) { return nil, fmt.Errorf("%s: %w", wb.Path, err) }
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return fail(err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        "Mittari demo inbox (DEMO DATA)",
		LastModifiedBy: "internal/tools/demoxlsx",
		Title:          "AMIF indicator report — DEMO DATA, not real figures",
		Created:        fixedTime,
		Modified:       fixedTime,
	}); err != nil {
		return fail(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return fail(err)
	}
	for col, h := range header {
		if err := setCell(f, col, 1, h); err != nil {
			return fail(err)
		}
	}
	row := 2
	for _, r := range wb.Reports {
		for _, it := range r.Items {
			cells := []any{r.ProjectID, r.PeriodStart, r.PeriodEnd, r.SubmittedAt, it.Name, it.Value, demoComment}
			if wb.DateCells {
				for _, i := range []int{1, 2} {
					d, err := time.Parse(time.DateOnly, cells[i].(string))
					if err != nil {
						return fail(fmt.Errorf("report %s: %w", r.ProjectID, err))
					}
					cells[i] = d
				}
				v, err := strconv.ParseFloat(it.Value, 64)
				if err != nil {
					return fail(fmt.Errorf("report %s item %s: %w", r.ProjectID, it.Name, err))
				}
				cells[5] = v
			}
			for col, v := range cells {
				if err := setCell(f, col, row, v); err != nil {
					return fail(err)
				}
			}
			if wb.DateCells {
				for _, col := range []int{1, 2} {
					ref, _ := excelize.CoordinatesToCellName(col+1, row)
					if err := f.SetCellStyle(sheetName, ref, ref, dateStyle); err != nil {
						return fail(err)
					}
				}
			}
			row++
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fail(err)
	}
	return buf.Bytes(), nil
}

func setCell(f *excelize.File, col, row int, v any) error {
	ref, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return err
	}
	return f.SetCellValue(sheetName, ref, v)
}

func ptr[T any](v T) *T { return &v }
