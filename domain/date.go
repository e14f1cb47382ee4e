package domain

import (
	"fmt"
	"time"
)

// Date is a civil date without a time zone, stored as days since 1970-01-01. The int32 form is
// also what Parquet's DATE type holds, which sidesteps parquet-go's time.Time date bug.
type Date int32

// ParseDate reads an ISO date "YYYY-MM-DD" and refuses anything else, including impossible
// dates such as 2025-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != 10 {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code and tests.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf is the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// NewDate builds a date from its parts; out-of-range parts normalise as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Year is the calendar year of the date.
func (d Date) Year() int { return d.Time().Year() }

func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// appendISO appends the date as String writes it.
func (d Date) appendISO(b []byte) []byte { return d.Time().AppendFormat(b, time.DateOnly) }

// ParseTimestamp reads an RFC 3339 timestamp that carries an offset ("Z" or "+03:00"). A
// timestamp without one is refused: the order of report versions must not depend on where the
// pipeline runs.
func ParseTimestamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 timestamp with an offset, e.g. 2025-07-20T10:15:00+03:00", s)
	}
	return t, nil
}
