package ingest

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// The rule cases of the spellings and dialects that Finnish and Swedish Excel write (the rules
// ingest/read reports). The warnings' failing inputs resend the base inbox's report
// reports/2025/amif-001-h1.csv as Excel would write it: the same content, so a duplicate that
// adds no accepted report to the bad-input corpus, but the warning is a fact about the file.
func init() {
	ruleCases = append(ruleCases, readRuleCases...)
}

// h1 is amif-001-h1.csv's rows, each as []string of the report's columns.
var h1 = [][]string{
	{"AMIF-2023-001", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00+03:00", "O.2.3", "41", ""},
	{"AMIF-2023-001", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00+03:00", "O.2.3.1", "17", "language courses"},
	{"AMIF-2023-001", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00+03:00", "expenditure_eur", "18250.40", ""},
}

// h1As writes h1 with separator sep and line end eol, its cells changed by edit (if not nil).
func h1As(sep, eol string, edit func(row, col int, v string) string) string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(strings.TrimSuffix(hdr, "\n"), ",", sep) + eol)
	for r, row := range h1 {
		cells := append([]string(nil), row...)
		for c := range cells {
			if edit != nil {
				cells[c] = edit(r, c, cells[c])
			}
		}
		b.WriteString(strings.Join(cells, sep) + eol)
	}
	return b.String()
}

// swedishComment writes the comment of the row that has one as c.
func swedishComment(c string) func(_, col int, v string) string {
	return func(_, col int, v string) string {
		if col == 6 && v != "" {
			return c
		}
		return v
	}
}

// finnishDates writes period_start and period_end as day.month.year.
func finnishDates(_, col int, v string) string {
	switch col {
	case 1:
		return "1.1.2025"
	case 2:
		return "30.6.2025"
	}
	return v
}

func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

var readRuleCases = []ruleCase{
	{rule: "file.utf16", ext: "csv", place: `^reports/file\.utf16\.csv$`,
		generate: func(t testing.TB, path string, good bool) string {
			if good {
				writeFile(t, path, h1As(",", "\r\n", nil))
			} else {
				writeFile(t, path, utf16LE(h1As(",", "\r\n", nil)))
			}
			return path
		}},
	// Excel's plain "CSV" on a Finnish Windows: semicolons, and the comment's ä and å as the
	// bytes \xe4 and \xe5.
	{rule: "file.windows1252", ext: "csv", place: `^reports/file\.windows1252\.csv:3 column comment$`,
		bad: h1As(";", "\r\n", swedishComment("spr\xe5kkurser, kieliryhm\xe4t")), good: h1As(";", "\r\n", swedishComment("språkkurser, kieliryhmät"))},
	{rule: "file.tab_separated", ext: "csv", bad: h1As("\t", "\r\n", nil), good: h1As(",", "\r\n", nil), place: `^reports/file\.tab_separated\.csv:1$`},
	{rule: "report.date_normalised", ext: "csv", bad: "sep=;\r\n" + h1As(";", "\r\n", finnishDates), good: h1As(";", "\r\n", nil),
		place: `^reports/report\.date_normalised\.csv:3 column period_(start|end)$`},
	{rule: "report.number_normalised", ext: "csv", place: `^reports/report\.number_normalised\.csv:4 column value$`,
		bad: h1As(";", "\r\n", func(_, col int, v string) string {
			if v == "18250.40" {
				return "18\u00a0250,40"
			}
			return v
		}),
		good: h1As(";", "\r\n", nil)},
	{rule: "report.date_ambiguous", ext: "csv", bad: hdr + "AMIF-2023-001,01/07/2025,2025-12-31,2026-01-20T10:00:00+02:00,O.2.3,5,\n", good: csvReport("O.2.3,5,"),
		place: `^reports/report\.date_ambiguous\.csv:2 column period_start$`},
	{rule: "report.number_ambiguous", ext: "csv", bad: csvReport(`expenditure_eur,"1,234",`), good: csvReport(`expenditure_eur,"1,23",`),
		place: `^reports/report\.number_ambiguous\.csv:2 column value$`},
}

// TestSpellingFindings: what validate tells the sender about the spellings Excel writes: one
// finding per value, at its place, naming the value as written and what to write instead. A
// value the reader refused is not judged again (no second "not a date").
func TestSpellingFindings(t *testing.T) {
	cat := testCatalogue(t)
	row := func(start, end, sub, item, value string) string {
		return "AMIF-2023-001;" + start + ";" + end + ";" + sub + ";" + item + ";" + value + ";\r\n"
	}
	semis := strings.ReplaceAll(hdr, ",", ";")
	cases := []struct {
		name, file, in string
		want           []string // findings as printed, in order
	}{
		{"a day that does not exist", "r.csv", semis + row("2025-07-01", "2025-02-30", "2026-01-20T10:00:00+02:00", "O.2.3", "5"),
			[]string{"reports/r.csv:1: the file is separated by semicolons (as Finnish and Swedish Excel save CSV); read as such, but expected commas [warning file.semicolon_separated]",
				"reports/r.csv:2 column period_end: period_end 2025-02-30: February 2025 has no day 30; expected a date that exists, as YYYY-MM-DD [error report.date_invalid]"}},
		{"day.month.year and a decimal comma", "r.csv", "sep=;\r\n" + semis + row("1.7.2025", "31.12.2025", "2026-01-20T10:00:00+02:00", "expenditure_eur", "1\u00a0234,50"),
			[]string{"reports/r.csv:2: the file is separated by semicolons (as Finnish and Swedish Excel save CSV); read as such, but expected commas [warning file.semicolon_separated]",
				"reports/r.csv:3 column period_end: period_end 31.12.2025 read as 2025-12-31 (day.month.year); write dates as YYYY-MM-DD [warning report.date_normalised]",
				"reports/r.csv:3 column period_start: period_start 1.7.2025 read as 2025-07-01 (day.month.year); write dates as YYYY-MM-DD [warning report.date_normalised]",
				"reports/r.csv:3 column value: expenditure_eur 1\u00a0234,50 read as 1234.50; write numbers with a decimal dot and no thousands separators or € sign, e.g. 1234.50 [warning report.number_normalised]"}},
		{"ambiguous values", "r.csv", semis + row("01/07/2025", "31.12.2025", "20.1.2026 10.00", "expenditure_eur", "1,234"),
			[]string{"reports/r.csv:1: the file is separated by semicolons (as Finnish and Swedish Excel save CSV); read as such, but expected commas [warning file.semicolon_separated]",
				"reports/r.csv:2 column period_end: period_end 31.12.2025 read as 2025-12-31 (day.month.year); write dates as YYYY-MM-DD [warning report.date_normalised]",
				"reports/r.csv:2 column period_start: period_start 01/07/2025 is 1 July 2025 if day/month, 7 January 2025 if month/day; write the date as YYYY-MM-DD: 2025-07-01 or 2025-01-07 [error report.date_ambiguous]",
				"reports/r.csv:2 column submitted_at: submitted_at 20.1.2026 10.00 has no UTC offset; write 2026-01-20T10:00:00+02:00 if that is Finnish winter time, 2026-01-20T10:00:00+03:00 if summer time [error report.timestamp_invalid]",
				"reports/r.csv:2 column value: expenditure_eur 1,234 is 1234 if the comma separates thousands, 1.234 if it is a decimal comma; write 1234 or 1.234 (a decimal dot, no thousands separators) [error report.number_ambiguous]"}},
		{"JSON with a BOM", "r.json", "\uFEFF" + `{"project_id": "AMIF-2023-001", "period_start": "2025-07-01", "period_end": "2025-12-31", "submitted_at": "2026-01-20T10:00:00+02:00", "indicators": {"O.2.3": 5}, "expenditure_eur": "1 041,00"}`,
			[]string{"reports/r.json: /expenditure_eur: expenditure_eur 1 041,00 read as 1041.00; write numbers with a decimal dot and no thousands separators or € sign, e.g. 1234.50 [warning report.number_normalised]"}},
		{"an empty JSON array", "r.json", "[]", []string{"reports/r.json: the file holds no report; expected a report object, an array of them, or JSON Lines [warning file.empty]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inbox := copyTree(t, "testdata/inbox")
			path := inbox + "/" + ReportsDir + "/" + c.file
			writeFile(t, path, c.in)
			fs, err := Validate(t.Context(), inbox, []string{path}, cat, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
