package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func csvReports(t *testing.T, s string) ([]Report, []*Problem) {
	t.Helper()
	reps, notes, err := Reports("r.csv", strings.NewReader(s), CSV, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return reps, notes
}

// TestCSVDialects: BOM, CRLF, quoting with commas, quotes and newlines, semicolons.
func TestCSVDialects(t *testing.T) {
	const row = "AMIF-1,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00"
	cases := []struct {
		name, in   string
		comment    string
		semicolons bool
	}{
		{"plain LF", "project_id,period_start,period_end,submitted_at,item,value,comment\n" + row + ",O.2.3,41,ok\n", "ok", false},
		{"BOM and CRLF", "\uFEFFproject_id,period_start,period_end,submitted_at,item,value,comment\r\n" + row + ",O.2.3,41,ok\r\n", "ok", false},
		{"RFC 4180 quoting", "project_id,period_start,period_end,submitted_at,item,value,comment\n" + row + ",O.2.3,41,\"a, \"\"b\"\"\nc\"\n", "a, \"b\"\nc", false},
		{"Finnish Excel semicolons", "project_id;period_start;period_end;submitted_at;item;value;comment\r\n" + strings.ReplaceAll(row, ",", ";") + ";O.2.3;41;ok\r\n", "ok", true},
		{"columns in another order, extra column", "item,value,extra,project_id,period_start,period_end,submitted_at\nO.2.3,41,x," + row + "\n", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps, notes := csvReports(t, c.in)
			if len(reps) != 1 || len(reps[0].Items) != 1 {
				t.Fatalf("reports %+v", reps)
			}
			r := reps[0]
			if r.ProjectID.Text != "AMIF-1" || r.SubmittedAt.Text != "2025-07-20T10:15:00+03:00" || r.Items[0].Value.Text != "41" || r.Items[0].Comment.Text != c.comment {
				t.Errorf("read %+v", r)
			}
			if r.Items[0].Value.Place().Line != 2 || r.Items[0].Value.Place().Column != "value" {
				t.Errorf("place %+v", r.Items[0].Value.Place())
			}
			if got := len(notes) == 1 && notes[0].Code == CodeSemicolon; got != c.semicolons {
				t.Errorf("semicolon note %v, want %v", notes, c.semicolons)
			}
		})
	}
}

// TestGrouping: rows of several reports in one file, interleaved, become one report each.
func TestGrouping(t *testing.T) {
	in := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"A,2025-01-01,2025-06-30,2025-07-20T10:15:00Z,O.2.3,1\n" +
		"B,2025-01-01,2025-06-30,2025-07-20T10:15:00Z,O.2.3,2\n" +
		"A,2025-01-01,2025-06-30,2025-07-20T10:15:00Z,O.2.3.1,3\n" +
		"A,2025-01-01,2025-06-30,2025-07-21T10:15:00Z,O.2.3,4\n"
	reps, _ := csvReports(t, in)
	if len(reps) != 3 || len(reps[0].Items) != 2 || reps[0].Place.Line != 2 || reps[2].Items[0].Value.Text != "4" {
		t.Fatalf("grouped into %+v", reps)
	}
}

func TestJSONShapes(t *testing.T) {
	obj := `{"project_id": "A", "period_start": "2025-01-01", "period_end": "2025-06-30", "submitted_at": "2025-07-20T10:15:00+03:00", "indicators": {"O.2.3": 41, "O.2.3.1": 17}, "expenditure_eur": "18250.40"}`
	cases := []struct {
		name    string
		format  Format
		in      string
		reports int
		pointer string // of the first report's second item
	}{
		{"object", JSON, obj, 1, "/indicators/O.2.3.1"},
		{"array", JSON, "[" + obj + "," + obj + "]", 2, "/0/indicators/O.2.3.1"},
		{"JSON Lines", JSONL, obj + "\n" + obj + "\n", 2, "/0/indicators/O.2.3.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps, _, err := Reports("r.json", strings.NewReader(c.in), c.format, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(reps) != c.reports || len(reps[0].Items) != 3 {
				t.Fatalf("reports %+v", reps)
			}
			if p := reps[0].Items[1].Value.Place().Pointer; p != c.pointer {
				t.Errorf("pointer %s, want %s", p, c.pointer)
			}
			if v := reps[0].Items[2]; v.Item.Text != "expenditure_eur" || v.Value.Text != "18250.40" {
				t.Errorf("expenditure %+v", v)
			}
		})
	}
}

