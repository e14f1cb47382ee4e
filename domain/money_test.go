package domain

import "testing"

func TestParseEuros(t *testing.T) {
	tests := []struct {
		in   string
		want Cents
		ok   bool
	}{
		{"18250.40", 1825040, true},
		{"18250.4", 1825040, true},
		{"3", 300, true},
		{"0.01", 1, true},
		{"-3.50", -350, true},
		{" 12.00 ", 1200, true},
		{"98577917.93", 9857791793, true},
		{"1.234", 0, false},
		{"1,50", 0, false},
		{"1e3", 0, false},
		{"1 000.00", 0, false},
		{"", 0, false},
		{".5", 0, false},
		{"5.", 0, false},
		{"0x10", 0, false},
		{"12345678901234567", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseEuros(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseEuros(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestCentsString(t *testing.T) {
	for c, want := range map[Cents]string{0: "0.00", 5: "0.05", -5: "-0.05", 1825040: "18250.40", -350: "-3.50"} {
		if got := c.String(); got != want {
			t.Errorf("Cents(%d).String() = %q, want %q", int64(c), got, want)
		}
	}
}

func FuzzParseEuros(f *testing.F) {
	for _, s := range []string{"18250.40", "-3", "1.234", "1,5", "", "+0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseEuros(s)
		if err != nil {
			return
		}
		back, err := ParseEuros(c.String())
		if err != nil || back != c {
			t.Fatalf("%q -> %d -> %q -> %d, %v: not a round trip", s, c, c.String(), back, err)
		}
	})
}
