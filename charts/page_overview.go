package charts

import (
	"fmt"

	"mittari/domain"
	"mittari/metrics"
)

// overviewPage answers: how much money, how far each SO is, what the next transmission is,
// whether the data can be trusted, and what arrived last.
type overviewPage struct {
	Chrome  *chrome
	Cuts    []overviewCut
	Next    *transmissionRow
	Quality []tile
	Changed changedBlock
}

type overviewCut struct {
	cutSection
	Money []tile
	Chart *figure
	SOs   []soStatusRow
}

// tile is one headline figure.
type tile struct {
	Label, Value, Note, Href string
	Class                    string
}

type soStatusRow struct {
	SO, Name, Href string
	Status         statusWord
	Counts         string
}

// statusWord is a status in words, with the class that colours it.
type statusWord struct {
	Class, Text string
}

func status(l *lang, s metrics.Status) statusWord {
	if s == "" {
		return statusWord{}
	}
	return statusWord{Class: "status-" + string(s), Text: l.enum("status_", string(s))}
}

// changedBlock is what the newest runs brought, from the warehouse: a night without new files
// changes nothing here, and says so.
type changedBlock struct {
	// Latest describes the newest run that brought anything; "" when none has. Quiet says that
	// the run that made the report brought nothing new.
	Latest         string
	Quiet          string
	Versions       tableView
	Runs           tableView
	Changes        tableView
	ChangesAgainst string
}

// maxOverviewRows bounds the lists of the overview; the pages they link to have the rest.
const maxOverviewRows = 20

func (b *builder) overview(l *lang) overviewPage {
	p := overviewPage{}
	charts := &chartSet{}
	soStatus := map[domain.Cutoff]map[domain.SO]metrics.SOStatus{}
	for _, s := range b.site.SOStatus {
		if soStatus[s.Cutoff] == nil {
			soStatus[s.Cutoff] = map[domain.SO]metrics.SOStatus{}
		}
		soStatus[s.Cutoff][s.SO] = s
	}
	for _, c := range b.newestFirst() {
		cut := overviewCut{cutSection: b.section(l, c)}
		var totals []metrics.FinanceProgress
		for _, f := range b.finance[c] {
			switch {
			case f.Programme():
				cut.Money = b.moneyTiles(l, f)
			case f.SupportType == domain.SupportTypeAll:
				totals = append(totals, f)
			}
		}
		if len(totals) > 0 {
			cut.Chart = charts.add(b.financeFigure(l, totals))
		}
		for _, so := range b.sos {
			st, ok := soStatus[c][so]
			row := soStatusRow{SO: l.tf("so_code", so), Name: l.soName(b.cat, so), Href: soFile(so)}
			if ok {
				row.Status = status(l, st.Status)
				row.Counts = l.tf("so_counts", st.OnTrack, st.AtRisk, st.Behind, st.Assessed)
			}
			cut.SOs = append(cut.SOs, row)
		}
		p.Cuts = append(p.Cuts, cut)
	}
	if len(b.cutoffs) > 0 {
		t := b.transmissionRow(l, b.latest)
		p.Next = &t
	}
	p.Quality = b.qualityTiles(l)
	p.Changed = b.changed(l)
	// The statuses are judged against the milestones and targets: while those are illustrative,
	// the overview says so; the money compares with the financial plan, which may be derived.
	p.Chrome = b.chrome(l, "index.html", l.t("overview_heading"), "index.html", true, true, charts)
	p.Chrome.Plan = b.planNote()
	return p
}

