package read

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// How a column's values are spelled, for respell.
type spelling uint8

const (
	spellDate      spelling = iota + 1 // a calendar day: YYYY-MM-DD
	spellTimestamp                     // an RFC 3339 timestamp with a UTC offset
	spellNumber                        // a count or an amount: digits with a decimal dot
)

// respell reads the text of c as a value of the kind its column holds. The canonical spelling,
// and anything the reader does not recognise, come back as they are, for the validator to
// judge. An unambiguous Finnish or Swedish spelling (1.7.2025, 1 234,50) comes back canonical,
// with a warning that names both spellings. An ambiguous one (01/02/2025, 1,234), or a date of
// a known shape that does not exist (2025-02-30), comes back as written and Refused, with an
// error that says what to write instead. name is how the message names the value (its column,
// JSON key or indicator code).
func respell(c Cell, how spelling, name string) (Cell, *Problem) {
	if c.Kind != Text || c.ExcelDate {
		return c, nil
	}
	var s spelled
	switch how {
	case spellDate:
		s = readDate(c.Text, name)
	case spellTimestamp:
		s = readTimestamp(c.Text, name)
	case spellNumber:
		s = readNumber(c.Text, name)
	}
	if s.err == nil {
		return c, nil
	}
	p := problem(s.err, c.Place(), c.Text, s.msg)
	if s.text != "" {
		c.Text = s.text
	} else {
		c.Refused = true
	}
	return c, p
}

// spelled is what reading one spelling gave: nothing (err nil: keep the value as it is), the
// canonical text read from another spelling (text, with a warning's cause and message), or a
// refusal (no text, an error's cause and message).
type spelled struct {
	text string
	err  error
	msg  string
}

// readDate reads YYYY-MM-DD, and the day.month.year that Finnish and Swedish spreadsheets write.
// A year of two digits, and day and month separated by slashes (day/month in some countries,
// month/day in others), are ambiguous.
func readDate(s, name string) spelled {
	if y, m, d, ok := isoDate(s); ok {
		if why := noSuchDay(y, m, d); why != "" {
			return spelled{err: ErrNotADate, msg: fmt.Sprintf("%s %s: %s; expected a date that exists, as YYYY-MM-DD", name, s, why)}
		}
		return spelled{}
	}
	a, b, y, sep, ok := dayMonthYear(s)
	switch {
	case !ok:
		return spelled{}
	case sep == '.' && len(y) == 2:
		example := "2025-07-01"
		if noSuchDay(2000+atoi(y), atoi(b), atoi(a)) == "" {
			example = iso(2000+atoi(y), atoi(b), atoi(a))
		}
		return spelled{err: ErrAmbiguousDate, msg: fmt.Sprintf("%s %s has a two-digit year (19%s or 20%s?); write the date as YYYY-MM-DD, e.g. %s",
			name, s, y, y, example)}
	case sep == '.':
		year, month, day := atoi(y), atoi(b), atoi(a)
		if why := noSuchDay(year, month, day); why != "" {
			return spelled{err: ErrNotADate, msg: fmt.Sprintf("%s %s: %s; expected a date that exists, as YYYY-MM-DD", name, s, why)}
		}
		out := iso(year, month, day)
		return spelled{text: out, err: ErrDateNormalised, msg: fmt.Sprintf("%s %s read as %s (day.month.year); write dates as YYYY-MM-DD", name, s, out)}
	}
	year := atoi(y)
	if len(y) == 2 {
		year += 2000
	}
	dm, md := noSuchDay(year, atoi(b), atoi(a)) == "", noSuchDay(year, atoi(a), atoi(b)) == ""
	switch {
	case !dm && !md:
		return spelled{err: ErrNotADate, msg: fmt.Sprintf("%s %s is not a date read either day/month or month/day; expected a date as YYYY-MM-DD", name, s)}
	case len(y) == 2:
		return spelled{err: ErrAmbiguousDate, msg: fmt.Sprintf("%s %s: %s", name, s, slashes)}
	case dm && md && atoi(a) != atoi(b):
		dmDate, mdDate := iso(year, atoi(b), atoi(a)), iso(year, atoi(a), atoi(b))
		return spelled{err: ErrAmbiguousDate, msg: fmt.Sprintf("%s %s is %s if day/month, %s if month/day; write the date as YYYY-MM-DD: %s or %s",
			name, s, longDate(dmDate), longDate(mdDate), dmDate, mdDate)}
	}
	one := iso(year, atoi(b), atoi(a))
	if !dm {
		one = iso(year, atoi(a), atoi(b))
	}
	return spelled{err: ErrAmbiguousDate, msg: fmt.Sprintf("%s %s: %s, here %s", name, s, slashes, one)}
}

