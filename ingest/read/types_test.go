package read

import "testing"

// TestNotRead: a report saved in a spreadsheet format Mittari does not read is told what to save
// it as; any other file is only said not to be read.
func TestNotRead(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"reports/h1.xls", `an Excel 97-2003 workbook (.xls) is not read; save the report as an Excel workbook (.xlsx) or as "CSV UTF-8"`},
		{"reports/H1.XLSM", `a macro-enabled Excel workbook (.xlsm) is not read; save the report as an Excel workbook (.xlsx) or as "CSV UTF-8"`},
		{"reports/h1.ods", `an OpenDocument spreadsheet (.ods) is not read; save the report as an Excel workbook (.xlsx) or as "CSV UTF-8"`},
		{"reports/notes.txt", "not a .csv, .xlsx, .json or .jsonl file; not read"},
		{"reports/v1.xls/README", "not a .csv, .xlsx, .json or .jsonl file; not read"},
	} {
		if got := NotRead(c.name); got != c.want {
			t.Errorf("NotRead(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