// moneyTiles are the programme's money headlines on Table 1's basis: the total (Union +
// national) allocation, the total eligible cost of the selected operations and the declared
// expenditure, with the shares of the total allocation that mart_finance_progress gives.
func (b *builder) moneyTiles(l *lang, f metrics.FinanceProgress) []tile {
	return []tile{
		{Label: l.t("total_allocation"), Value: l.num.millions(f.TotalAllocation),
			Note: l.tf("total_allocation_note", l.num.millions(f.Allocation), orDash(l.num.percent(f.CofinancingRate))), Href: "finances.html"},
		{Label: l.t("selected"), Value: l.num.millions(f.EligibleCost),
			Note: l.tf("selected_note", l.num.count(f.SelectedOperations), orDash(l.num.percent(f.SelectedOfTotal))), Href: "lineage.html"},
		{Label: l.t("declared"), Value: l.num.millions(f.Declared), Note: l.t("declared_note"), Href: "finances.html"},
		{Label: l.t("absorption"), Value: orDash(l.num.percent(f.DeclaredOfTotal)), Note: l.t("absorption_note"), Href: "finances.html"},
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// qualityTiles sum up the state of the data: what beneficiaries still have to correct or send.
func (b *builder) qualityTiles(l *lang) []tile {
	var missing, late int64
	for _, c := range b.site.CompletenessTotals {
		if c.Cutoff == b.latest && c.SO == 0 {
			missing, late = c.Missing, c.Late
		}
	}
	consistency := 0
	for _, f := range b.res.Consistency {
		if f.Cutoff == b.latest {
			consistency++
		}
	}
	class := func(n int64) string {
		if n > 0 {
			return "attention"
		}
		return "fine"
	}
	return []tile{
		{Label: l.t("q_rejected"), Value: l.num.count(int64(b.site.RejectionsTotal)), Note: l.t("q_rejected_note"), Href: "quality.html#rejected", Class: class(int64(b.site.RejectionsTotal))},
		{Label: l.t("q_missing"), Value: l.num.count(missing), Note: l.tf("q_missing_note", l.dates.date(b.latest.Date)), Href: "quality.html#completeness", Class: class(missing)},
		{Label: l.t("q_late"), Value: l.num.count(late), Note: l.t("q_late_note"), Href: "quality.html#completeness"},
		{Label: l.t("q_consistency"), Value: l.num.count(int64(consistency)), Note: l.t("q_consistency_note"), Href: "quality.html#" + consistencyAnchor(b.latest), Class: class(int64(consistency))},
		{Label: l.t("q_warnings"), Value: l.num.count(int64(b.site.WarningsTotal)), Note: l.t("q_warnings_note"), Href: "quality.html#warnings"},
	}
}

func (b *builder) changed(l *lang) changedBlock {
	c := changedBlock{
		Versions: newTable([]string{l.t("project"), l.t("period"), l.t("submitted"), l.t("file"), l.t("kind_of_version")}, l.t("none")),
		Runs: newTable([]string{l.t("run"), l.t("started"), l.t("new_reports"), l.t("corrections"), l.t("projects"),
			l.t("rejected"), l.t("register_snapshot")}, l.t("no_runs"), 2, 3, 4, 5),
		Changes: newTable([]string{l.t("cutoff"), l.t("so"), l.t("figure"), l.t("before"), l.t("after"), l.t("moved_by")},
			l.t("no_changes"), 3, 4),
	}
	var newest *metrics.RunIntake
	for i, r := range b.site.Intake {
		if newest == nil && (r.Versions > 0 || r.RejectedReports > 0 || r.Register) {
			newest = &b.site.Intake[i]
			c.Latest = l.tf("latest_data", r.RunID, l.dates.instant(r.StartedAt), l.num.count(r.Versions),
				l.num.count(r.NewReports), l.num.count(r.Corrections), l.num.count(r.Projects), l.num.count(r.RejectedReports))
		}
		if len(c.Runs.Rows) < 10 {
			register := ""
			if r.Register {
				register = l.t("yes")
			}
			c.Runs.Rows = append(c.Runs.Rows, []string{r.RunID, l.dates.instant(r.StartedAt), l.num.count(r.NewReports),
				l.num.count(r.Corrections), l.num.count(r.Projects), l.num.count(r.RejectedReports), register})
		}
	}
	if newest != nil && !b.in.Run.NewData {
		c.Quiet = l.tf("no_new_data", l.dates.instant(newest.StartedAt), newest.RunID)
	}
	for i, v := range b.site.LatestVersions {
		if i == maxOverviewRows {
			break
		}
		kind := l.t("new_report")
		if v.Correction {
			kind = l.t("correction")
		}
		c.Versions.Rows = append(c.Versions.Rows, []string{v.ProjectID, l.dates.date(v.PeriodStart) + "–" + l.dates.date(v.PeriodEnd),
			v.SubmittedAt, v.SourceFile, kind})
	}
	if more := b.site.LatestVersionsTotal - len(c.Versions.Rows); more > 0 {
		c.Versions.More = l.tf("n_more", l.num.count(int64(more)))
	}
	switch {
	case b.res.PreviousRun == "":
		c.ChangesAgainst = l.t("changes_first")
	case newest != nil && b.res.PreviousRun == newest.RunID:
		// The figures are compared with those of the newest data itself: nothing can have moved.
		c.ChangesAgainst = l.tf("changes_nothing_since", b.res.PreviousRun, l.dates.instant(b.res.PreviousAsOf))
	default:
		c.ChangesAgainst = l.tf("changes_against", b.res.PreviousRun, l.dates.instant(b.res.PreviousAsOf))
	}
	for i, ch := range b.res.Changes {
		if i == maxOverviewRows {
			c.Changes.More = l.tf("n_more", l.num.count(int64(len(b.res.Changes)-i)))
			break
		}
		c.Changes.Rows = append(c.Changes.Rows, []string{l.dates.date(ch.Cutoff.Date), l.tf("so_code", ch.SO), ch.Figure,
			ch.Before, ch.After, joinCapped(ch.Reports, 5, l)})
	}
	return c
}

func joinCapped(items []string, max int, l *lang) string {
	s := ""
	for i, it := range items {
		if i == max {
			return s + "; " + l.tf("n_more", l.num.count(int64(len(items)-max)))
		}
		if i > 0 {
			s += "; "
		}
		s += it
	}
	return s
}

// transmissionRow is one Art 42 transmission: the cut-off, its SFC2021 version name and when
// it is due, its pre-send checks, whether and when it was sent, and the restatements of its
// sent figures (page_transmissions_presend.go). Figures computed without the versions sent
// leave the last three nil, and the page says "not available yet" / "not recorded yet" rather
// than show anything in their place.
type transmissionRow struct {
	Cutoff, Version, Due, Folder string
	Indicators                   string
	Checks                       *transmissionChecks
	Sent                         *transmissionSent
	Restatements                 *tableView
}

// transmissionChecks sums up the pre-send checks of a transmission: its findings by severity,
// and where they are listed.
type transmissionChecks struct {
	Errors, Warnings string
	Href             string
}

// transmissionSent says when a transmission was sent, by whom, and who approved it; or, in
// NotSent, that it was not sent.
type transmissionSent struct {
	At, PreparedBy, ApprovedBy string
	NotSent                    string
}

func (b *builder) transmissionRow(l *lang, c domain.Cutoff) transmissionRow {
	r := transmissionRow{Cutoff: l.dates.date(c.Date), Version: c.Version(), Due: l.dates.date(c.TransmissionDeadline()),
		Folder: fmt.Sprintf("exports/sfc/%s/", c.Version())}
	if c.HasIndicators() {
		r.Indicators = l.t("yes")
	} else {
		r.Indicators = l.t("no")
	}
	b.presend(l, &r, c, "transmissions.html")
	return r
}
