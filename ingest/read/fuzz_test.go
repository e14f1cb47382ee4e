package read

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mittari/domain"
)

var update = flag.Bool("update", false, "rewrite the committed fuzz seed corpora")

// Small limits make the fuzzer reach the limit paths with short inputs.
var fuzzLimits = Limits{MaxLine: 256, MaxRecord: 1024, MaxRows: 50, MaxXLSXBytes: 1 << 20, MaxUnzipped: 4 << 20,
	MaxXMLInRAM: 1 << 20, MaxJSONValue: 2048, MaxJSONDepth: 8, MaxCellLength: 128}

// sentinels are every cause a Problem may have, with the code each gives.
var sentinels = []error{ErrUnreadable, ErrBinary, ErrEncoding, ErrLineTooLong, ErrTooLarge, ErrTooManyRows, ErrSyntax,
	ErrTooDeep, ErrHeader, ErrNoSheet, ErrFormula, ErrFormat, ErrEmpty, ErrShape, ErrNotADate, ErrNotATimestamp,
	ErrAmbiguousDate, ErrAmbiguousNumber, ErrSemicolons, ErrTabs, ErrUTF16, ErrWindows1252, ErrDateNormalised, ErrNumNormalised}

// checkProblem holds for every problem a reader gives: it is of the file, its cause is the
// sentinel of its code (errors.Is finds it), and its message is there.
func checkProblem(t *testing.T, p *Problem) {
	t.Helper()
	found := false
	for _, s := range sentinels {
		found = found || errors.Is(p, s) && s.(*sentinel).code == p.Code
	}
	if !found || p.Place.File != "f" || p.Msg == "" {
		t.Fatalf("%v (code %s, cause %v) is not a known problem of the file", p, p.Code, p.Err)
	}
}

// checkResult holds for every reader: a refusal is a *Problem with a known code and the file's
// name; accepted reports carry places in the file and valid UTF-8 text; a value the reader
// refused has its error among its report's problems.
func checkResult(t *testing.T, reps []Report, notes []*Problem, err error) {
	if err != nil {
		var p *Problem
		if !errors.As(err, &p) {
			t.Fatalf("refusal %v is not a problem", err)
		}
		checkProblem(t, p)
		if reps != nil {
			t.Fatalf("a refused file returned %d reports", len(reps))
		}
		return
	}
	for _, n := range notes {
		checkProblem(t, n)
	}
	for _, r := range reps {
		cells := []Cell{r.ProjectID, r.PeriodStart, r.PeriodEnd, r.SubmittedAt}
		for _, it := range r.Items {
			cells = append(cells, it.Item, it.Value, it.Comment)
		}
		for _, c := range cells {
			if c.Place().File != "f" {
				t.Fatalf("cell without its file: %+v", c)
			}
			if !utf8.ValidString(c.Text) {
				t.Fatalf("invalid UTF-8 passed through: %q", c.Text)
			}
			if c.Text != trimCell(c.Text) {
				t.Fatalf("untrimmed cell %q", c.Text)
			}
			if c.Refused && !hasProblemAt(r.Problems, c.Place()) {
				t.Fatalf("cell %q at %s refused without a problem there: %v", c.Text, c.Place(), r.Problems)
			}
		}
		for _, p := range r.Problems {
			checkProblem(t, p)
		}
	}
}

func hasProblemAt(ps []*Problem, at domain.Place) bool {
	for _, p := range ps {
		if p.Place == at {
			return true
		}
	}
	return false
}

var csvSeeds = []string{
	"project_id,period_start,period_end,submitted_at,item,value,comment\nAMIF-1,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00,O.2.3,41,\"a, \"\"b\"\"\"\n",
	"\uFEFFproject_id;period_start;period_end;submitted_at;item;value\r\nA;2025-01-01;2025-06-30;2025-07-20T10:15:00Z;expenditure_eur;100,50\r\n",
	"project_id,period_start,period_end,submitted_at,item,value\nA,\"unclosed\n",
	"project_id,period_start\n\x00\x01\x02",
	"project_id,period_start,period_end,submitted_at,item,value\nA,2025-01-01,2025-06-30,2025-07-20T10:15:00Z,O.2.3,\xf6\n",
	"",
	// What Finnish and Swedish Excel, and the people using it, write.
	"sep=;\r\nproject_id;period_start;period_end;submitted_at;item;value;comment\r\nA;1.7.2025;31.12.2025;20.1.2026 10.15;expenditure_eur;1\u00a0234,50;\"rivi\r\nrivi\"\r\nA;01/07/2025;2025-02-30;2026-01-20T10:00:00+02:00;O.2.3;1,234;\r\n",
	"project_id,period_start,period_end,submitted_at,item,value\nA,1.7.25,2025-13-01,2025-02-30T25:00:00Z,expenditure_eur,\"18\u202f250,40 €\"\nA,13/02/2025,31.4.2025,x,O.2.3,1 234\n",
	"project_id\tperiod_start\tperiod_end\tsubmitted_at\titem\tvalue\r\nA\t1.7.2025\t31.12.2025\t2026-01-20T10:00:00+02:00\tO.2.3\t5\r\n",
	string(utf16Bytes("project_id\tperiod_start\tperiod_end\tsubmitted_at\titem\tvalue\r\nA\t1.7.2025\t31.12.2025\tx\tO.2.3\t1 234\r\n", false, true)),
	string(utf16Bytes("project_id,period_start\r\n", true, false)),
	"\xff\xfep\x00\x00\xd8",
	"sep=|\nproject_id|value\n",
	"\uFEFF\n\n",
}

