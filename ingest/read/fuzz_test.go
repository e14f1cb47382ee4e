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
)

var update = flag.Bool("update", false, "rewrite the committed fuzz seed corpora")

// Small limits make the fuzzer reach the limit paths with short inputs.
var fuzzLimits = Limits{MaxLine: 256, MaxRecord: 1024, MaxRows: 50, MaxXLSXBytes: 1 << 20, MaxUnzipped: 4 << 20,
	MaxXMLInRAM: 1 << 20, MaxJSONValue: 2048, MaxJSONDepth: 8, MaxCellLength: 128}

var knownCodes = map[string]bool{CodeUnreadable: true, CodeBinary: true, CodeEncoding: true, CodeLineTooLong: true,
	CodeTooLarge: true, CodeTooManyRows: true, CodeSyntax: true, CodeDepth: true, CodeHeader: true, CodeNoSheet: true,
	CodeFormula: true, CodeSemicolon: true, CodeEmpty: true, CodeShape: true, CodeFormat: true}

// checkResult holds for every reader: a refusal is a *Problem with a known code and the file's
// name; accepted reports carry places in the file and valid UTF-8 text.
func checkResult(t *testing.T, reps []Report, notes []*Problem, err error) {
	if err != nil {
		var p *Problem
		if !errors.As(err, &p) || !knownCodes[p.Code] || p.Place.File != "f" {
			t.Fatalf("refusal %v is not a known problem of the file", err)
		}
		if reps != nil {
			t.Fatalf("a refused file returned %d reports", len(reps))
		}
		return
	}
	for _, n := range notes {
		if !knownCodes[n.Code] {
			t.Fatalf("unknown note %v", n)
		}
	}
	for _, r := range reps {
		for _, c := range []Cell{r.ProjectID, r.PeriodStart, r.PeriodEnd, r.SubmittedAt} {
			if c.Place().File != "f" {
				t.Fatalf("cell without its file: %+v", c)
			}
			if !utf8.ValidString(c.Text) {
				t.Fatalf("invalid UTF-8 passed through: %q", c.Text)
			}
		}
		for _, p := range r.Problems {
			if !knownCodes[p.Code] {
				t.Fatalf("unknown problem %v", p)
			}
		}
	}
}

var csvSeeds = []string{
	"project_id,period_start,period_end,submitted_at,item,value,comment\nAMIF-1,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00,O.2.3,41,\"a, \"\"b\"\"\"\n",
	"\uFEFFproject_id;period_start;period_end;submitted_at;item;value\r\nA;2025-01-01;2025-06-30;2025-07-20T10:15:00Z;expenditure_eur;100,50\r\n",
	"project_id,period_start,period_end,submitted_at,item,value\nA,\"unclosed\n",
	"project_id,period_start\n\x00\x01\x02",
	"project_id,period_start,period_end,submitted_at,item,value\nA,2025-01-01,2025-06-30,2025-07-20T10:15:00Z,O.2.3,\xf6\n",
	"",
}

var jsonSeeds = []string{
	`{"project_id": "A", "period_start": "2025-01-01", "period_end": "2025-06-30", "submitted_at": "2025-07-20T10:15:00+03:00", "indicators": {"O.2.3": 41, "O.2.3.1": 17}, "expenditure_eur": "18250.40"}`,
	`[{"project_id": "A", "indicators": {"O.2.3": 1.5}}, {"project_id": 3, "indicators": []}]`,
	"{\"project_id\": \"A\"}\n{\"project_id\": \"B\", \"x\": [[[[[[[[[[1]]]]]]]]]]}\n",
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
	`{"a/b~c": {"d": null}, "project_id": "A", "project_id": "B"}`,
	"",
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
	return [][]byte{
		seedXLSX([][]any{header, row}, false),
		seedXLSX([][]any{header, row, row}, true),
		seedXLSX([][]any{{"project_id"}}, false),
		[]byte("PK\x03\x04not a zip"),
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
	corpora := map[string][][]byte{"FuzzReadCSV": toBytes(csvSeeds), "FuzzReadJSON": toBytes(jsonSeeds), "FuzzReadXLSX": xlsxSeeds()}
	for name, seeds := range corpora {
		dir := filepath.Join("testdata", "fuzz", name)
		if *update {
			os.MkdirAll(dir, 0o755)
			for i, s := range seeds {
				body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(s)) + ")\n"
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

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}