// slashes is why a date with slashes is refused, whichever way it reads.
const slashes = "dates with slashes are written day/month in some countries and month/day in others; write the date as YYYY-MM-DD"

// readTimestamp refuses a timestamp of the right shape whose date or time does not exist, and
// the Finnish date and time (20.7.2025 10.15), which has no UTC offset: which moment it means
// depends on whether it was summer time. Everything else is the validator's.
func readTimestamp(s, name string) spelled {
	if len(s) >= 10 {
		if y, m, d, ok := isoDate(s[:10]); ok && (len(s) == 10 || s[10] == 'T' || s[10] == 't' || s[10] == ' ') {
			why := noSuchDay(y, m, d)
			if why == "" && len(s) >= 16 && s[13] == ':' && allDigits(s[11:13]) && allDigits(s[14:16]) {
				if h := atoi(s[11:13]); h > 23 {
					why = fmt.Sprintf("there is no hour %d", h)
				} else if mi := atoi(s[14:16]); mi > 59 {
					why = fmt.Sprintf("there is no minute %d", mi)
				}
			}
			if why != "" {
				return spelled{err: cause(ErrNotATimestamp, ErrNotADate),
					msg: fmt.Sprintf("%s %s: %s; expected a moment that exists, e.g. 2025-07-20T10:15:00+03:00", name, s, why)}
			}
			return spelled{}
		}
	}
	date, clock, ok := strings.Cut(s, " ")
	if !ok {
		return spelled{}
	}
	a, b, y, sep, ok := dayMonthYear(date)
	clock = strings.TrimPrefix(strings.TrimSpace(clock), "klo ")
	hms := strings.FieldsFunc(clock, func(r rune) bool { return r == ':' || r == '.' })
	if !ok || sep != '.' || len(y) != 4 || len(hms) < 2 || len(hms) > 3 || len(hms[0]) > 2 {
		return spelled{}
	}
	for i, part := range hms {
		if !allDigits(part) || i > 0 && len(part) != 2 {
			return spelled{}
		}
	}
	if len(hms) == 2 {
		hms = append(hms, "00")
	}
	year, month, day := atoi(y), atoi(b), atoi(a)
	why := noSuchDay(year, month, day)
	if h, mi, sec := atoi(hms[0]), atoi(hms[1]), atoi(hms[2]); why == "" && (h > 23 || mi > 59 || sec > 59) {
		why = fmt.Sprintf("there is no time %s", clock)
	}
	if why != "" {
		return spelled{err: cause(ErrNotATimestamp, ErrNotADate),
			msg: fmt.Sprintf("%s %s: %s; expected a moment that exists, e.g. 2025-07-20T10:15:00+03:00", name, s, why)}
	}
	at := fmt.Sprintf("%sT%02d:%s:%s", iso(year, month, day), atoi(hms[0]), hms[1], hms[2])
	return spelled{err: cause(ErrNotATimestamp, ErrAmbiguousDate),
		msg: fmt.Sprintf("%s %s has no UTC offset; write %s+02:00 if that is Finnish winter time, %s+03:00 if summer time", name, s, at, at)}
}

