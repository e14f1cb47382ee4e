package domain

import "time"

// The annual performance reports of the AMIF are due by 15 February of each year from 2023 to
// 2031 (AMIF Art 35(1)); FirstAnnualReport and LastAnnualReport are those years.
const (
	FirstAnnualReport = 2023
	LastAnnualReport  = 2031
)

// AccountingYear is the period one annual performance report covers, named by the year the
// report is due: the report due on 15 February of year N covers the accounting year 1 July N−2 …
// 30 June N−1 (the CPR's accounting year; contract v2), except the first, due 2023, which covers
// everything from the programme's start, 2021-01-01 … 2022-06-30. Its cumulative figures are
// those of the 30 June N−1 cut-off; its figures "in the year" are the difference between the
// 30 June N−1 and 30 June N−2 cut-offs (for the first report, the whole figure: there is no
// cut-off before 2021-12-31).
type AccountingYear struct {
	// Report is the year the report is due (2023 … 2031).
	Report int
}

// Start is the first day the report covers.
func (a AccountingYear) Start() Date {
	if a.Report == FirstAnnualReport {
		return ProgrammeStart
	}
	return NewDate(a.Report-2, time.July, 1)
}

// End is the last day the report covers: 30 June of the year before the report is due.
func (a AccountingYear) End() Date { return NewDate(a.Report-1, time.June, 30) }

// Cutoff is the Art 42 cut-off whose cumulative figures the report gives (SFC2021 version
// <N−1>06).
func (a AccountingYear) Cutoff() Cutoff { return Cutoff{Date: a.End()} }

// PreviousCutoff is the cut-off the figures "in the year" are counted from: 30 June of the year
// before, when it is a cut-off of the programme (not for the first report).
func (a AccountingYear) PreviousCutoff() (Cutoff, bool) {
	d := NewDate(a.Report-2, time.June, 30)
	if d < FirstCutoff {
		return Cutoff{}, false
	}
	return Cutoff{Date: d}, true
}

// DueDate is the day the report is due: 15 February of its year.
func (a AccountingYear) DueDate() Date { return NewDate(a.Report, time.February, 15) }

// AccountingYearsThrough lists, oldest first, the annual performance reports whose accounting
// year has ended by last (its closing cut-off is on or before last): no report before 2023 or
// after 2031.
func AccountingYearsThrough(last Date) []AccountingYear {
	var out []AccountingYear
	for n := FirstAnnualReport; n <= LastAnnualReport; n++ {
		a := AccountingYear{Report: n}
		if a.End() > last {
			break
		}
		out = append(out, a)
	}
	return out
}
