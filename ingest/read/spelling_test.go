package read

import (
	"errors"
	"strings"
	"testing"

	"mittari/domain"
)

// spellingCases are the spellings of dates, timestamps and numbers met in real files, with how
// each is read: kept as it is (code ""), read as want with a warning, or refused with an error.
var spellingCases = []struct {
	how           spelling
	written, want string // want: the text read ("" = as written)
	code          string // the problem's code, "" for none
	msg           string // a part of the message
}{
	{spellDate, "2025-07-01", "", "", ""},
	{spellDate, "2024-02-29", "", "", ""},
	{spellDate, "1.7.2025", "2025-07-01", CodeDateNormalised, "x 1.7.2025 read as 2025-07-01 (day.month.year); write dates as YYYY-MM-DD"},
	{spellDate, "31.12.2025", "2025-12-31", CodeDateNormalised, "read as 2025-12-31"},
	{spellDate, "01.07.2025", "2025-07-01", CodeDateNormalised, "read as 2025-07-01"},
	{spellDate, "29.2.2024", "2024-02-29", CodeDateNormalised, "read as 2024-02-29"},
	{spellDate, "2025-02-30", "", CodeDate, "x 2025-02-30: February 2025 has no day 30; expected a date that exists, as YYYY-MM-DD"},
	{spellDate, "2025-02-29", "", CodeDate, "February 2025 has no day 29 (2025 is not a leap year)"},
	{spellDate, "2025-13-01", "", CodeDate, "there is no month 13"},
	{spellDate, "2025-04-00", "", CodeDate, "there is no day 0"},
	{spellDate, "31.4.2025", "", CodeDate, "April 2025 has no day 31"},
	{spellDate, "1.7.25", "", CodeDateAmbiguous, "x 1.7.25 has a two-digit year (1925 or 2025?); write the date as YYYY-MM-DD, e.g. 2025-07-01"},
	{spellDate, "01/02/2025", "", CodeDateAmbiguous, "x 01/02/2025 is 1 February 2025 if day/month, 2 January 2025 if month/day; write the date as YYYY-MM-DD: 2025-02-01 or 2025-01-02"},
	{spellDate, "13/02/2025", "", CodeDateAmbiguous, "month/day in others; write the date as YYYY-MM-DD, here 2025-02-13"},
	{spellDate, "2/13/2025", "", CodeDateAmbiguous, "here 2025-02-13"},
	{spellDate, "5/5/2025", "", CodeDateAmbiguous, "here 2025-05-05"},
	{spellDate, "01/1/2025", "", CodeDateAmbiguous, "here 2025-01-01"},
	{spellDate, "1/7/25", "", CodeDateAmbiguous, "write the date as YYYY-MM-DD"},
	{spellDate, "40/40/2025", "", CodeDate, "is not a date read either day/month or month/day"},
	{spellDate, "soon", "", "", ""},
	{spellDate, "2025-7-1", "", "", ""},
	{spellDate, "20250701", "", "", ""},
	{spellDate, "1.7.2025.", "", "", ""},
	{spellDate, "1.7.202", "", "", ""},

	{spellTimestamp, "2025-07-20T10:15:00+03:00", "", "", ""},
	{spellTimestamp, "2025-07-20 10:15", "", "", ""}, // no offset: the validator says so
	{spellTimestamp, "2025-02-30T10:00:00+02:00", "", CodeTimestamp, "x 2025-02-30T10:00:00+02:00: February 2025 has no day 30; expected a moment that exists"},
	{spellTimestamp, "2025-07-20T25:00:00+03:00", "", CodeTimestamp, "there is no hour 25"},
	{spellTimestamp, "2025-07-20T10:61:00+03:00", "", CodeTimestamp, "there is no minute 61"},
	{spellTimestamp, "20.7.2025 10.15", "", CodeTimestamp, "x 20.7.2025 10.15 has no UTC offset; write 2025-07-20T10:15:00+02:00 if that is Finnish winter time, 2025-07-20T10:15:00+03:00 if summer time"},
	{spellTimestamp, "20.7.2025 klo 9.05", "", CodeTimestamp, "write 2025-07-20T09:05:00+02:00"},
	{spellTimestamp, "20.7.2025 10:15:30", "", CodeTimestamp, "write 2025-07-20T10:15:30+02:00"},
	{spellTimestamp, "31.2.2025 10:00", "", CodeTimestamp, "February 2025 has no day 31"},
	{spellTimestamp, "20.7.2025 24:00", "", CodeTimestamp, "there is no time 24:00"},
	{spellTimestamp, "20.7.2025", "", "", ""},
	{spellTimestamp, "20.7.2025 noon", "", "", ""},

	{spellNumber, "1234.50", "", "", ""},
	{spellNumber, "-3", "", "", ""},
	{spellNumber, "41", "", "", ""},
	{spellNumber, "1 234,50", "1234.50", CodeNumNormalised, "x 1 234,50 read as 1234.50; write numbers with a decimal dot and no thousands separators or € sign, e.g. 1234.50"},
	{spellNumber, "1\u00a0234,50", "1234.50", CodeNumNormalised, "read as 1234.50"},
	{spellNumber, "1\u202f234,50", "1234.50", CodeNumNormalised, "read as 1234.50"},
	{spellNumber, "12 345\u00a0678,9", "12345678.9", CodeNumNormalised, "read as 12345678.9"},
	{spellNumber, "100,50", "100.50", CodeNumNormalised, "read as 100.50"},
	{spellNumber, "0,5", "0.5", CodeNumNormalised, "read as 0.5"},
	{spellNumber, "12,5", "12.5", CodeNumNormalised, "read as 12.5"},
	{spellNumber, "1 234", "1234", CodeNumNormalised, "read as 1234"},
	{spellNumber, "1 234.50", "1234.50", CodeNumNormalised, "read as 1234.50"},
	{spellNumber, "18\u00a0250,40\u00a0€", "18250.40", CodeNumNormalised, "read as 18250.40"},
	{spellNumber, "100 €", "100", CodeNumNormalised, "read as 100"},
	{spellNumber, "-1 234,50", "-1234.50", CodeNumNormalised, "read as -1234.50"},
	{spellNumber, "1234,567", "1234.567", CodeNumNormalised, "read as 1234.567"},
	{spellNumber, "0,123", "0.123", CodeNumNormalised, "read as 0.123"},
	{spellNumber, "1,234", "", CodeNumAmbiguous, "x 1,234 is 1234 if the comma separates thousands, 1.234 if it is a decimal comma; write 1234 or 1.234"},
	{spellNumber, "-12,345", "", CodeNumAmbiguous, "-12345 if the comma separates thousands, -12.345 if it is a decimal comma"},
	{spellNumber, "1,234 €", "", CodeNumAmbiguous, "write 1234 or 1.234"},
	{spellNumber, "1 23,4", "", "", ""},
	{spellNumber, "1  234", "", "", ""},
	{spellNumber, "1234 567", "", "", ""},
	{spellNumber, "1.234,50", "", "", ""},
	{spellNumber, "1,234,567", "", "", ""},
	{spellNumber, "1,", "", "", ""},
	{spellNumber, ",5", "", "", ""},
	{spellNumber, "1.2e4", "", "", ""},
	{spellNumber, "many", "", "", ""},
	{spellNumber, "€", "", "", ""},
	{spellNumber, "- 5", "", "", ""},
}

