package ingest

import (
	"archive/zip"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"mittari/domain"
)

// ruleCase is a failing and a passing input for one rule. A case adds one report file (or
// register lines) to the base inbox testdata/inbox; the failing file is also part of the bad-input
// corpus testdata/bad-inbox, written by `go test -run TestBadInbox -update` unless big or binary
// (then generate writes it at test time).
type ruleCase struct {
	rule string
	// ext is the report file's extension; the file is reports/<rule>.<ext>.
	ext       string
	bad, good string
	// generate writes the failing (good=false) or passing file at path, for binary or big inputs.
	generate func(t testing.TB, path string, good bool) string
	// projects and targets are register lines appended instead of a report file.
	projects, targets [2]string
	// projectColumns are optional register columns added (empty) to projects.csv before the
	// case's lines are appended, which then carry values for them.
	projectColumns []string
	// place is a regular expression the failing finding's place must match.
	place string
}

const (
	hdr    = "project_id,period_start,period_end,submitted_at,item,value,comment\n"
	period = "AMIF-2023-001,2025-07-01,2025-12-31,2026-01-20T10:00:00+02:00,"
	regRow = ",Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n"
)

// v2Columns are the register's optional columns of the second contract.
var v2Columns = []string{"private_contribution_eur", "intervention_field", "type_of_action", "implementation_modality"}

func csvReport(lines ...string) string {
	var b strings.Builder
	b.WriteString(hdr)
	for _, l := range lines {
		b.WriteString(period + l + "\n")
	}
	return b.String()
}

func jsonReport(extra string) string {
	return `{"project_id": "AMIF-2023-001", "period_start": "2025-07-01", "period_end": "2025-12-31", "submitted_at": "2026-01-20T10:00:00+02:00", "indicators": {"O.2.3": 5}` + extra + "}\n"
}

