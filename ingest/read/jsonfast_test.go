package read

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// randomJSON writes a file of report objects, mostly plain, sometimes with what only readJSON
// reads (escapes, other types, unknown or repeated keys, broken syntax).
func randomJSON(rng *rand.Rand) (string, Format) {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	ws := func() string { return pick("", "", " ", "\n", "\t ", "\r\n  ") }
	scalar := func() string {
		switch rng.IntN(14) {
		case 0:
			return "null"
		case 1:
			return pick("41", "0", "-3", "1.5", "1e3", "-0.25E-2", "12345678901234567890")
		case 2:
			return pick(`""`, `"  "`, `" 41 "`, `"1 234,50 €"`, `"1.7.2025"`, `"01/02/2025"`, `"Työ ä"`, `"2026-01-20T10:00:00+02:00"`)
		case 3:
			if rng.IntN(4) == 0 {
				return pick(`"a\"b"`, `"\u0041"`, "true", "[1]", `{"x": 1}`, "01", "-", "1.", `"tab	in"`, "nul", `"\uFFFD"`)
			}
		}
		return pick(`"AMIF-1"`, `"2025-01-01"`, `"2025-06-30"`, `"2025-07-20T10:15:00+03:00"`, `"18250.40"`, `"41"`, "17")
	}
	report := func() string {
		var members []string
		keys := []string{"project_id", "period_start", "period_end", "submitted_at", "comment", "expenditure_eur", "indicators"}
		rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		for _, k := range keys[:rng.IntN(len(keys)+1)] {
			v := scalar()
			if k == "indicators" {
				var items []string
				for range rng.IntN(5) {
					items = append(items, fmt.Sprintf("%s%q%s:%s%s", ws(), pick("O.2.3", "O.2.3.1", "R.2.8", " O.1.1 ", "", "a/b~c", "Ö.1"), ws(), ws(), scalar()))
				}
				v = "{" + strings.Join(items, ",") + ws() + "}"
				if rng.IntN(20) == 0 {
					v = pick("[]", "null", `"x"`, `{"O.2.3": 1,}`)
				}
			}
			members = append(members, fmt.Sprintf("%s%q%s:%s%s", ws(), k, ws(), ws(), v))
		}
		if rng.IntN(15) == 0 {
			members = append(members, pick(`"project_id": "B"`, `"x": 1`, `"extra": {"a": [1, {"b": null}]}`))
		}
		return "{" + strings.Join(members, ",") + ws() + "}"
	}
	var b strings.Builder
	n := rng.IntN(4)
	format := JSON
	switch rng.IntN(3) {
	case 0:
		b.WriteString("[" + ws())
		for i := range n {
			if i > 0 {
				b.WriteString("," + ws())
			}
			b.WriteString(report())
		}
		b.WriteString(ws() + "]" + ws())
	case 1:
		format = JSONL
		fallthrough
	default:
		for range n + 1 {
			b.WriteString(report() + pick("\n", "\r\n", " ", ""))
		}
	}
	s := b.String()
	if rng.IntN(10) == 0 {
		s = pick("\uFEFF", "", "x", "]") + s + pick("", "}", ",", "x", "[]")
	}
	return s, format
}

// checkFastMatches: when readJSONFast reads b, it gives what readJSON gives, which reads b
// without a problem.
func checkFastMatches(t *testing.T, b []byte, format Format, lim Limits) bool {
	t.Helper()
	fast, ok := readJSONFast("f", b, format, lim)
	if !ok {
		return false
	}
	slow, notes, err := readJSON("f", bytes.NewReader(b), format, lim)
	if err != nil || len(notes) > 0 {
		t.Fatalf("%q: read in one pass, but readJSON says %v %v", b, err, notes)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\none pass: %+v\nreadJSON: %+v", b, fast, slow)
	}
	return true
}

// TestJSONFastMatches: on random files of report objects, what the one-pass reader reads it
// reads as readJSON does; it reads most plain files and leaves the others.
func TestJSONFastMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	read, left := 0, 0
	for range 20000 {
		s, format := randomJSON(rng)
		if checkFastMatches(t, []byte(s), format, Default) {
			read++
		} else {
			left++
		}
	}
	if read < 3000 || left < 3000 {
		t.Errorf("read %d files in one pass, left %d: the cases do not cover both", read, left)
	}
	// Through Reports, as a run reads a file: the same reports, notes and problems as without
	// the one-pass reader.
	for range 2000 {
		s, format := randomJSON(rng)
		checkWithAndWithout(t, s, format, &useJSONFast)
	}
}

// checkWithAndWithout: Reports reads s alike with the one-pass reader that use switches on and
// without it.
func checkWithAndWithout(t *testing.T, s string, format Format, use *bool) {
	t.Helper()
	defer func() { *use = true }()
	*use = true
	got, gotNotes, gotErr := Reports("f", strings.NewReader(s), format, Default)
	*use = false
	want, wantNotes, wantErr := Reports("f", strings.NewReader(s), format, Default)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotNotes, wantNotes) || !reflect.DeepEqual(gotErr, wantErr) {
		t.Fatalf("%q: %v %v %v, without the one-pass reader %v %v %v", s, got, gotNotes, gotErr, want, wantNotes, wantErr)
	}
}

func FuzzJSONFast(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		s, _ := randomJSON(rng)
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, format := range []Format{JSON, JSONL} {
			checkFastMatches(t, b, format, fuzzLimits)
		}
	})
}
