package read

import (
	"bytes"

	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// randomCSV writes a report CSV, mostly plain, sometimes with what only ReadCSV reads (quotes,
// semicolons, a "sep=" line, a stray carriage return, a row of the wrong length).
func randomCSV(rng *rand.Rand) string {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	cols := []string{"project_id", "period_start", "period_end", "submitted_at", "item", "value"}
	if rng.IntN(2) == 0 {
		cols = append(cols, "comment")
	}
	if rng.IntN(4) == 0 {
		cols = append(cols, "extra")
	}
	rng.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = pick(c, c, strings.ToUpper(c), " "+c+" ")
	}
	if rng.IntN(30) == 0 {
		header = header[1:] // a required column missing
	}
	eol := pick("\n", "\r\n")
	var b strings.Builder
	b.WriteString(pick("", "", "\uFEFF", "\n"))
	b.WriteString(strings.Join(header, ",") + eol)
	keys := [][4]string{}
	for range 1 + rng.IntN(4) {
		keys = append(keys, [4]string{pick("AMIF-1", "AMIF-2", " AMIF-3 ", ""), pick("2025-01-01", "1.1.2025", "01/02/2025", "2025-02-30"),
			pick("2025-06-30", "30.6.2025", ""), pick("2025-07-20T10:15:00+03:00", "20.7.2025 10.15", "x")})
	}
	for range rng.IntN(30) {
		k := keys[rng.IntN(len(keys))]
		row := make([]string, len(cols))
		for i, c := range cols {
			switch c {
			case "project_id":
				row[i] = k[0]
			case "period_start":
				row[i] = k[1]
			case "period_end":
				row[i] = k[2]
			case "submitted_at":
				row[i] = k[3]
			case "item":
				row[i] = pick("O.2.3", "O.2.3.1", "expenditure_eur", "", " R.2.8", "Ö.1")
			case "value":
				row[i] = pick("41", "0", "-3", "1 234", "12.5", "1234,50 €", "", "1e3", "  7  ")
			case "comment":
				row[i] = pick("", "", "ok", "=1+1", "työ\tok")
			default:
				row[i] = pick("", "z")
			}
		}
		line := strings.Join(row, ",")
		if rng.IntN(25) == 0 {
			line = pick(`"quoted",`+line, line+",", strings.ReplaceAll(line, ",", ";"), line+"\r", "", "  ")
		}
		b.WriteString(line + eol)
		if rng.IntN(10) == 0 {
			b.WriteString(eol) // a blank line
		}
	}
	s := b.String()
	if rng.IntN(40) == 0 {
		s = pick("sep=,\n", "sep=;\n", "\xff\xfe") + s
	}
	return s
}

// checkCSVFastMatches: when readCSVFast reads b, it gives what ReadCSV and the grouper give,
// which read b without a problem.
func checkCSVFastMatches(t *testing.T, b []byte, lim Limits) bool {
	t.Helper()
	fast, ok := readCSVFast("f", bytes.Clone(b), lim)
	if !ok {
		return false
	}
	var g grouper
	notes, err := ReadCSV("f", bytes.NewReader(b), ReportTable, lim, g.add)
	if err != nil || len(notes) > 0 {
		t.Fatalf("%q: read in one pass, but ReadCSV says %v %v", b, err, notes)
	}
	if slow := g.finish(); !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\none pass: %+v\nReadCSV: %+v", b, fast, slow)
	}
	return true
}

// TestCSVFastMatches: on random report CSVs, what the one-pass reader reads it reads as ReadCSV
// and the grouper do; it reads most plain files and leaves the others; and Reports gives the
// same with and without it.
func TestCSVFastMatches(t *testing.T) {
	if groupColumns != [7]string(newRow(ReportTable).names) {
		t.Fatalf("the grouper's columns %v are not the report table's slots %v", groupColumns, newRow(ReportTable).names)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	read, left := 0, 0
	for range 20000 {
		if checkCSVFastMatches(t, []byte(randomCSV(rng)), Default) {
			read++
		} else {
			left++
		}
	}
	if read < 3000 || left < 3000 {
		t.Errorf("read %d files in one pass, left %d: the cases do not cover both", read, left)
	}
	for range 2000 {
		checkWithAndWithout(t, randomCSV(rng), CSV, &useCSVFast)
	}
}

func FuzzCSVFast(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		f.Add([]byte(randomCSV(rng)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkCSVFastMatches(t, b, Default)
		checkCSVFastMatches(t, b, Limits{MaxLine: 64, MaxRecord: 256 << 10, MaxRows: 5, MaxCellLength: 8, MaxJSONValue: 1, MaxJSONDepth: 1, MaxXLSXBytes: 1, MaxUnzipped: 1, MaxXMLInRAM: 1})
	})
}