// TestSpellings: each spelling is kept, read with a warning that names the canonical form, or
// refused with an error that says what to write; a refused cell keeps its text and is marked.
func TestSpellings(t *testing.T) {
	at := domain.Place{File: "r.csv", Line: 2, Column: "x"}
	for _, c := range spellingCases {
		got, p := respell(placed(c.written, Text, at), c.how, "x")
		want := c.want
		if want == "" {
			want = c.written
		}
		if got.Text != want {
			t.Errorf("%q read as %q, want %q", c.written, got.Text, want)
		}
		if c.code == "" {
			if p != nil || got.Refused {
				t.Errorf("%q: unexpected %v (refused %v)", c.written, p, got.Refused)
			}
			continue
		}
		if p == nil {
			t.Errorf("%q: no problem, want %s", c.written, c.code)
			continue
		}
		if p.Code != c.code || !strings.Contains(p.Msg, c.msg) || p.Value != c.written || p.Place != at {
			t.Errorf("%q: got %s %q at %s (value %q), want %s %q", c.written, p.Code, p.Msg, p.Place, p.Value, c.code, c.msg)
		}
		if len(p.Msg) > 200 { // ingest keeps 200 bytes of a message
			t.Errorf("%q: a message of %d bytes: %s", c.written, len(p.Msg), p.Msg)
		}
		if refused := c.want == ""; got.Refused != refused {
			t.Errorf("%q: refused %v, want %v", c.written, got.Refused, refused)
		}
	}
}

