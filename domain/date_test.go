package domain

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{{"2025-06-30", true}, {"2024-02-29", true}, {"2025-02-29", false}, {"2025-6-30", false},
		{"30.6.2025", false}, {"2025-06-30T00:00:00Z", false}, {"", false}} {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
		}
		if err == nil && d.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, d.String())
		}
	}
	if MustDate("1970-01-02") != 1 {
		t.Error("days are counted from 1970-01-01")
	}
}

func TestParseTimestampNeedsOffset(t *testing.T) {
	ts, err := ParseTimestamp("2025-07-20T10:15:00+03:00")
	if err != nil || !ts.Equal(time.Date(2025, 7, 20, 7, 15, 0, 0, time.UTC)) {
		t.Fatalf("got %v, %v", ts, err)
	}
	for _, bad := range []string{"2025-07-20T10:15:00", "2025-07-20", "20.7.2025 10:15"} {
		if _, err := ParseTimestamp(bad); err == nil {
			t.Errorf("ParseTimestamp(%q) accepted a timestamp without an offset", bad)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-06-30", "2025-02-29", "0000-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && d.String() != s {
			t.Fatalf("%q parsed to %s", s, d)
		}
	})
}
