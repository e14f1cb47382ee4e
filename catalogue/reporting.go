package catalogue

import (
	"fmt"
	"strings"

	"mittari/internal/errs"
)

// FileReporting holds when the beneficiaries' reports are due (reporting.csv).
const FileReporting = "reporting.csv"

// The reports a due date is given for: the half-yearly reports and the final one.
const (
	ReportH1    = "H1"    // the half-year 1 January–30 June
	ReportH2    = "H2"    // the half-year 1 July–31 December
	ReportFinal = "final" // the report of the half-year in which the project ends
)

// ReportingKinds are the reports reporting.csv gives a due date for, each exactly once.
var ReportingKinds = []string{ReportH1, ReportH2, ReportFinal}

// ReportingDue says when one kind of report is due: DueDays after the end of its half-year (H1,
// H2) or of the project (final). A report first submitted on its due date is on time.
type ReportingDue struct {
	Report  string
	DueDays int
	Basis   string
}

// Statuses of reporting.csv: the deadlines of the grant decisions, or assumed ones.
const (
	reportingStatusAdopted = "adopted"
	reportingStatusAssumed = "assumed"
)

// maxDueDays bounds a due date: a report due more than a year after its period would never be
// missing at the cut-offs that matter.
const maxDueDays = 366

// Due is the rule for one kind of report, and whether the catalogue has it.
func (c *Catalogue) Due(report string) (ReportingDue, bool) {
	for _, d := range c.Reporting {
		if d.Report == report {
			return d, true
		}
	}
	return ReportingDue{}, false
}

// parseReporting reads reporting.csv: every kind of report once, a due date in days.
func parseReporting(p *Parts, t *table) error {
	status, note, err := t.header(reportingStatusAssumed, reportingStatusAdopted)
	if err != nil {
		return err
	}
	p.ReportingAssumed, p.ReportingNote = status == reportingStatusAssumed, note
	seen := map[string]bool{}
	err = t.each([]string{"report", "due_days", "basis"}, func(get func(string) cell) error {
		report, err := get("report").oneOf(ReportingKinds...)
		if err != nil {
			return err
		}
		if seen[report] {
			return get("report").fail("%s is listed twice", report)
		}
		seen[report] = true
		days, err := get("due_days").count(false)
		if err != nil {
			return err
		}
		if *days > maxDueDays {
			return get("due_days").fail("%d days: a report is due at most %d days after its period", *days, maxDueDays)
		}
		basis, err := get("basis").required()
		if err != nil {
			return err
		}
		p.Reporting = append(p.Reporting, ReportingDue{Report: report, DueDays: int(*days), Basis: basis})
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range ReportingKinds {
		if !seen[k] {
			return errs.E(opLoad, errs.Path(t.file), errs.Config,
				fmt.Sprintf("no row for the %s report: give the due date of each of %s", k, strings.Join(ReportingKinds, ", ")))
		}
	}
	return nil
}
