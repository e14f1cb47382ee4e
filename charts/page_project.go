package charts

import (
	"mittari/domain"
	"mittari/metrics"
)

// projectPage answers: what did this project promise and achieve, which report versions did it
// send, in which file, what each changed, and which of them count.
type projectPage struct {
	Chrome     *chrome
	ID, Title  string
	Facts      [][2]string
	Indicators tableView
	Chart      *figure
	Versions   []versionRow
	Reports    tableView
	// LineageCutoff is the cut-off the achieved values and the declared expenditure are at.
	LineageCutoff string
}

type versionRow struct {
	Period, Submitted, Received, Run, File, Place string
	Outcome, OutcomeClass                         string
	Changes                                       []string
}

// projectListPage answers: which projects are there, and where is each one's page.
type projectListPage struct {
	Chrome *chrome
	Rows   []projectListRow
	More   string
}

type projectListRow struct {
	ID, Href, Title, Action, Status, Eligible string
}

func (b *builder) projectPage(l *lang, p metrics.ProjectDetail) projectPage {
	v := projectPage{ID: p.ID, Title: p.Title, LineageCutoff: l.dates.date(b.site.LineageCutoff.Date)}
	action := p.Action
	if n := l.actionName(b.cat, p.Action); n != "" {
		action += " " + n
	}
	so := ""
	if p.SO != 0 {
		so = l.tf("so_code", p.SO) + " – " + l.soName(b.cat, p.SO)
	}
	v.Facts = [][2]string{
		{l.t("beneficiary"), p.Beneficiary},
		{l.t("beneficiary_type"), l.beneficiaryType(p.BeneficiaryType)},
		{l.t("action"), action},
		{l.t("so"), so},
		{l.t("support_type"), l.supportType(p.SupportType)},
		{l.t("period"), l.dates.date(p.Start) + "–" + l.dates.date(p.End)},
		{l.t("selected_on"), l.dates.date(p.SelectedOn)},
		{l.t("project_status"), l.enum("project_status_", p.Status)},
		{l.t("eligible_cost"), l.num.euros(p.EligibleCost)},
		{l.t("eu_contribution"), l.num.euros(p.EUContribution)},
		{l.tf("declared_at", l.dates.date(b.site.LineageCutoff.Date)), l.num.euros(p.Declared)},
	}
	v.Indicators = newTable([]string{l.t("indicator"), l.t("name"), l.t("target"), l.t("achieved"), l.t("target_pct")},
		l.t("no_targets"), 2, 3, 4)
	v.Reports = newTable([]string{l.t("period"), l.t("status"), l.t("rejections"), l.t("last_rejected")}, l.t("no_project_rejections"), 2)
	charts := &chartSet{}
	var codes []string
	var targets, achieved []any
	for _, ind := range p.Indicators {
		v.Indicators.Rows = append(v.Indicators.Rows, []string{ind.Indicator, l.indicatorName(b.cat, ind.Indicator),
			l.num.countPtr(ind.Target), l.num.count(ind.Achieved), l.num.percent(ind.AchievedOfTarget)})
		codes = append(codes, ind.Indicator)
		if ind.Target != nil {
			targets = append(targets, *ind.Target)
		} else {
			targets = append(targets, "-")
		}
		achieved = append(achieved, ind.Achieved)
	}
	if len(codes) > 0 {
		v.Chart = charts.add(figure{Height: 80 + 40*len(codes), Label: l.t("project_chart_label"), Caption: l.t("project_chart_caption"),
			Table:  dataTable{Head: []string{l.t("indicator"), l.t("target"), l.t("achieved")}, Rows: projectChartRows(v.Indicators.Rows)},
			option: goalBars(codes, l.t("target"), targets, l.t("achieved"), achieved)})
	}
	for _, ver := range p.Versions {
		row := versionRow{Period: l.dates.date(ver.PeriodStart) + "–" + l.dates.date(ver.PeriodEnd), Submitted: ver.SubmittedAt,
			Received: l.dates.instant(ver.IngestedAt), Run: ver.RunID, File: ver.SourceFile, Place: ver.Place,
			Outcome: l.enum("outcome_", ver.Outcome), OutcomeClass: "outcome-" + ver.Outcome}
		if ver.By != "" {
			row.Outcome += " " + l.tf("outcome_by", shortHash(ver.By))
		}
		for _, c := range ver.Changes {
			row.Changes = append(row.Changes, l.change(c))
		}
		v.Versions = append(v.Versions, row)
	}
	for _, r := range p.Reports {
		v.Reports.Rows = append(v.Reports.Rows, []string{l.dates.date(r.PeriodStart) + "–" + l.dates.date(r.PeriodEnd),
			l.enum("report_", r.Status), l.num.count(r.Rejections), l.dates.instant(r.LastRejectedAt)})
	}
	title := p.ID
	if p.Title != "" {
		title += " – " + p.Title
	}
	v.Chrome = b.chrome(l, b.projectFiles[p.ID], title, "projects.html", false, false, charts)
	return v
}

func projectChartRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{r[0], r[2], r[3]}
	}
	return out
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// change writes one item a version changed: "O.1.1: 5 → 6", with euros for the expenditure.
func (l *lang) change(c metrics.ItemChange) string {
	val := func(p *int64) string {
		if p == nil {
			return "–"
		}
		if c.Item == domain.ExpenditureItem {
			return l.num.euros(domain.Cents(*p))
		}
		return l.num.count(*p)
	}
	item := c.Item
	if item == domain.ExpenditureItem {
		item = l.t("expenditure")
	}
	return item + ": " + val(c.Before) + " → " + val(c.After)
}

func (b *builder) projectList(l *lang) projectListPage {
	p := projectListPage{}
	for _, pr := range b.site.Projects {
		action := pr.Action
		p.Rows = append(p.Rows, projectListRow{ID: pr.ID, Href: b.projectFiles[pr.ID], Title: pr.Title, Action: action,
			Status: l.enum("project_status_", pr.Status), Eligible: l.num.euros(pr.EligibleCost)})
	}
	if more := b.site.ProjectsTotal - len(p.Rows); more > 0 {
		p.More = l.tf("projects_more", l.num.count(int64(more)), l.num.count(int64(len(p.Rows))))
	}
	p.Chrome = b.chrome(l, "projects.html", l.t("projects_heading"), "projects.html", false, false, nil)
	return p
}