func TestJSONProblems(t *testing.T) {
	cases := []struct{ name, in, code string }{
		{"truncated", `{"project_id": "A", "indic`, CodeSyntax},
		{"not JSON", "project_id,period_start\n", CodeSyntax},
		{"a bare number", "42", CodeSyntax},
		{"trailing garbage after array", `[] x`, CodeSyntax},
		{"deep nesting", `{"indicators": ` + strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100) + "}", CodeDepth},
		{"NUL bytes", "{\"project_id\": \"A\x00\"}", CodeBinary},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Reports("r.json", strings.NewReader(c.in), JSON, Limits{})
			var p *Problem
			if !errors.As(err, &p) || p.Code != c.code {
				t.Fatalf("got %v, want a %s problem", err, c.code)
			}
		})
	}
}

func xlsxBytes(t testing.TB, fill func(f *excelize.File)) []byte {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "report")
	fill(f)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestXLSXDates: Excel date cells (with a date or a date-time format) and ISO text both read
// as ISO text; a date-time keeps its time and has no offset.
func TestXLSXDates(t *testing.T) {
	b := xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetRow("report", "A1", &[]any{"project_id", "period_start", "period_end", "submitted_at", "item", "value"})
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetSheetRow("report", "A2", &[]any{"A", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), "2025-06-30", time.Date(2025, 7, 20, 10, 15, 0, 0, time.UTC), "O.2.3", 41})
		f.SetCellStyle("report", "B2", "B2", style)
	})
	reps, _, err := Reports("r.xlsx", bytes.NewReader(b), XLSX, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	r := reps[0]
	if r.PeriodStart.Text != "2025-01-01" || !r.PeriodStart.ExcelDate || r.PeriodEnd.Text != "2025-06-30" || r.PeriodEnd.ExcelDate {
		t.Errorf("dates %+v %+v", r.PeriodStart, r.PeriodEnd)
	}
	if r.SubmittedAt.Text != "2025-07-20T10:15:00" || !r.SubmittedAt.ExcelDate {
		t.Errorf("date-time %+v", r.SubmittedAt)
	}
	if r.Items[0].Value.Text != "41" || r.Items[0].Value.Kind != Number || r.Items[0].Value.Place().Cell != "F2" || r.Items[0].Value.Place().Sheet != "report" {
		t.Errorf("value %+v", r.Items[0].Value)
	}
}

