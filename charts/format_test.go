package charts

import (
	"testing"

	"mittari/domain"
	"mittari/metrics"
)

func TestNumberFormats(t *testing.T) {
	en, sv, fi := langs[0], langs[1], langs[2]
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"en euros", en.num.euros(123456789), "€1,234,567.89"},
		{"fi euros", fi.num.euros(123456789), "1\u00a0234\u00a0567,89\u00a0€"},
		{"sv euros", sv.num.euros(123456789), "1\u00a0234\u00a0567,89\u00a0€"},
		{"small euros", fi.num.euros(5), "0,05\u00a0€"},
		{"negative euros", en.num.euros(-100001), "−€1,000.01"},
		{"en count", en.num.count(1234567), "1,234,567"},
		{"fi count", fi.num.count(1234), "1\u00a0234"},
		{"three digits", fi.num.count(999), "999"},
		{"negative count", sv.num.count(-1234), "−1\u00a0234"},
		{"absent count", en.num.countPtr(nil), ""},
		{"millions", en.num.millions(735933333), "7.4\u00a0M€"},
		{"millions half away from zero", fi.num.millions(5_000_000), "0,1\u00a0M€"},
		{"millions below half", fi.num.millions(4_999_999), "0,0\u00a0M€"},
		{"large millions", fi.num.millions(9857791793), "98,6\u00a0M€"},
		{"percent", fi.num.percent(metrics.Pct{Tenths: 1234, Valid: true}), "123,4\u00a0%"},
		{"en percent", en.num.percent(metrics.Pct{Tenths: 5, Valid: true}), "0.5\u00a0%"},
		{"negative percent", en.num.percent(metrics.Pct{Tenths: -15, Valid: true}), "−1.5\u00a0%"},
		{"no percent", en.num.percent(metrics.Pct{}), ""},
		{"chart percent", percentNumber(metrics.Pct{Tenths: -1205, Valid: true}), "-120.5"},
		{"chart no percent", percentNumber(metrics.Pct{}), "-"},
		{"en date", en.dates.date(domain.MustDate("2025-08-31")), "31 Aug 2025"},
		{"fi date", fi.dates.date(domain.MustDate("2025-08-01")), "1.8.2025"},
		{"sv date", sv.dates.date(domain.MustDate("2025-08-01")), "2025-08-01"},
		{"no date", fi.dates.date(0), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestProjectFile(t *testing.T) {
	tests := map[string]string{
		"AMIF-2023-014": "project-AMIF-2023-014.html",
		"../etc/passwd": "project-_etc_passwd-",
		"a b":           "project-a_b-",
		".hidden":       "project-hidden-",
	}
	seen := map[string]string{}
	for id, prefix := range tests {
		got := projectFile(id)
		if len(got) < len(prefix) || got[:len(prefix)] != prefix {
			t.Errorf("projectFile(%q) = %q, want it to start %q", id, got, prefix)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				t.Errorf("projectFile(%q) = %q has %q", id, got, r)
			}
		}
		seen[got] = id
	}
	if projectFile("a b") == projectFile("a_b") {
		t.Error("two ids share a page")
	}
}