// readNumber reads digits with a decimal dot, and the spellings of Finnish and Swedish
// spreadsheets: a decimal comma, a space, no-break space (U+00A0) or narrow no-break space
// (U+202F) between groups of three digits, a euro sign at the end. 1,234 is ambiguous: a
// thousands separator or a decimal comma.
func readNumber(s, name string) spelled {
	if plainDecimal(s) {
		return spelled{}
	}
	t, euro := strings.CutSuffix(s, "€")
	if euro {
		t = strings.TrimRight(t, " \u00a0\u202f")
	}
	sign := ""
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		sign, t = "-", rest
	}
	whole, frac, decimal := t, "", byte(0)
	if i := strings.IndexAny(t, ",."); i >= 0 {
		whole, frac, decimal = t[:i], t[i+1:], t[i]
		if frac == "" || !allDigits(frac) {
			return spelled{}
		}
	}
	digits, grouped, ok := ungroup(whole)
	if !ok {
		return spelled{}
	}
	if decimal == ',' && !grouped && len(frac) == 3 && len(digits) <= 3 && digits[0] != '0' {
		thousands, dec := sign+digits+frac, sign+digits+"."+frac
		return spelled{err: ErrAmbiguousNumber,
			msg: fmt.Sprintf("%s %s is %s if the comma separates thousands, %s if it is a decimal comma; write %s or %s (a decimal dot, no thousands separators)",
				name, s, thousands, dec, thousands, dec)}
	}
	out := sign + digits
	if decimal != 0 {
		out += "." + frac
	}
	if out == s {
		return spelled{}
	}
	return spelled{text: out, err: ErrNumNormalised,
		msg: fmt.Sprintf("%s %s read as %s; write numbers with a decimal dot and no thousands separators or € sign, e.g. 1234.50", name, s, out)}
}

// plainDecimal is the canonical spelling of a number: an optional minus, digits, and a dot
// followed by digits.
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return whole != "" && allDigits(whole) && (!dot || frac != "" && allDigits(frac))
}

// ungroup removes thousands separators (space, no-break space, narrow no-break space) from the
// whole part of a number; ok is false unless it is digits in groups of three after the first.
func ungroup(s string) (digits string, grouped, ok bool) {
	out := make([]byte, 0, len(s))
	group, groups := 0, 0 // digits in the current group, groups before it
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			out = append(out, byte(r))
			group++
		case r == ' ' || r == '\u00a0' || r == '\u202f':
			if group == 0 || group > 3 || groups > 0 && group != 3 {
				return "", false, false
			}
			groups, group = groups+1, 0
		default:
			return "", false, false
		}
	}
	if group == 0 || groups > 0 && group != 3 {
		return "", false, false
	}
	return string(out), groups > 0, true
}

// isoDate splits YYYY-MM-DD into numbers; ok is false for any other shape.
func isoDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return 0, 0, 0, false
	}
	return atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]), true
}

// dayMonthYear splits a date of three numbers separated by dots or slashes: one or two digits,
// one or two digits, then a year of two or four digits.
func dayMonthYear(s string) (a, b, y string, sep byte, ok bool) {
	i := strings.IndexAny(s, "./")
	if i < 0 {
		return "", "", "", 0, false
	}
	sep = s[i]
	parts := strings.Split(s, string(sep))
	if len(parts) != 3 {
		return "", "", "", 0, false
	}
	a, b, y = parts[0], parts[1], parts[2]
	if !allDigits(a) || !allDigits(b) || !allDigits(y) || len(a) > 2 || len(b) > 2 || len(y) != 2 && len(y) != 4 {
		return "", "", "", 0, false
	}
	return a, b, y, sep, true
}

// noSuchDay says why year-month-day is not a day of the calendar; "" when it is one.
func noSuchDay(y, m, d int) string {
	switch {
	case m < 1 || m > 12:
		return fmt.Sprintf("there is no month %d", m)
	case d < 1:
		return fmt.Sprintf("there is no day %d", d)
	case d > daysIn(y, time.Month(m)):
		if m == 2 && d == 29 {
			return fmt.Sprintf("February %d has no day 29 (%d is not a leap year)", y, y)
		}
		return fmt.Sprintf("%s %d has no day %d", time.Month(m), y, d)
	}
	return ""
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func iso(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// longDate writes an ISO date as words, "1 February 2025", to tell two readings apart.
func longDate(isoDate string) string {
	t, _ := time.Parse(time.DateOnly, isoDate)
	return t.Format("2 January 2006")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atoi is strconv.Atoi for strings of at most a few digits that allDigits has checked.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
