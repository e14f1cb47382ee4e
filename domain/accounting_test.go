package domain

import (
	"fmt"
	"strings"
	"testing"
)

func TestAccountingYear(t *testing.T) {
	for _, tt := range []struct {
		report                      int
		start, end, due, prev, vers string
	}{
		// The first report covers the programme from its start (AMIF Art 35(1), contract v2).
		{2023, "2021-01-01", "2022-06-30", "2023-02-15", "", "202206"},
		{2024, "2022-07-01", "2023-06-30", "2024-02-15", "2022-06-30", "202306"},
		{2026, "2024-07-01", "2025-06-30", "2026-02-15", "2024-06-30", "202506"},
		{2031, "2029-07-01", "2030-06-30", "2031-02-15", "2029-06-30", "203006"},
	} {
		a := AccountingYear{Report: tt.report}
		prev, ok := a.PreviousCutoff()
		gotPrev := ""
		if ok {
			gotPrev = prev.String()
		}
		got := fmt.Sprintf("%s %s %s %s %s", a.Start(), a.End(), a.DueDate(), gotPrev, a.Cutoff().Version())
		want := fmt.Sprintf("%s %s %s %s %s", tt.start, tt.end, tt.due, tt.prev, tt.vers)
		if got != want {
			t.Errorf("report %d: start, end, due, previous cut-off, version = %s, want %s", tt.report, got, want)
		}
		if !IsCutoffDate(a.End()) || (ok && !IsCutoffDate(prev.Date)) {
			t.Errorf("report %d: its cut-offs %s and %s are not both Art 42 cut-offs", tt.report, a.End(), gotPrev)
		}
	}
}

func TestAccountingYearsThrough(t *testing.T) {
	names := func(as []AccountingYear) string {
		var s []string
		for _, a := range as {
			s = append(s, fmt.Sprint(a.Report))
		}
		return strings.Join(s, " ")
	}
	for _, tt := range []struct{ last, want string }{
		// No report covers a year that has not ended: never a 2021 or 2022 report.
		{"2021-12-31", ""},
		{"2022-06-29", ""},
		{"2022-06-30", "2023"},
		{"2026-10-31", "2023 2024 2025 2026 2027"},
		// The last report is due 2031.
		{"2040-12-31", "2023 2024 2025 2026 2027 2028 2029 2030 2031"},
	} {
		if got := names(AccountingYearsThrough(MustDate(tt.last))); got != tt.want {
			t.Errorf("AccountingYearsThrough(%s) = %q, want %q", tt.last, got, tt.want)
		}
	}
}
