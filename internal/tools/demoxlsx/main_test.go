package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// inbox is the committed demo inbox, relative to this package.
var inbox = filepath.Join("..", "..", "..", "data", "demo")

// TestCommittedFilesAreUpToDate fails when someone edits workbooks.go without regenerating, or
// edits an XLSX file by hand: the committed bytes must be what the table renders to.
func TestCommittedFilesAreUpToDate(t *testing.T) {
	for _, wb := range workbooks {
		t.Run(wb.Path, func(t *testing.T) {
			want, err := render(wb)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(inbox, filepath.FromSlash(wb.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from what workbooks.go renders; run `go run ./internal/tools/demoxlsx`", wb.Path)
			}
		})
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for _, wb := range workbooks[:3] {
		a, err := render(wb)
		if err != nil {
			t.Fatal(err)
		}
		b, err := render(wb)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", wb.Path)
		}
	}
}

// TestRenderedCells reads a rendered workbook back the way an ingest would (raw cell values) and
// checks the spec's layout: sheet "report", header in row 1, one row per item, and dates either
// as Excel date serials or as ISO text depending on DateCells.
func TestRenderedCells(t *testing.T) {
	rep := report{ProjectID: "AMIF-2099-001", PeriodStart: "2025-01-01", PeriodEnd: "2025-06-30",
		SubmittedAt: "2025-07-20T10:15:00+03:00", Items: []item{{"O.2.3", "41"}, {"expenditure_eur", "18250.40"}}}
	tests := []struct {
		name      string
		dateCells bool
		wantStart string // raw cell value of B2
		wantValue string // raw cell value of F3
	}{
		{"iso text", false, "2025-01-01", "18250.40"},
		{"date cells", true, "45658", "18250.4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := render(workbook{Path: "x.xlsx", DateCells: tc.dateCells, Reports: []report{rep}})
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(sheetName, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3 {
				t.Fatalf("got %d rows, want header + 2 items", len(rows))
			}
			for i, h := range header {
				if rows[0][i] != h {
					t.Errorf("header column %d = %q, want %q", i+1, rows[0][i], h)
				}
			}
			if got := rows[1][1]; got != tc.wantStart {
				t.Errorf("B2 = %q, want %q", got, tc.wantStart)
			}
			if tc.dateCells {
				d, err := excelize.ExcelDateToTime(45658, false)
				if err != nil || !d.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("serial 45658 is %v (%v), want 2025-01-01", d, err)
				}
			}
			if got := rows[2][5]; got != tc.wantValue {
				t.Errorf("F3 = %q, want %q", got, tc.wantValue)
			}
			if got := rows[1][3]; got != rep.SubmittedAt {
				t.Errorf("D2 = %q, want the RFC 3339 text %q", got, rep.SubmittedAt)
			}
		})
	}
}