var ruleCases = []ruleCase{
	{rule: "file.unreadable", ext: "csv", place: `^reports/file\.unreadable\.csv$`,
		generate: func(t testing.TB, path string, good bool) string {
			if good {
				writeFile(t, path, csvReport("O.2.3,5,"))
			} // else: no file at all, so reading it fails
			return path
		}},
	{rule: "file.not_regular", ext: "csv", place: `^reports/file\.not_regular\.csv$`,
		generate: func(t testing.TB, path string, good bool) string {
			if good {
				writeFile(t, path, csvReport("O.2.3,5,"))
				return path
			}
			// a named pipe with no writer: opening it the usual way would wait for ever
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}},
	{rule: "file.link_outside_inbox", ext: "csv", place: `^reports/file\.link_outside_inbox\.csv$`,
		generate: func(t testing.TB, path string, good bool) string {
			target := filepath.Join(t.TempDir(), "outside.csv") // a readable file, but not the inbox's
			if good {
				target = filepath.Join(filepath.Dir(filepath.Dir(path)), "elsewhere", "inside.csv")
			}
			writeFile(t, target, csvReport("O.2.3,5,"))
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
			return path
		}},
	{rule: "file.format", ext: "xlsx", bad: "project_id,period_start\nnot a workbook\n", place: `^reports/file\.format\.xlsx$`,
		generate: func(t testing.TB, path string, good bool) string { goodXLSXAt(t, path); return path }},
	{rule: "file.binary", ext: "csv", bad: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", good: csvReport("O.2.3,5,"), place: `^reports/file\.binary\.csv:3$`},
	// UTF-8 first, then a byte that is not: damaged or mixed, not Windows-1252 (file.windows1252).
	{rule: "file.encoding", ext: "csv", bad: csvReport("O.2.3,5,Työpaja", "O.2.3.1,2,Ty\xf6paja"), good: csvReport("O.2.3,5,Työpaja", "O.2.3.1,2,Työpaja"), place: `^reports/file\.encoding\.csv:3 column comment$`},
	{rule: "file.line_too_long", ext: "csv", place: `^reports/file\.line_too_long\.csv:2$`,
		generate: func(t testing.TB, path string, good bool) string {
			n := 2 << 20
			if good {
				n = 50 << 10
			}
			writeFile(t, path, csvReport("O.2.3,5,"+strings.Repeat("x", n)))
			return path
		}},
	{rule: "file.too_large", ext: "xlsx", place: `^reports/file\.too_large\.xlsx$`,
		generate: func(t testing.TB, path string, good bool) string {
			if !good {
				zipBomb(t, path, 200<<20)
				return path
			}
			goodXLSXAt(t, path)
			return path
		}},
	{rule: "file.too_many_rows", ext: "csv", place: `^reports/file\.too_many_rows\.csv:200002$`,
		generate: func(t testing.TB, path string, good bool) string {
			n := 200_001
			if good {
				n = 3
			}
			var b strings.Builder
			b.WriteString(hdr)
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "AMIF-2023-001,2025-07-01,2025-12-31,2026-01-%02dT10:00:00+02:00,O.2.3,5,\n", 20+i%5)
			}
			writeFile(t, path, b.String())
			return path
		}},
	{rule: "file.syntax", ext: "csv", bad: hdr + period + "O.2.3,5,\"unclosed\n", good: csvReport("O.2.3,5,\"closed, with comma\""), place: `^reports/file\.syntax\.csv:2$`},
	{rule: "file.json_depth", ext: "json", bad: strings.Repeat("[", 5000) + strings.Repeat("]", 5000), good: jsonReport(""), place: `^reports/file\.json_depth\.json: /0$`},
	{rule: "file.header", ext: "csv", bad: "project_id,period_start,submitted_at,item,value\nAMIF-2023-001,2025-07-01,2026-01-20T10:00:00+02:00,O.2.3,5\n", good: csvReport("O.2.3,5,"), place: `^reports/file\.header\.csv:1$`},
	{rule: "file.no_report_sheet", ext: "xlsx", place: `^reports/file\.no_report_sheet\.xlsx$`,
		generate: func(t testing.TB, path string, good bool) string {
			if good {
				goodXLSXAt(t, path)
				return path
			}
			writeXLSX(t, path, "Sheet1", [][]any{reportHeader, {"AMIF-2023-001", "2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "O.2.3", 5}})
			return path
		}},
	{rule: "file.formula", ext: "xlsx", place: `^reports/file\.formula\.xlsx: sheet "report" cell F3$`,
		generate: func(t testing.TB, path string, good bool) string {
			if good {
				goodXLSXAt(t, path)
				return path
			}
			writeXLSX(t, path, "report", [][]any{reportHeader,
				{"AMIF-2023-001", "2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "O.2.3", 5},
				{"AMIF-2023-001", "2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "O.2.3.1", "=F2-1"}})
			return path
		}},
	{rule: "file.semicolon_separated", ext: "csv", place: `^reports/file\.semicolon_separated\.csv:1$`,
		bad:  strings.ReplaceAll(hdr, ",", ";") + "AMIF-2023-002;2023-07-01;2023-12-31;2024-01-20T10:00:00+02:00;O.1.2;5;\nAMIF-2023-002;2023-07-01;2023-12-31;2024-01-20T10:00:00+02:00;expenditure_eur;100,50;\n",
		good: hdr + "AMIF-2023-002,2023-07-01,2023-12-31,2024-01-20T10:00:00+02:00,O.1.2,5,\n"},
	{rule: "file.empty", ext: "csv", bad: hdr, good: csvReport("O.2.3,5,"), place: `^reports/file\.empty\.csv$`},
	{rule: "file.ignored", ext: "txt", bad: "notes", place: `^reports/file\.ignored\.txt$`,
		generate: func(t testing.TB, path string, good bool) string {
			good_ := strings.TrimSuffix(path, ".txt") + ".csv"
			writeFile(t, good_, csvReport("O.2.3,5,"))
			return good_
		}},

	{rule: "register.field_missing", projects: [2]string{"AMIF-R-1,,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column title$`},
	{rule: "register.project_id_invalid", projects: [2]string{`"=HYPERLINK(""http://x"",""AMIF-R-1"")"` + regRow, "AMIF-R-1/2023_a.1" + regRow}, place: `^projects\.csv:\d+ column project_id$`},
	{rule: "register.value_too_large", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,999999999999999.99,750.00,ongoing,\n", "AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,100000000.00,750.00,ongoing,\n"}, place: `^projects\.csv:\d+ column eligible_cost_eur$`},
	{rule: "register.project_duplicate", projects: [2]string{"AMIF-R-1" + regRow + "AMIF-R-1" + regRow, "AMIF-R-1" + regRow + "AMIF-R-2" + regRow}, place: `^projects\.csv:\d+ column project_id$`},
	{rule: "register.date_invalid", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,1.1.2024,2025-12-31,1000.00,750.00,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column start_date$`},
	{rule: "register.action_unknown", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2X9,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column action$`},
	{rule: "register.money_invalid", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,\"1 000,00\",750.00,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column eligible_cost_eur$`},
	{rule: "register.eu_above_eligible", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,1000.01,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column eu_contribution_eur$`},
	{rule: "register.beneficiary_type_unknown", projects: [2]string{"AMIF-R-1,Title,Org,NGO,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column beneficiary_type$`},
	{rule: "register.status_unknown", projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,paused,\n", "AMIF-R-1" + regRow}, place: `^projects\.csv:\d+ column status$`},
	// Last of the register's rows: they add the optional columns, which the rows above lack.
	{rule: "register.private_contribution_invalid", projectColumns: v2Columns, place: `^projects\.csv:\d+ column private_contribution_eur$`,
		projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,,1000.01,,,\n", "AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,,1000.00,,,\n"}},
	{rule: "register.intervention_code_unknown", projectColumns: v2Columns, place: `^projects\.csv:\d+ column type_of_action$`,
		projects: [2]string{"AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,,,,099,\n", "AMIF-R-1,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,,,,,\n"}},
	{rule: "register.target_unknown_project", targets: [2]string{"AMIF-9999-001,O.2.3,10\n", "AMIF-2023-002,O.1.1,10\n"}, place: `^project_targets\.csv:\d+ column project_id$`},
	{rule: "register.target_unknown_indicator", targets: [2]string{"AMIF-2023-002,O.9.9,10\n", "AMIF-2023-002,O.1.1,10\n"}, place: `^project_targets\.csv:\d+ column indicator$`},
	{rule: "register.target_not_integer", targets: [2]string{"AMIF-2023-002,O.1.1,12.5\n", "AMIF-2023-002,O.1.1,12\n"}, place: `^project_targets\.csv:\d+ column target$`},
	{rule: "register.target_duplicate", targets: [2]string{"AMIF-2023-002,O.1.2,10\n", "AMIF-2023-002,O.1.1,10\n"}, place: `^project_targets\.csv:\d+ column project_id$`},

	{rule: "text.control_character", ext: "csv", bad: csvReport("O.2.3,5,ok\x1b[31mred"), good: csvReport("O.2.3,5,\"two\nlines\ttab\""), place: `^reports/text\.control_character\.csv:2 column comment$`},
	{rule: "text.formula_injection", ext: "csv", bad: csvReport(`O.2.3,5,"=cmd|' /C calc'!A0"`), good: csvReport("O.2.3,5,-", "O.2.3.1,4,a=b"), place: `^reports/text\.formula_injection\.csv:2 column comment$`},
	{rule: "report.shape", ext: "json", bad: jsonReport(`, "indicator": {"O.2.3.1": 2}`), good: jsonReport(`, "comment": "fine"`), place: `^reports/report\.shape\.json: /indicator$`},
	{rule: "report.field_missing", ext: "csv", bad: csvReport("O.2.3,,"), good: csvReport("O.2.3,0,"), place: `^reports/report\.field_missing\.csv:2 column value$`},
	{rule: "report.project_unknown", ext: "csv", bad: hdr + "AMIF-2099-001,2025-07-01,2025-12-31,2026-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.project_unknown\.csv:2 column project_id$`},
	{rule: "report.project_cancelled", ext: "jsonl", bad: `{"project_id": "AMIF-2024-003", "period_start": "2024-01-01", "period_end": "2024-06-30", "submitted_at": "2024-07-20T10:00:00+03:00", "indicators": {"O.2.3": 5}}` + "\n", good: jsonReport(""), place: `^reports/report\.project_cancelled\.jsonl: /0/project_id$`},
	{rule: "report.item_unknown", ext: "csv", bad: csvReport("O.2.99,5,"), good: csvReport("O.2.3,5,"), place: `^reports/report\.item_unknown\.csv:2 column item$`},
	{rule: "report.item_not_in_action", ext: "csv", bad: hdr + "AMIF-2023-002,2023-01-01,2023-06-30,2023-07-20T10:00:00+03:00,O.3.1,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.item_not_in_action\.csv:2 column item$`},
	{rule: "report.item_duplicate", ext: "csv", bad: csvReport("O.2.3,5,", "O.2.3,6,"), good: csvReport("O.2.3,5,", "O.2.3.1,4,"), place: `^reports/report\.item_duplicate\.csv:3 column item$`},
	{rule: "report.count_not_integer", ext: "csv", bad: csvReport("O.2.3,12.5,"), good: csvReport("O.2.3,12,"), place: `^reports/report\.count_not_integer\.csv:2 column value$`},
	{rule: "report.value_too_large", ext: "csv", bad: csvReport("O.2.3,9223372036854775807,"), good: csvReport("O.2.3,1000000000,"), place: `^reports/report\.value_too_large\.csv:2 column value$`},
	{rule: "report.submitted_in_future", ext: "csv", bad: hdr + "AMIF-2023-001,2025-07-01,2025-12-31,2206-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.submitted_in_future\.csv:2 column submitted_at$`},
	{rule: "report.expenditure_not_decimal", ext: "csv", bad: csvReport("expenditure_eur,1.2e4,"), good: csvReport("expenditure_eur,12000.5,"), place: `^reports/report\.expenditure_not_decimal\.csv:2 column value$`},
	{rule: "report.expenditure_negative", ext: "json", bad: jsonReport(`, "expenditure_eur": "-100.00"`), good: jsonReport(`, "expenditure_eur": "0.00"`), place: `^reports/report\.expenditure_negative\.json: /expenditure_eur$`},
	{rule: "report.date_invalid", ext: "csv", bad: hdr + "AMIF-2023-001,2025-07-01,2025-02-30,2026-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.date_invalid\.csv:2 column period_end$`},
	{rule: "report.timestamp_invalid", ext: "csv", bad: hdr + "AMIF-2023-001,2025-07-01,2025-12-31,2026-01-20 10:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.timestamp_invalid\.csv:2 column submitted_at$`},
	{rule: "report.period_reversed", ext: "csv", bad: hdr + "AMIF-2023-001,2025-12-31,2025-07-01,2026-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.period_reversed\.csv:2 column period_end$`},
	{rule: "report.period_outside_project", ext: "csv", bad: hdr + "AMIF-2023-001,2027-01-01,2027-06-30,2027-07-20T10:00:00+03:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.period_outside_project\.csv:2 column period_start$`},
	{rule: "report.period_after_submission", ext: "csv", bad: hdr + "AMIF-2023-001,2025-07-01,2025-12-31,2025-12-30T23:00:00+02:00,O.2.3,5,\n", good: hdr + "AMIF-2023-001,2025-07-01,2025-12-31,2025-12-31T23:00:00-05:00,O.2.3,5,\n", place: `^reports/report\.period_after_submission\.csv:2 column period_end$`},
	{rule: "report.of_which_above_parent", ext: "csv", bad: csvReport("O.2.3,5,", "O.2.3.1,6,"), good: csvReport("O.2.3,6,", "O.2.3.1,6,"), place: `^reports/report\.of_which_above_parent\.csv:3 column item$`},
	{rule: "report.period_overlap", ext: "csv", bad: hdr + "AMIF-2023-001,2025-06-01,2025-12-31,2026-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"), place: `^reports/report\.period_overlap\.csv:2$`},
	{rule: "report.version_older_ignored", ext: "csv", bad: hdr + "AMIF-2023-001,2025-01-01,2025-06-30,2025-07-19T10:00:00+03:00,O.2.3,40,\n", good: hdr + "AMIF-2023-001,2025-01-01,2025-06-30,2025-07-21T10:00:00+03:00,O.2.3,40,\n", place: `^reports/report\.version_older_ignored\.csv:2$`},
	{rule: "project.result_above_output", ext: "csv", bad: hdr + "AMIF-2023-001,2023-09-01,2023-12-31,2024-01-20T10:00:00+02:00,R.2.8,40,\n", good: hdr + "AMIF-2023-001,2023-09-01,2023-12-31,2024-01-20T10:00:00+02:00,R.2.8,20,\n", place: `^reports/project\.result_above_output\.csv:2$`},
	{rule: "project.target_exceeded", ext: "csv", bad: hdr + "AMIF-2023-001,2024-01-01,2024-06-30,2024-07-20T10:00:00+03:00,O.2.3,100,\n", good: hdr + "AMIF-2023-001,2024-01-01,2024-06-30,2024-07-20T10:00:00+03:00,O.2.3,50,\n", place: `^reports/project\.target_exceeded\.csv:2$`},
}

// goodXLSXAt writes a valid XLSX report for the case's period.
func goodXLSXAt(t testing.TB, path string) {
	writeXLSX(t, path, "report", [][]any{reportHeader,
		{"AMIF-2023-001", domain.MustDate("2025-07-01").Time(), domain.MustDate("2025-12-31").Time(), "2026-01-20T10:00:00+02:00", "O.2.3", 5}})
}

// zipBomb writes a workbook-looking zip whose one sheet unzips to size bytes of zeros.
func zipBomb(t testing.TB, path string, size int64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="report" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := zw.Create(part.name)
		io.WriteString(w, part.body)
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for n := int64(0); n < size; n += int64(len(zeros)) {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// addCase puts the failing (good=false) or passing input of c into inbox and returns the report
// file it added ("" for register cases).
func addCase(t testing.TB, inbox string, c ruleCase, good bool) string {
	i := 0
	if good {
		i = 1
	}
	if len(c.projectColumns) > 0 {
		addColumns(t, filepath.Join(inbox, ProjectsFile), c.projectColumns)
	}
	if c.projects[i] != "" {
		appendFile(t, filepath.Join(inbox, ProjectsFile), c.projects[i])
	}
	if c.targets[i] != "" {
		appendFile(t, filepath.Join(inbox, TargetsFile), c.targets[i])
	}
	if c.ext == "" {
		return ""
	}
	path := filepath.Join(inbox, ReportsDir, c.rule+"."+c.ext)
	content := c.bad
	if good {
		content = c.good
	}
	if c.generate != nil && (content == "" || good) {
		return c.generate(t, path, good)
	}
	writeFile(t, path, content)
	return path
}

// addColumns rewrites a CSV file with further columns, empty in its rows; columns it has already
// are not added again.
func addColumns(t testing.TB, path string, cols []string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(recs[0], cols[0]) {
		return
	}
	for i := range recs {
		if i == 0 {
			recs[i] = append(recs[i], cols...)
		} else {
			recs[i] = append(recs[i], make([]string, len(cols))...)
		}
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := csv.NewWriter(out)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t testing.TB, path, s string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}