var jsonSeeds = []string{
	`{"project_id": "A", "period_start": "2025-01-01", "period_end": "2025-06-30", "submitted_at": "2025-07-20T10:15:00+03:00", "indicators": {"O.2.3": 41, "O.2.3.1": 17}, "expenditure_eur": "18250.40"}`,
	`[{"project_id": "A", "indicators": {"O.2.3": 1.5}}, {"project_id": 3, "indicators": []}]`,
	"{\"project_id\": \"A\"}\n{\"project_id\": \"B\", \"x\": [[[[[[[[[[1]]]]]]]]]]}\n",
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
	`{"a/b~c": {"d": null}, "project_id": "A", "project_id": "B"}`,
	"",
	"\uFEFF" + `{"project_id": " A ", "period_start": "1.7.2025", "period_end": "31/12/2025", "submitted_at": "20.1.2026 klo 10.15", "expenditure_eur": "1 234,50 €", "indicators": {" O.2.3 ": "1,234", "O.2.3.1": " 12,5 ", "": 1}}`,
	string(utf16Bytes(`[{"project_id": "A", "period_start": "2025-02-30", "indicators": {"O.2.3": "1\u00a0041"}}]`, false, true)),
	"[]",
	"\uFEFF",
}

func seedXLSX(rows [][]any, formula bool) []byte {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "report")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("report", cell, &r)
	}
	if formula {
		f.SetCellFormula("report", "F3", "F2*2")
	}
	var b bytes.Buffer
	f.Write(&b)
	return b.Bytes()
}

func xlsxSeeds() [][]byte {
	header := []any{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"}
	row := []any{"A", 45658, "2025-06-30", "2025-07-20T10:15:00+03:00", "O.2.3", 41, "ok"}
	finnish := []any{" A\u00a0", "1.7.2025", "01/02/2025", "20.1.2026 10.15", "expenditure_eur", "1\u00a0234,50 €", "rivi\r\nrivi"}
	ambiguous := []any{"A", "2025-02-30", "31.4.2025", "2026-01-20T10:00:00+02:00", "O.2.3", "1,234", ""}
	return [][]byte{
		seedXLSX([][]any{header, row}, false),
		seedXLSX([][]any{header, row, row}, true),
		seedXLSX([][]any{{"project_id"}}, false),
		[]byte("PK\x03\x04not a zip"),
		seedXLSX([][]any{header, finnish, ambiguous}, false),
		seedXLSX(nil, false),
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		reps, notes, err := Reports("f", bytes.NewReader(b), CSV, fuzzLimits)
		checkResult(t, reps, notes, err)
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, format := range []Format{JSON, JSONL} {
			reps, notes, err := Reports("f", bytes.NewReader(b), format, fuzzLimits)
			checkResult(t, reps, notes, err)
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	for _, s := range xlsxSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		reps, notes, err := Reports("f", bytes.NewReader(b), XLSX, fuzzLimits)
		checkResult(t, reps, notes, err)
	})
}

// TestWriteFuzzCorpus writes the seeds above as committed corpus files (with -update) and checks
// that the committed corpora are there, so `go test` runs them even without -fuzz.
func TestWriteFuzzCorpus(t *testing.T) {
	corpora := map[string][]string{"FuzzReadCSV": render(toBytes(csvSeeds)), "FuzzReadJSON": render(toBytes(jsonSeeds)),
		"FuzzReadXLSX": render(xlsxSeeds()), "FuzzJSONFast": render(toBytes(jsonSeeds)), "FuzzCSVFast": render(toBytes(csvSeeds))}
	for _, c := range spellingCases {
		corpora["FuzzSpelling"] = append(corpora["FuzzSpelling"], fmt.Sprintf("string(%q)\nuint8(%d)\n", c.written, c.how))
	}
	for name, seeds := range corpora {
		dir := filepath.Join("testdata", "fuzz", name)
		if *update {
			os.MkdirAll(dir, 0o755)
			for i, s := range seeds {
				body := "go test fuzz v1\n" + s
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) < len(seeds) {
			t.Errorf("%s: committed corpus has %d files, want at least %d (go test -run TestWriteFuzzCorpus -update)", dir, len(entries), len(seeds))
		}
	}
}

// render writes byte seeds as the corpus files' one []byte value.
func render(seeds [][]byte) []string {
	out := make([]string, len(seeds))
	for i, s := range seeds {
		out[i] = "[]byte(" + strconv.Quote(string(s)) + ")\n"
	}
	return out
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}