func TestXLSXNumbers(t *testing.T) {
	b := xlsxBytes(t, func(f *excelize.File) {
		f.SetSheetRow("report", "A1", &[]any{"project_id", "period_start", "period_end", "submitted_at", "item", "value"})
		f.SetSheetRow("report", "A2", &[]any{"A", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00Z", "expenditure_eur", 0.1 + 0.2})
		f.SetSheetRow("report", "A3", &[]any{"A", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00Z", "O.2.3", 41})
		f.SetSheetRow("report", "A4", &[]any{"A", "2025-01-01", "2025-06-30", "2025-07-20T10:15:00Z", "O.2.3.1", "17"})
	})
	reps, _, err := Reports("r.xlsx", bytes.NewReader(b), XLSX, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{reps[0].Items[0].Value.Text, reps[0].Items[1].Value.Text, reps[0].Items[2].Value.Text}
	if got[0] != "0.3" || got[1] != "41" || got[2] != "17" {
		t.Errorf("numbers read as %q", got)
	}
}

// TestLyingZipBomb: a zip entry that claims a small size but inflates to far more is stopped
// by archive/zip's size check at the claimed size, before excelize keeps anything.
func TestLyingZipBomb(t *testing.T) {
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		fw.Write(zeros)
	}
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="report" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 1000, CRC32: 0})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	_, _, err = Reports("bomb.xlsx", bytes.NewReader(b.Bytes()), XLSX, Limits{})
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("a lying zip bomb was accepted: %v", err)
	}
}

// TestUTF16: UTF-16 with a byte-order mark (Excel's "Unicode text", tab-separated; Windows
// PowerShell's JSON) is read, with a warning naming UTF-16; UTF-16 without a mark, or damaged,
// is refused by name, never as "binary".
func TestUTF16(t *testing.T) {
	const report = "project_id\tperiod_start\tperiod_end\tsubmitted_at\titem\tvalue\tcomment\r\n" +
		"AMIF-1\t2025-01-01\t2025-06-30\t2025-07-20T10:15:00+03:00\tO.2.3\t41\t\"Työpaja\r\n😀\"\r\n"
	const jsonReport = `{"project_id": "AMIF-1", "period_start": "2025-01-01", "period_end": "2025-06-30", "submitted_at": "2025-07-20T10:15:00+03:00", "indicators": {"O.2.3": 41}, "comment": "Työpaja\r\n😀"}`
	cases := []struct {
		name   string
		format Format
		in     []byte
		notes  []string // codes
	}{
		{"Excel Unicode text, little-endian", CSV, utf16Bytes(report, false, true), []string{CodeUTF16, CodeTab}},
		{"big-endian", CSV, utf16Bytes(report, true, true), []string{CodeUTF16, CodeTab}},
		{"PowerShell JSON", JSON, utf16Bytes(jsonReport, false, true), []string{CodeUTF16}},
		{"JSON Lines", JSONL, utf16Bytes(jsonReport+"\n", true, true), []string{CodeUTF16}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reps, notes, err := Reports("r", bytes.NewReader(c.in), c.format, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(notes); strings.Join(got, " ") != strings.Join(c.notes, " ") {
				t.Errorf("notes %q, want %q", got, c.notes)
			}
			if len(reps) != 1 || len(reps[0].Items) != 1 {
				t.Fatalf("reports %+v", reps)
			}
			r := reps[0]
			comment := r.Items[0].Comment.Text
			if c.format != CSV {
				comment = r.Comment.Text
			}
			if r.ProjectID.Text != "AMIF-1" || r.Items[0].Value.Text != "41" || comment != "Työpaja\r\n😀" {
				t.Errorf("read %q %q %q", r.ProjectID.Text, r.Items[0].Value.Text, comment)
			}
		})
	}
	refused := []struct {
		name   string
		format Format
		in     []byte
		line   int
	}{
		{"CSV without a byte-order mark", CSV, utf16Bytes(report, false, false), 1},
		{"JSON without a byte-order mark", JSON, utf16Bytes(jsonReport, false, false), 1},
		{"big-endian without a byte-order mark", CSV, utf16Bytes(report, true, false), 1},
		{"a lone surrogate", CSV, append(utf16Bytes(report, false, true), 0x00, 0xD8, 'x', 0), 4},
		{"an odd final byte", JSON, append(utf16Bytes(jsonReport, false, true), '}'), 1},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Reports("r", bytes.NewReader(c.in), c.format, Limits{})
			var p *Problem
			if !errors.As(err, &p) || !errors.Is(err, ErrEncoding) || !strings.Contains(p.Msg, "UTF-16") || p.Place.Line != c.line {
				t.Fatalf("got %v, want an encoding problem naming UTF-16 on line %d", err, c.line)
			}
		})
	}
}

// utf16Bytes encodes s as UTF-16, with or without a byte-order mark.
func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return out
}

func codes(ps []*Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// TestGroupingRunsMerged: runs of one report's rows that come back after others are merged
// into the report of the first run, rows in file order; reports stay in order of first
// appearance.
func TestGroupingRunsMerged(t *testing.T) {
	row := func(p, item, v string) string {
		return p + ",2025-01-01,2025-06-30,2025-07-20T10:15:00Z," + item + "," + v + "\n"
	}
	in := "project_id,period_start,period_end,submitted_at,item,value\n" +
		row("A", "O.1", "1") + row("B", "O.1", "2") + row("A", "O.2", "3") + row("C", "O.1", "4") +
		row("B", "O.2", "5") + row("A", "O.3", "6") + row("A", "O.4", "7")
	reps, _ := csvReports(t, in)
	var got []string
	for _, r := range reps {
		s := r.ProjectID.Text + "@" + fmt.Sprint(r.Place.Line) + ":"
		for _, it := range r.Items {
			s += " " + it.Value.Text + "@" + fmt.Sprint(it.Value.Place().Line)
		}
		got = append(got, s)
	}
	want := []string{"A@2: 1@2 3@4 6@7 7@8", "B@3: 2@3 5@6", "C@5: 4@5"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("grouped into %q, want %q", got, want)
	}
}
