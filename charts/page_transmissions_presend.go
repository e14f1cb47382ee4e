package charts

import (
	"fmt"

	"mittari/checks"
	"mittari/domain"
	"mittari/metrics"
)

// What a transmission's row says once Mittari records checks and sends: the counts of its
// pre-send checks (with their findings further down the page), who sent its latest work version
// and when, and which of the figures sent have moved since. Figures computed without the sent
// versions (by a Mittari that did not record them) leave the row saying "not available yet".

// maxRestatementRows bounds the restated figures shown per version; maxCheckFindings the
// findings listed per version (the run record counts them all, and `mittari check` and the mart
// mart_presend_checks list them).
const (
	maxRestatementRows = 10
	maxCheckFindings   = 30
)

// presendKnown says the figures were computed with the versions sent, so their checks and
// restatements can be shown.
func (b *builder) presendKnown() bool { return b.res.SentState != "" }

// presend fills what the checks, the sends and the restatements say of transmission r (of c).
func (b *builder) presend(l *lang, r *transmissionRow, c domain.Cutoff, href string) {
	if !b.presendKnown() {
		return
	}
	o := checks.Evaluate(b.res, c)
	r.Checks = &transmissionChecks{Errors: l.num.count(int64(o.Errors)), Warnings: l.num.count(int64(o.Warnings))}
	if len(o.Findings) > 0 {
		r.Checks.Href = href + "#checks-" + c.Version()
	}
	var last *metrics.SentVersion
	for i, s := range b.res.Sent {
		if s.Cutoff == c && (last == nil || s.Work > last.Work) {
			last = &b.res.Sent[i]
		}
	}
	if last == nil {
		r.Sent = &transmissionSent{NotSent: l.t("restatements_not_sent")}
		t := newTable(nil, l.t("restatements_not_sent"))
		r.Restatements = &t
		return
	}
	at := l.dates.instant(last.SentAt)
	if last.Work > 0 {
		at += " (" + last.Folder + ")"
	}
	r.Sent = &transmissionSent{At: at, PreparedBy: last.PreparedBy, ApprovedBy: last.ApprovedBy}
	t := newTable([]string{l.t("restated_figure"), l.t("restated_sent"), l.t("restated_now"), l.t("restated_by")}, l.t("restatements_none"))
	n := 0
	for _, x := range b.res.Restatements {
		if x.Folder != last.Folder {
			continue
		}
		if n == maxRestatementRows {
			t.More = l.tf("n_more", l.num.count(int64(countRestated(b.res.Restatements, last.Folder)-n)))
			break
		}
		n++
		figure := fmt.Sprintf("%s.csv, SO %s, %s: %s", x.Table, x.SO, x.Row, x.Figure)
		if x.Acknowledged {
			figure += " (" + l.t("acknowledged") + ")"
		}
		t.Rows = append(t.Rows, []string{figure, orDash(x.Sent), orDash(x.Now), joinCapped(x.MovedBy, 3, l)})
	}
	r.Restatements = &t
}

func countRestated(rs []metrics.Restatement, folder string) int {
	n := 0
	for _, r := range rs {
		if r.Folder == folder {
			n++
		}
	}
	return n
}

// checkDetails is the findings of one transmission's checks, as the page lists them.
type checkDetails struct {
	Version, Heading string
	Findings         []checkLine
	More             string
}

type checkLine struct {
	Severity, Rule, Message string
	Error                   bool
}

// checkDetails lists, newest first, the transmissions with findings and their findings (the
// messages are the checks' own, in English).
func (b *builder) checkDetails(l *lang) []checkDetails {
	if !b.presendKnown() {
		return nil
	}
	var out []checkDetails
	for _, c := range b.newestFirst() {
		o := checks.Evaluate(b.res, c)
		if len(o.Findings) == 0 {
			continue
		}
		d := checkDetails{Version: c.Version(), Heading: l.tf("checks_of", c.Version(), l.dates.date(c.Date))}
		for i, f := range o.Findings {
			if i == maxCheckFindings {
				break
			}
			sev := l.t("severity_warning")
			if f.Severity == domain.SeverityError {
				sev = l.t("severity_error")
			}
			d.Findings = append(d.Findings, checkLine{Severity: sev, Rule: f.Rule, Message: f.Message, Error: f.Severity == domain.SeverityError})
		}
		if more := o.Errors + o.Warnings - len(d.Findings); more > 0 {
			d.More = l.tf("n_more", l.num.count(int64(more)))
		}
		out = append(out, d)
	}
	return out
}
