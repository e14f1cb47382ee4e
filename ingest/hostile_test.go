package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/ingest/read"
)

// TestHostileFiles drops each file of testdata/hostile into a good inbox: the file must end in a
// finding of the expected rule, and the good reports must still be ingested.
func TestHostileFiles(t *testing.T) {
	cases := map[string]string{
		"binary-elf.csv":            RuleFileBinary.ID,
		"mixed-encoding.csv":        RuleFileEncoding.ID,
		"nesting-bomb.json":         RuleFileDepth.ID,
		"nesting-bomb-objects.json": RuleFileDepth.ID,
		"formula-injection.csv":     RuleTextFormula.ID,
		"control-chars.jsonl":       RuleTextControl.ID,
		"invalid-utf8.json":         RuleFileEncoding.ID,
		"unclosed-quote.csv":        RuleFileSyntax.ID,
		"not-a-zip.xlsx":            RuleFileFormat.ID,
	}
	entries, err := os.ReadDir("testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(cases) {
		t.Errorf("testdata/hostile has %d files, the table %d", len(entries), len(cases))
	}
	cat := testCatalogue(t)
	for name, rule := range cases {
		t.Run(name, func(t *testing.T) {
			inbox := copyTree(t, "testdata/inbox")
			b, err := os.ReadFile(filepath.Join("testdata/hostile", name))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(inbox, ReportsDir, "hostile", name), string(b))
			sum, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: filepath.Join(t.TempDir(), "wh"), RunID: "r1", Now: testClock(0), Catalogue: cat})
			if err != nil {
				t.Fatal(err)
			}
			fired := false
			for _, f := range findingsOf(t, sum) {
				if f.Rule == rule && strings.HasPrefix(f.Place.File, "reports/hostile/"+name) {
					fired = true
				}
			}
			if !fired {
				t.Errorf("no %s finding for %s: %v", rule, name, findingsOf(t, sum))
			}
			if sum.ReportsAccepted != 4 {
				t.Errorf("the good reports beside it: %d accepted, want 4", sum.ReportsAccepted)
			}
		})
	}
}

// endless yields its pattern forever and counts what was taken from it: a multi-gigabyte input
// that costs nothing to hold.
type endless struct {
	prefix  string
	pattern byte
	n       int64
}

func (e *endless) Read(p []byte) (int, error) {
	i := 0
	for ; i < len(p) && e.n < int64(len(e.prefix)); i++ {
		p[i] = e.prefix[e.n]
		e.n++
	}
	for ; i < len(p); i++ {
		p[i] = e.pattern
	}
	e.n += int64(len(p) - i)
	return len(p), nil
}

// TestEndlessInputs feeds each text reader an input with no end (a line with no newline, a JSON
// string that never closes): the reader must refuse it after reading about its limit.
func TestEndlessInputs(t *testing.T) {
	cases := []struct {
		name   string
		format read.Format
		src    *endless
		code   string
	}{
		{"csv line without newline", read.CSV, &endless{prefix: hdr + "AMIF-2023-001,", pattern: 'x'}, read.CodeLineTooLong},
		{"csv quoted field with newlines", read.CSV, &endless{prefix: hdr + `AMIF-2023-001,"`, pattern: '\n'}, read.CodeLineTooLong},
		{"json string that never ends", read.JSON, &endless{prefix: `{"comment": "`, pattern: 'a'}, read.CodeTooLarge},
		{"jsonl endless array", read.JSONL, &endless{prefix: `{"comment": `, pattern: '['}, read.CodeDepth},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := read.Reports("endless", c.src, c.format, read.Limits{})
			var p *read.Problem
			if !errors.As(err, &p) || p.Code != c.code {
				t.Fatalf("got %v, want a %s problem", err, c.code)
			}
			if c.src.n > 8<<20 {
				t.Errorf("read %d bytes before refusing; expected about the 1-4 MiB limit", c.src.n)
			}
		})
	}
}

var _ io.Reader = (*endless)(nil)
