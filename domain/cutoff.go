package domain

import (
	"fmt"
	"time"
)

// ProgrammeStart is the first day of the 2021–2027 programming period.
var ProgrammeStart = NewDate(2021, time.January, 1)

// FirstCutoff is the first cut-off of the period. The spec fixes it at 2021-12-31 (CPR Art 42's
// first transmission is due by 31 January 2022), although 2021 has earlier cut-off days.
var FirstCutoff = NewDate(2021, time.December, 31)

// Cutoff is one cut-off date of CPR Art 42 with the SFC2021 version it is sent under.
type Cutoff struct {
	Date Date
}

// cutoffDays are the (month, day) pairs of CPR Art 42: 31 Mar, 30 Jun, 31 Aug, 31 Oct, 31 Dec.
var cutoffDays = []struct {
	m time.Month
	d int
}{{time.March, 31}, {time.June, 30}, {time.August, 31}, {time.October, 31}, {time.December, 31}}

// Version is the SFC2021 name of the transmission of this cut-off: the year it is submitted
// followed by the cut-off's month ("a concatenation of the Submission Year and of the month of the
// cut-off-date", SFC2021 quick guide "Transmission of Data (AMIF, ISF, BMVI)"). The 31 December
// cut-off is submitted by 31 January of the next year, every other one in its own year (CPR
// Art 42(1)): 2021-12-31 is 202212, 2025-03-31 is 202503, 2025-12-31 is 202612. Every folder,
// manifest, report and record names a transmission with this and nothing else.
func (c Cutoff) Version() string {
	t := c.Date.Time()
	return fmt.Sprintf("%04d%02d", c.SubmissionYear(), int(t.Month()))
}

// SubmissionYear is the year the transmission of this cut-off is due: the next year for the
// 31 December cut-off (due 31 January), the cut-off's own year otherwise.
func (c Cutoff) SubmissionYear() int {
	t := c.Date.Time()
	if t.Month() == time.December {
		return t.Year() + 1
	}
	return t.Year()
}

// HasIndicators says whether indicator values are transmitted at this cut-off: only the 31 Jan
// and 31 Jul sends carry them, i.e. the 31 Dec and 30 Jun cut-offs.
func (c Cutoff) HasIndicators() bool {
	m := c.Date.Time().Month()
	return m == time.June || m == time.December
}

// TransmissionDeadline is the last day for sending this cut-off's data: the end of the month
// after it (CPR Art 42(1): by 31 January, 30 April, 31 July, 30 September and 30 November).
func (c Cutoff) TransmissionDeadline() Date {
	t := c.Date.Time()
	firstOfNext := time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	return DateOf(firstOfNext.AddDate(0, 1, -1))
}

func (c Cutoff) String() string { return c.Date.String() }

// ParseCutoff reads a date and checks that it is one of the Art 42 cut-off dates.
func ParseCutoff(s string) (Cutoff, error) {
	d, err := ParseDate(s)
	if err != nil {
		return Cutoff{}, err
	}
	if !IsCutoffDate(d) {
		return Cutoff{}, fmt.Errorf("%s is not a cut-off date (31 Mar, 30 Jun, 31 Aug, 31 Oct or 31 Dec)", s)
	}
	if d < FirstCutoff {
		return Cutoff{}, fmt.Errorf("%s is before the programme's first cut-off %s", s, FirstCutoff)
	}
	return Cutoff{Date: d}, nil
}

// IsCutoffDate says whether d is one of the Art 42 cut-off dates.
func IsCutoffDate(d Date) bool {
	t := d.Time()
	for _, cd := range cutoffDays {
		if t.Month() == cd.m && t.Day() == cd.d {
			return true
		}
	}
	return false
}

// CutoffsThrough lists every cut-off from the first one (2021-12-31) up to and including the
// last one on or before last, oldest first.
func CutoffsThrough(last Date) []Cutoff {
	var out []Cutoff
	for y := ProgrammeStart.Year(); y <= last.Year(); y++ {
		for _, cd := range cutoffDays {
			d := NewDate(y, cd.m, cd.d)
			if d >= FirstCutoff && d <= last {
				out = append(out, Cutoff{Date: d})
			}
		}
	}
	return out
}

// LatestPassedCutoff is the last cut-off strictly before the day of now: a cut-off has passed
// once its day is over.
func LatestPassedCutoff(now time.Time) (Cutoff, bool) {
	cs := CutoffsThrough(DateOf(now.UTC()) - 1)
	if len(cs) == 0 {
		return Cutoff{}, false
	}
	return cs[len(cs)-1], true
}

// MilestoneDate is the date the programme's milestones are set for (end of 2024, CPR Art 16).
var MilestoneDate = NewDate(2024, time.December, 31)

// MilestoneCheck is the cut-off whose achieved value is compared with the 2024 milestone when
// progress is reported at cut-off c: the end of 2024 once it has passed (a later value says
// nothing about whether the milestone was met), c itself before then (progress towards it).
func MilestoneCheck(c Cutoff) Cutoff {
	if c.Date > MilestoneDate {
		return Cutoff{Date: MilestoneDate}
	}
	return c
}
