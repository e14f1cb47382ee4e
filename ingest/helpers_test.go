package ingest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/testcat"
)

// testCatalogue is the shared test catalogue (internal/testcat): SOs 1–4, project grants,
// operating support and specific actions, "of which" rules (errors) and result rules (warnings).
func testCatalogue(t testing.TB) *catalogue.Catalogue { return testcat.New(t) }

// copyTree copies a testdata folder into a temporary one, so that tests may add files to it.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeXLSX writes a workbook whose sheet holds rows (row 1 the header). A cell value that is a
// time.Time is written as an Excel date; a string starting with "=" becomes a formula.
func writeXLSX(t testing.TB, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch x := v.(type) {
			case string:
				if len(x) > 0 && x[0] == '=' {
					err = f.SetCellFormula(sheet, cell, x[1:])
				} else {
					err = f.SetCellStr(sheet, cell, x)
				}
			case time.Time:
				if err = f.SetCellValue(sheet, cell, x); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, dateStyle)
				}
			default:
				err = f.SetCellValue(sheet, cell, x)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

var reportHeader = []any{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"}

// goodXLSX is a valid XLSX report of AMIF-2023-001 for 2025 H2, with Excel date cells.
func goodXLSX(t testing.TB, path string) {
	d := func(s string) time.Time { return domain.MustDate(s).Time() }
	writeXLSX(t, path, "report", [][]any{
		reportHeader,
		{"AMIF-2023-001", d("2025-07-01"), d("2025-12-31"), "2026-01-25T12:00:00+02:00", "O.2.3", 30, ""},
		{"AMIF-2023-001", d("2025-07-01"), d("2025-12-31"), "2026-01-25T12:00:00+02:00", "O.2.3.1", 12, "kurssit"},
		{"AMIF-2023-001", d("2025-07-01"), d("2025-12-31"), "2026-01-25T12:00:00+02:00", "expenditure_eur", "21000.10", ""},
	})
}

// testClock is the clock of a test run, sec seconds into the tests' day: later than every
// report the tests send (a submitted_at after the run's clock is refused), and in the order
// of sec, which is what the runs' order depends on.
func testClock(sec int64) time.Time {
	return time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(sec) * time.Second)
}

// findingsOf is every finding of a run, as EachFinding gives them.
func findingsOf(t testing.TB, s *Summary) []domain.Finding {
	t.Helper()
	var out []domain.Finding
	if err := s.EachFinding(func(f domain.Finding) error { out = append(out, f); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// comparable is s with its findings in hand and without where they are stored, for comparing
// the summaries of runs into different warehouses.
func comparable(t testing.TB, s *Summary) Summary {
	t.Helper()
	c := *s
	c.findings, c.root, c.runID = findingsOf(t, s), "", ""
	return c
}