// TestSpellingCauses: errors.Is tells the kinds of spelling problems apart, and a timestamp's
// impossible date is both not a timestamp and not a date.
func TestSpellingCauses(t *testing.T) {
	at := domain.Place{File: "r.csv", Line: 2}
	cases := []struct {
		how     spelling
		written string
		is      []error
		isNot   []error
	}{
		{spellDate, "2025-02-30", []error{ErrNotADate}, []error{ErrAmbiguousDate, ErrNotATimestamp}},
		{spellDate, "01/02/2025", []error{ErrAmbiguousDate}, []error{ErrNotADate}},
		{spellDate, "1.7.2025", []error{ErrDateNormalised}, []error{ErrNotADate}},
		{spellTimestamp, "2025-02-30T10:00:00Z", []error{ErrNotATimestamp, ErrNotADate}, []error{ErrAmbiguousDate}},
		{spellTimestamp, "20.7.2025 10:15", []error{ErrNotATimestamp, ErrAmbiguousDate}, []error{ErrNotADate}},
		{spellNumber, "1,234", []error{ErrAmbiguousNumber}, []error{ErrNumNormalised}},
		{spellNumber, "1 234,50", []error{ErrNumNormalised}, []error{ErrAmbiguousNumber}},
	}
	for _, c := range cases {
		_, p := respell(placed(c.written, Text, at), c.how, "x")
		for _, e := range c.is {
			if !errors.Is(p, e) {
				t.Errorf("%q: errors.Is(%v, %v) is false", c.written, p, e)
			}
		}
		for _, e := range c.isNot {
			if errors.Is(p, e) {
				t.Errorf("%q: errors.Is(%v, %v) is true", c.written, p, e)
			}
		}
	}
}

// TestSpellingOnlyOfText: numbers and Excel dates of a workbook, and missing cells, are never
// respelled: they are not text someone typed.
func TestSpellingOnlyOfText(t *testing.T) {
	at := domain.Place{File: "r.xlsx", Sheet: "report", Cell: "B2"}
	for _, c := range []Cell{placed("1,5", Number, at), placed("", Missing, at), placed("1.7.2025", Other, at),
		{Text: "2025-02-30", Kind: Text, ExcelDate: true, src: exact(at)}} {
		for _, how := range []spelling{spellDate, spellTimestamp, spellNumber} {
			if got, p := respell(c, how, "x"); p != nil || got != c {
				t.Errorf("%+v respelled as %+v, %v", c, got, p)
			}
		}
	}
}

// FuzzSpelling: whatever a cell holds, respell keeps it, refuses it (text as written, an error
// naming the value), or reads it as the canonical spelling of the same digits, which respell
// then keeps as it is.
func FuzzSpelling(f *testing.F) {
	for _, c := range spellingCases {
		f.Add(c.written, uint8(c.how))
	}
	f.Fuzz(func(t *testing.T, s string, how uint8) {
		kind := spelling(how%3 + 1)
		at := domain.Place{File: "f", Line: 1, Column: "x"}
		in := placed(s, Text, at)
		got, p := respell(in, kind, "x")
		if p == nil {
			if got != in {
				t.Fatalf("%q changed to %q without a problem", s, got.Text)
			}
			return
		}
		if p.Value != s || p.Place != at || !strings.Contains(p.Msg, s) || p.Err == nil {
			t.Fatalf("%q: problem %v does not name the value where it stands", s, p)
		}
		if got.Refused {
			if got.Text != s || errors.Is(p, ErrDateNormalised) || errors.Is(p, ErrNumNormalised) {
				t.Fatalf("%q refused as %q with %v", s, got.Text, p)
			}
			return
		}
		if again, p2 := respell(got, kind, "x"); p2 != nil || again != got {
			t.Fatalf("%q read as %q, which is not canonical: %v", s, got.Text, p2)
		}
		digits := func(s string) string {
			return strings.Map(func(r rune) rune {
				if '0' <= r && r <= '9' {
					return r
				}
				return -1
			}, s)
		}
		switch kind {
		case spellNumber:
			if !errors.Is(p, ErrNumNormalised) || !plainDecimal(got.Text) || digits(got.Text) != digits(s) || strings.HasPrefix(got.Text, "-") != strings.HasPrefix(s, "-") {
				t.Fatalf("%q read as %q (%v)", s, got.Text, p)
			}
		case spellDate:
			y, m, d, ok := isoDate(got.Text)
			a, b, yy, _, _ := dayMonthYear(s)
			if !errors.Is(p, ErrDateNormalised) || !ok || noSuchDay(y, m, d) != "" || d != atoi(a) || m != atoi(b) || y != atoi(yy) {
				t.Fatalf("%q read as %q (%v)", s, got.Text, p)
			}
		default:
			t.Fatalf("%q: a timestamp is never respelled, but read as %q", s, got.Text)
		}
	})
}
