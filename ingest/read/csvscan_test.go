package read

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// scanAll runs the scanner over in and describes every record (fields and the line of each)
// and the error that ended it, in the same words as stdAll. With asStd, a line break kept as
// CRLF inside a field is shown as encoding/csv reads it, LF.
func scanAll(in string, comma byte, asStd bool) []string {
	s := &csvScanner{r: bufio.NewReaderSize(strings.NewReader(in), 16), comma: comma}
	var out []string
	for {
		err := s.next()
		if err == io.EOF {
			return out
		}
		rec := ""
		for i := range s.fields() {
			f := string(s.field(i))
			if asStd {
				f = strings.ReplaceAll(f, "\r\n", "\n")
			}
			rec += fmt.Sprintf("%q@%d ", f, s.line(i))
		}
		out = append(out, rec+describeErr(err))
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return out
		}
	}
}

// stdAll is scanAll with encoding/csv, the reference.
func stdAll(in string, comma byte) []string {
	r := csv.NewReader(bufio.NewReaderSize(strings.NewReader(in), 16))
	r.Comma = rune(comma)
	r.ReuseRecord = true
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		desc := ""
		for i, f := range rec {
			line, _ := r.FieldPos(i)
			desc += fmt.Sprintf("%q@%d ", f, line)
		}
		out = append(out, desc+describeErr(err))
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return out
		}
	}
}

func describeErr(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("error %d:%d:%d %v", pe.StartLine, pe.Line, pe.Column, pe.Err)
	}
	if err != nil {
		return "error " + err.Error()
	}
	return "ok"
}

var scannerSeeds = []string{
	"a,b,c\n1,2,3\n",
	"a,b\r\n1,2\r\n",
	"a,b\n1,2",
	"a,b\n1,2\r",
	"a,b\n\n\r\n1,2\n\n",
	"a,b\n\"x,y\",\"q\"\"uote\"\n",
	"a,b\n\"multi\nline\",z\n3,4\n",
	"a,b\n\"multi\r\nline\r\n\",z\n",
	"a,b\n\"unclosed,z\n3,4\n",
	"a,b\n\"bad\"x,z\n",
	"a,b\nba\"re,z\n",
	"a,b\n1\n2,3\n",
	"a,b\n1,2,3\n",
	"a;b\n1;2\n\"x;y\";z\n",
	"a,b\n,\n",
	"\"\"\n\"\"\n",
	"a\n\"\"\"\"\n",
	"a,b\n \"x\",y\n",
	"a,b\n\"x\" ,y\n",
	"a,b\n1,2\n\"",
	"a,b\n" + strings.Repeat("x", 40) + "," + strings.Repeat("y", 40) + "\n",
	"a,b\n\"" + strings.Repeat("long\n", 10) + "\",1\n",
	"a\r\r\n1\r\n",
	"a\tb\r\n\"x\ty\"\t\"one\r\ntwo\"\r\n",
	"a,b\r\n\"one\r\ntwo\r\n\",\"\r\n\"\r\n",
	"",
	"\n\n",
}

// TestCSVScannerMatchesEncodingCSV: fields, their lines and errors are exactly encoding/csv's,
// but for the CRLF that a quoted field keeps (TestCSVScannerKeepsCRLF).
func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	for _, in := range scannerSeeds {
		for _, comma := range []byte{',', ';', '\t'} {
			got, want := scanAll(in, comma, true), stdAll(in, comma)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%q with %q:\n got %q\nwant %q", in, comma, got, want)
			}
		}
	}
}

// TestCSVScannerKeepsCRLF: a line break inside a quoted field stays as written; the line
// break that ends a record does not belong to any field.
func TestCSVScannerKeepsCRLF(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a,b\r\n\"one\r\ntwo\",z\r\n", `"one\r\ntwo"@2 "z"@3 ok`},
		{"a,b\r\n\"one\ntwo\",z\r\n", `"one\ntwo"@2 "z"@3 ok`},
		{"a,b\n\"one\r\n\r\ntwo\r\n\",z\n", `"one\r\n\r\ntwo\r\n"@2 "z"@5 ok`},
		{"a,b\n\"one\r\r\ntwo\",z", `"one\r\r\ntwo"@2 "z"@3 ok`},
		{"a,b\r\n1,\"x\r\n\"\r\n", `"1"@2 "x\r\n"@2 ok`},
	}
	for _, c := range cases {
		got := scanAll(c.in, ',', false)
		if len(got) != 2 || got[1] != c.want {
			t.Errorf("%q: got %q, want record 2 %s", c.in, got, c.want)
		}
	}
}

func FuzzCSVScanner(f *testing.F) {
	for i, s := range scannerSeeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, in string, sep uint8) {
		comma := []byte{',', ';', '\t'}[sep%3]
		got, want := scanAll(in, comma, true), stdAll(in, comma)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\n got %q\nwant %q", in, got, want)
		}
		// A CRLF in a field is one the input had.
		if kept := strings.Count(strings.Join(scanAll(in, comma, false), ""), `\r\n`); kept > strings.Count(in, "\r\n") {
			t.Fatalf("%q: %d CRLF in the fields, %d in the input", in, kept, strings.Count(in, "\r\n"))
		}
	})
}

// TestArenaStrings: strings made by the arena keep their text as more is added, across
// blocks, and a value larger than a block gets its own.
func TestArenaStrings(t *testing.T) {
	var a arena
	var got, want []string
	for i := range 5000 {
		s := strings.Repeat(fmt.Sprint(i%10), i%97)
		if i == 4000 {
			s = strings.Repeat("z", 100<<10)
		}
		got = append(got, a.string([]byte(s)))
		want = append(want, s)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("string %d changed: %.20q, want %.20q", i, got[i], want[i])
		}
	}
}
