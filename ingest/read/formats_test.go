package read

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// found is what a test expects of one problem: its code and where it is.
type found struct{ code, at string }

func describe(ps []*Problem) []found {
	var out []found
	for _, p := range ps {
		out = append(out, found{p.Code, p.Place.String()})
	}
	return out
}

// TestFilesExcelWrites: whole files as Finnish and Swedish Excel (and the people using it) write
// them are read in every format: the values canonical, a warning for each respelled value and
// for the file's dialect, each at its place; ambiguous values are refused where they stand.
func TestFilesExcelWrites(t *testing.T) {
	const nbsp = "\u00a0"
	xlsx := func(rows ...[]any) []byte {
		header := []any{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"}
		return seedXLSX(append([][]any{header}, rows...), false)
	}
	cases := []struct {
		name   string
		format Format
		in     []byte
		// what the first report reads: period_start, period_end, submitted_at, the first value
		want     [4]string
		notes    []found
		problems []found
		refused  []string // the cells refused (as Place prints them)
	}{
		{
			name:   "Finnish Excel CSV: sep line, semicolons, CRLF, day.month.year, no-break space and decimal comma",
			format: CSV,
			in: []byte("sep=;\r\nproject_id;period_start;period_end;submitted_at;item;value;comment\r\n" +
				"AMIF-1;1.7.2025;31.12.2025;2026-01-20T10:00:00+02:00;expenditure_eur;1" + nbsp + "234,50;\"rivi 1\r\nrivi 2\"\r\n" +
				"AMIF-1;1.7.2025;31.12.2025;2026-01-20T10:00:00+02:00;O.2.3;1 041;\r\n"),
			want:  [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "1234.50"},
			notes: []found{{CodeSemicolon, "f:2"}},
			problems: []found{{CodeDateNormalised, "f:3 column period_start"}, {CodeDateNormalised, "f:3 column period_end"},
				{CodeNumNormalised, "f:3 column value"}, {CodeNumNormalised, "f:5 column value"}},
		},
		{
			name:   "CSV UTF-8 with BOM, commas, narrow no-break space and a euro sign",
			format: CSV,
			in: []byte("\uFEFFproject_id,period_start,period_end,submitted_at,item,value,comment\n" +
				"AMIF-1,2025-07-01,2025-12-31,2026-01-20T10:00:00+02:00,expenditure_eur,\"18\u202f250,40 €\",\n"),
			want:     [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "18250.40"},
			problems: []found{{CodeNumNormalised, "f:2 column value"}},
		},
		{
			name:   "semicolons: an ambiguous amount is refused where it stands",
			format: CSV,
			in: []byte("project_id;period_start;period_end;submitted_at;item;value\n" +
				"AMIF-1;2025-07-01;2025-12-31;2026-01-20T10:00:00+02:00;expenditure_eur;1,234\n"),
			want:     [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "1,234"},
			notes:    []found{{CodeSemicolon, "f:1"}},
			problems: []found{{CodeNumAmbiguous, "f:2 column value"}},
			refused:  []string{"f:2 column value"},
		},
		{
			name:   "slashed dates and a Finnish submission time",
			format: CSV,
			in: []byte("project_id,period_start,period_end,submitted_at,item,value\n" +
				"AMIF-1,01/07/2025,2025-02-30,20.1.2026 10.00,O.2.3,5\n"),
			want: [4]string{"01/07/2025", "2025-02-30", "20.1.2026 10.00", "5"},
			problems: []found{{CodeDateAmbiguous, "f:2 column period_start"}, {CodeDate, "f:2 column period_end"},
				{CodeTimestamp, "f:2 column submitted_at"}},
			refused: []string{"f:2 column period_start", "f:2 column period_end", "f:2 column submitted_at"},
		},
		{
			name:   "Excel Unicode text: UTF-16, tabs",
			format: CSV,
			in: utf16Bytes("project_id\tperiod_start\tperiod_end\tsubmitted_at\titem\tvalue\r\n"+
				"AMIF-1\t1.7.2025\t31.12.2025\t2026-01-20T10:00:00+02:00\texpenditure_eur\t1 234,50\r\n", false, true),
			want:     [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "1234.50"},
			notes:    []found{{CodeUTF16, "f"}, {CodeTab, "f:1"}},
			problems: []found{{CodeDateNormalised, "f:2 column period_start"}, {CodeDateNormalised, "f:2 column period_end"}, {CodeNumNormalised, "f:2 column value"}},
		},
		{
			name:   "XLSX: dates and amounts typed as text",
			format: XLSX,
			in: xlsx([]any{"AMIF-1", "1.7.2025", "31.12.2025", "2026-01-20T10:00:00+02:00", "expenditure_eur", "1" + nbsp + "234,50"},
				[]any{"AMIF-1", "1.7.2025", "31.12.2025", "2026-01-20T10:00:00+02:00", "O.2.3", "1,234"}),
			want: [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "1234.50"},
			problems: []found{{CodeDateNormalised, `f: sheet "report" cell B2`}, {CodeDateNormalised, `f: sheet "report" cell C2`},
				{CodeNumNormalised, `f: sheet "report" cell F2`}, {CodeNumAmbiguous, `f: sheet "report" cell F3`}},
		},
		{
			name:   "JSON with a UTF-8 BOM and Finnish spellings",
			format: JSON,
			in:     []byte("\uFEFF" + `{"project_id": "AMIF-1", "period_start": "1.7.2025", "period_end": "2025-12-31", "submitted_at": "2026-01-20T10:00:00+02:00", "expenditure_eur": "1 234,50", "indicators": {"O.2.3": "1,234"}}`),
			want:   [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "1234.50"},
			problems: []found{{CodeDateNormalised, "f: /period_start"}, {CodeNumNormalised, "f: /expenditure_eur"},
				{CodeNumAmbiguous, "f: /indicators/O.2.3"}},
		},
		{
			name:     "JSON Lines with a UTF-8 BOM",
			format:   JSONL,
			in:       []byte("\uFEFF" + `{"project_id": "AMIF-1", "period_start": "2025-07-01", "period_end": "31.12.2025", "submitted_at": "2026-01-20T10:00:00+02:00", "expenditure_eur": "0,00"}` + "\n"),
			want:     [4]string{"2025-07-01", "2025-12-31", "2026-01-20T10:00:00+02:00", "0.00"},
			problems: []found{{CodeDateNormalised, "f: /0/period_end"}, {CodeNumNormalised, "f: /0/expenditure_eur"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps, notes, err := Reports("f", bytes.NewReader(c.in), c.format, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, reps, notes, nil)
			if len(reps) != 1 {
				t.Fatalf("%d reports, want 1", len(reps))
			}
			r := reps[0]
			got := [4]string{r.PeriodStart.Text, r.PeriodEnd.Text, r.SubmittedAt.Text, r.Items[0].Value.Text}
			if got != c.want {
				t.Errorf("read %q, want %q", got, c.want)
			}
			if g := describe(notes); fmt.Sprint(g) != fmt.Sprint(c.notes) {
				t.Errorf("notes %v, want %v", g, c.notes)
			}
			if g := describe(r.Problems); fmt.Sprint(g) != fmt.Sprint(c.problems) {
				t.Errorf("problems %v, want %v", g, c.problems)
			}
			var refused []string
			for _, cell := range []Cell{r.PeriodStart, r.PeriodEnd, r.SubmittedAt, r.Items[0].Value} {
				if cell.Refused {
					refused = append(refused, cell.Place().String())
				}
			}
			if fmt.Sprint(refused) != fmt.Sprint(c.refused) {
				t.Errorf("refused %q, want %q", refused, c.refused)
			}
		})
	}
}

// TestFinnishRowsGroupTogether: rows of one report whose dates are spelled differently are one
// report; its key is warned about once per spelling run, its values each.
func TestFinnishRowsGroupTogether(t *testing.T) {
	in := "project_id;period_start;period_end;submitted_at;item;value\n" +
		"A;1.7.2025;31.12.2025;2026-01-20T10:00:00+02:00;O.2.3;1\n" +
		"A;2025-07-01;2025-12-31;2026-01-20T10:00:00+02:00;O.2.3.1;2\n" +
		"B;2025-07-01;2025-12-31;2026-01-20T10:00:00+02:00;O.2.3;3\n" +
		"A;01.07.2025;31.12.2025;2026-01-20T10:00:00+02:00;expenditure_eur;4,50\n"
	reps, _, err := Reports("f", strings.NewReader(in), CSV, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || len(reps[0].Items) != 3 || reps[0].PeriodStart.Text != "2025-07-01" {
		t.Fatalf("grouped into %+v", reps)
	}
	want := []found{{CodeDateNormalised, "f:2 column period_start"}, {CodeDateNormalised, "f:2 column period_end"},
		{CodeNumNormalised, "f:5 column value"}}
	if got := describe(reps[0].Problems); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}

// TestSeparatorLine: "sep=X" names the separator and is not a row; lines keep their numbers.
func TestSeparatorLine(t *testing.T) {
	const rows = "project_id%[1]speriod_start%[1]speriod_end%[1]ssubmitted_at%[1]sitem%[1]svalue\n" +
		"A%[1]s2025-07-01%[1]s2025-12-31%[1]s2026-01-20T10:00:00+02:00%[1]sO.2.3%[1]s5\n"
	for _, c := range []struct {
		line, sep string
		notes     []found
	}{
		{"sep=;\r\n", ";", []found{{CodeSemicolon, "f:2"}}},
		{"sep=,\n", ",", nil},
		{"SEP=\t\n", "\t", []found{{CodeTab, "f:2"}}},
		{"\uFEFFsep=;\n", ";", []found{{CodeSemicolon, "f:2"}}},
	} {
		reps, notes, err := Reports("f", strings.NewReader(c.line+fmt.Sprintf(rows, c.sep)), CSV, Limits{})
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if len(reps) != 1 || reps[0].Items[0].Value.Text != "5" || reps[0].Items[0].Value.Place().Line != 3 {
			t.Errorf("%q: read %+v", c.line, reps)
		}
		if fmt.Sprint(describe(notes)) != fmt.Sprint(c.notes) {
			t.Errorf("%q: notes %v, want %v", c.line, describe(notes), c.notes)
		}
	}
	_, _, err := Reports("f", strings.NewReader("sep=|\n"+fmt.Sprintf(rows, "|")), CSV, Limits{})
	var p *Problem
	if !errors.As(err, &p) || p.Code != CodeSyntax || p.Place.Line != 1 || p.Value != "sep=|" {
		t.Errorf("sep=| gave %v, want a refusal of line 1", err)
	}
}

// TestEmptyFiles: a file that holds no report is a warning (file.empty) in every format, never
// a refusal, and whether it is empty, blank or only a header.
func TestEmptyFiles(t *testing.T) {
	header := []any{"project_id", "period_start", "period_end", "submitted_at", "item", "value"}
	cases := []struct {
		name   string
		format Format
		in     []byte
	}{
		{"empty CSV", CSV, nil},
		{"blank CSV", CSV, []byte("\r\n\n  \n")},
		{"CSV with a BOM only", CSV, []byte("\uFEFF")},
		{"CSV with a sep line only", CSV, []byte("sep=;\r\n")},
		{"CSV with a header only", CSV, []byte("project_id,period_start,period_end,submitted_at,item,value\n")},
		{"CSV with blank rows", CSV, []byte("project_id,period_start,period_end,submitted_at,item,value\n,,,,,\n \u00a0, , ,\t, , \n")},
		{"empty JSON", JSON, nil},
		{"blank JSON", JSON, []byte(" \n\t")},
		{"JSON with a BOM only", JSON, []byte("\uFEFF")},
		{"empty JSON array", JSON, []byte("[]")},
		{"empty JSON array in UTF-16", JSON, utf16Bytes("[ ]\r\n", false, true)},
		{"empty JSON Lines", JSONL, []byte("\n")},
		{"XLSX with an empty sheet", XLSX, seedXLSX(nil, false)},
		{"XLSX with a header only", XLSX, seedXLSX([][]any{header}, false)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps, notes, err := Reports("f", bytes.NewReader(c.in), c.format, Limits{})
			if err != nil || len(reps) != 0 {
				t.Fatalf("got %d reports, %v; want none and no refusal", len(reps), err)
			}
			if len(notes) == 0 || notes[len(notes)-1].Code != CodeEmpty || !errors.Is(notes[len(notes)-1], ErrEmpty) || notes[len(notes)-1].Place.File != "f" {
				t.Errorf("notes %v, want a file.empty warning last", notes)
			}
		})
	}
}

// TestTrimmedAlike: every format trims a cell the same way (white space at either end, of any
// kind, including no-break spaces and line breaks), keeps white space inside, and reads a cell
// of white space only as empty.
func TestTrimmedAlike(t *testing.T) {
	pads := []string{" ", "\t", "\u00a0", "\u202f", "\u3000", "\r\n", " \n "}
	for _, pad := range pads {
		comment := pad + "two\r\nlines  inside" + pad
		want := [4]string{"AMIF-1", "2025-07-01", "two\r\nlines  inside", ""}
		cells := []string{pad + "AMIF-1" + pad, pad + "2025-07-01", "O.2.3" + pad, pad + "5" + pad, comment}
		csvText := func() []byte {
			row := []string{cells[0], cells[1], "2025-12-31", pad, cells[2], cells[3], cells[4]}
			for i, v := range row {
				row[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			return []byte("project_id,period_start,period_end,submitted_at,item,value,comment\r\n" + strings.Join(row, ",") + "\r\n")
		}
		xlsxFile := seedXLSX([][]any{{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"},
			{cells[0], cells[1], "2025-12-31", pad, cells[2], cells[3], cells[4]}}, false)
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		jsonText := fmt.Sprintf(`{"project_id": %s, "period_start": %s, "period_end": "2025-12-31", "submitted_at": %s, "indicators": {%s: %s}, "comment": %s}`,
			q(cells[0]), q(cells[1]), q(pad), q(cells[2]), q(cells[3]), q(cells[4]))
		for _, f := range []struct {
			format Format
			in     []byte
		}{{CSV, csvText()}, {XLSX, xlsxFile}, {JSON, []byte(jsonText)}} {
			reps, _, err := Reports("f", bytes.NewReader(f.in), f.format, Limits{})
			if err != nil {
				t.Fatalf("%s padded with %q: %v", f.format, pad, err)
			}
			r := reps[0]
			comment := r.Comment
			if f.format != JSON {
				comment = r.Items[0].Comment
			}
			got := [4]string{r.ProjectID.Text, r.PeriodStart.Text, comment.Text, r.SubmittedAt.Text}
			if got != want || r.SubmittedAt.Kind != Missing || r.Items[0].Item.Text != "O.2.3" || r.Items[0].Value.Text != "5" {
				t.Errorf("%s padded with %q: read %q, item %q value %q", f.format, pad, got, r.Items[0].Item.Text, r.Items[0].Value.Text)
			}
		}
	}
}

// TestProblemCauses (issue 11.5): a problem unwraps to the sentinel of its kind and, where a
// parser found it, to the parser's own error; what a person reads is unchanged.
func TestProblemCauses(t *testing.T) {
	const hdr = "project_id,period_start,period_end,submitted_at,item,value\n"
	cases := []struct {
		name   string
		format Format
		in     string
		is     []error
		msg    string // the whole message
	}{
		{"unclosed quote", CSV, hdr + "A,\"2025\n", []error{ErrSyntax, csv.ErrQuote},
			`f:2: extraneous or missing " in quoted-field; expected RFC 4180 quoting (a quote inside a quoted field is doubled)`},
		{"field count", CSV, hdr + "A,1\n", []error{ErrSyntax, csv.ErrFieldCount}, "f:2: wrong number of fields; expected as many as the header line has"},
		{"binary", CSV, "a\x00", []error{ErrBinary}, "f:1: the file contains NUL bytes: it is binary, not text; expected a UTF-8 text file"},
		{"no column", CSV, "project_id\nA\n", []error{ErrHeader}, ""},
		{"UTF-8, then not", CSV, hdr + "A,ö,,,,\nA,\xf6,,,,\n", []error{ErrEncoding},
			`f:3 column period_start: the text is not valid UTF-8, though the file is UTF-8 before it; expected the file saved as "CSV UTF-8" (value "` + "\uFFFD" + `")`},
		{"JSON syntax", JSON, `{"project_id": }`, []error{ErrSyntax}, "f: /project_id: not valid JSON at byte 15: invalid character '}' looking for beginning of value"},
		{"JSON cut short", JSON, `{"project_id": "A"`, []error{ErrSyntax}, "f: the JSON ends in the middle of a value"},
		{"JSON nesting", JSON, `{"x": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}`, []error{ErrTooDeep}, ""},
		{"not a workbook", XLSX, "PK not a zip", []error{ErrFormat}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Reports("f", strings.NewReader(c.in), c.format, Limits{})
			for _, e := range c.is {
				if !errors.Is(err, e) {
					t.Errorf("errors.Is(%v, %v) is false", err, e)
				}
			}
			for _, s := range sentinels {
				if errors.Is(err, s) != (s == c.is[0]) {
					t.Errorf("errors.Is(%v, %v) is %v", err, s, !(s == c.is[0]))
				}
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("message %q, want %q", err.Error(), c.msg)
			}
		})
	}
	var se *json.SyntaxError
	if _, _, err := Reports("f", strings.NewReader("{]"), JSON, Limits{}); !errors.As(err, &se) || se.Offset != 1 {
		t.Errorf("the JSON parser's error is not the cause: %v", err)
	}
	var pe *csv.ParseError
	if _, _, err := Reports("f", strings.NewReader(hdr+"A,\"x\"y\n"), CSV, Limits{}); !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 5 {
		t.Errorf("the CSV parser's error is not the cause: %v (%+v)", err, pe)
	}
}
