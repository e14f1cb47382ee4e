package domain

import (
	"testing"
	"time"
)

func TestCutoffsThrough(t *testing.T) {
	cs := CutoffsThrough(MustDate("2022-07-01"))
	var got []string
	for _, c := range cs {
		got = append(got, c.String()+"/"+c.Version())
	}
	// The spec: the first cut-off is 2021-12-31.
	want := []string{"2021-12-31/202212", "2022-03-31/202203", "2022-06-30/202206"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestLatestPassedCutoff(t *testing.T) {
	for _, tt := range []struct{ now, want string }{
		{"2026-11-22T12:00:00Z", "2026-10-31"},
		{"2026-10-31T23:59:00Z", "2026-08-31"}, // the day of a cut-off is not over yet
		{"2026-11-01T00:00:00Z", "2026-10-31"},
		{"2026-01-01T08:00:00Z", "2025-12-31"},
	} {
		now, _ := time.Parse(time.RFC3339, tt.now)
		c, ok := LatestPassedCutoff(now)
		if !ok || c.String() != tt.want {
			t.Errorf("LatestPassedCutoff(%s) = %s, want %s", tt.now, c, tt.want)
		}
	}
}

func TestParseCutoffAndIndicators(t *testing.T) {
	for _, tt := range []struct {
		in         string
		ok, hasInd bool
	}{{"2025-12-31", true, true}, {"2025-06-30", true, true}, {"2025-03-31", true, false},
		{"2025-08-31", true, false}, {"2025-10-31", true, false}, {"2025-06-29", false, false}, {"2020-12-31", false, false}, {"2021-10-31", false, false}} {
		c, err := ParseCutoff(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseCutoff(%s): %v", tt.in, err)
			continue
		}
		if err == nil && c.HasIndicators() != tt.hasInd {
			t.Errorf("%s HasIndicators = %v", tt.in, c.HasIndicators())
		}
	}
}

func TestMilestoneCheck(t *testing.T) {
	for in, want := range map[string]string{"2023-12-31": "2023-12-31", "2024-12-31": "2024-12-31", "2025-06-30": "2024-12-31"} {
		c, _ := ParseCutoff(in)
		if got := MilestoneCheck(c).String(); got != want {
			t.Errorf("MilestoneCheck(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestTransmissionDeadline: each cut-off's data are due by the end of the month after it.
func TestTransmissionDeadline(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-31": "2024-04-30", "2024-06-30": "2024-07-31", "2024-08-31": "2024-09-30",
		"2024-10-31": "2024-11-30", "2024-12-31": "2025-01-31",
	} {
		c, err := ParseCutoff(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.TransmissionDeadline().String(); got != want {
			t.Errorf("TransmissionDeadline(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestVersionIsSubmissionYearAndCutoffMonth holds the SFC2021 naming: the year the data are
// submitted (31 December cut-offs are sent in January of the next year) and the cut-off's month.
func TestVersionIsSubmissionYearAndCutoffMonth(t *testing.T) {
	for in, want := range map[string]string{
		"2021-12-31": "202212", // the first transmission, due 31 January 2022
		"2025-03-31": "202503",
		"2025-06-30": "202506",
		"2025-08-31": "202508",
		"2025-10-31": "202510",
		"2025-12-31": "202612",
	} {
		c, err := ParseCutoff(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Version(); got != want {
			t.Errorf("Version(%s) = %s, want %s", in, got, want)
		}
	}
}
