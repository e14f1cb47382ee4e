package charts

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// qualityPage answers: which reports do beneficiaries still have to correct or send, which
// came late, and what does not add up. It shows the warehouse's state, not this run's files:
// a report corrected later leaves the list, and a night without files changes nothing.
type qualityPage struct {
	Chrome       *chrome
	Rejected     []rejectionView
	RejectedMore string
	Heatmap      *figure
	HeatmapMore  string
	// HeatmapCutoff is the cut-off the heatmap's states are judged at.
	HeatmapCutoff string
	// Deadlines are the catalogue's reporting deadlines, which decide missing and late.
	Deadlines tableView
	// Cuts are the completeness counts and the consistency findings of each cut-off.
	Cuts     []qualityCut
	Warnings tableView
	ThisRun  runFindings
}

// qualityCut is what the data say at one cut-off: how complete the reporting is per SO, and
// what does not add up at programme level.
type qualityCut struct {
	cutSection
	// ConsistencyAnchor names the cut-off's consistency findings, which the overview links to.
	ConsistencyAnchor string
	Completeness      tableView
	Consistency       tableView
}

type rejectionView struct {
	Subject, ProjectHref, Kind, Rejected, File, Times string
	Findings                                          tableView
}

// runFindings are this run's own ingest findings: what the files read tonight said.
type runFindings struct {
	Facts            string
	Errors, Warnings tableView
}

// maxRunFindings bounds this run's findings on the page; the run record keeps them all.
const maxRunFindings = 200

func (b *builder) quality(l *lang) qualityPage {
	p := qualityPage{}
	charts := &chartSet{}
	for _, r := range b.site.Rejections {
		v := rejectionView{Subject: r.Subject, Rejected: l.dates.instant(r.LastRejectedAt), File: r.SourceFile,
			Times: l.num.count(r.Rejections), Kind: l.enum("rejected_", r.Kind),
			Findings: newTable([]string{l.t("where"), l.t("rule"), l.t("value"), l.t("message")}, l.t("none"))}
		if r.ProjectID != "" {
			v.ProjectHref = b.projectLink(r.ProjectID)
		}
		for _, f := range r.Findings {
			v.Findings.Rows = append(v.Findings.Rows, []string{f.Place, f.Rule, f.Value, f.Message})
		}
		if more := r.FindingsTotal - len(r.Findings); more > 0 {
			v.Findings.More = l.tf("n_more", l.num.count(int64(more)))
		}
		p.Rejected = append(p.Rejected, v)
	}
	if more := b.site.RejectionsTotal - len(p.Rejected); more > 0 {
		p.RejectedMore = l.tf("n_more", l.num.count(int64(more)))
	}
	if len(b.site.Completeness) > 0 {
		p.Heatmap = charts.add(b.heatmap(l))
		p.HeatmapCutoff = l.dates.date(b.site.CompletenessCutoff.Date)
		if more := b.site.CompletenessProjects - len(b.site.Completeness); more > 0 {
			p.HeatmapMore = l.tf("heatmap_more", l.num.count(int64(more)))
		}
	}
	p.Deadlines = b.deadlines(l)
	completeness := map[domain.Cutoff][]metrics.CompletenessTotal{}
	for _, c := range b.site.CompletenessTotals {
		completeness[c.Cutoff] = append(completeness[c.Cutoff], c)
	}
	consistency := map[domain.Cutoff][]metrics.ConsistencyFinding{}
	for _, f := range b.res.Consistency {
		consistency[f.Cutoff] = append(consistency[f.Cutoff], f)
	}
	for _, c := range b.newestFirst() {
		cut := qualityCut{cutSection: b.section(l, c), ConsistencyAnchor: consistencyAnchor(c),
			Completeness: newTable([]string{l.t("so"), l.t("expected"), l.t("received"), l.t("late"), l.t("missing")},
				l.t("no_completeness"), 1, 2, 3, 4),
			Consistency: newTable([]string{l.t("severity"), l.t("rule"), l.t("basis"), l.t("lesser"), l.t("value"), l.t("greater"), l.t("value")},
				l.t("no_consistency"), 4, 6)}
		for _, t := range completeness[c] {
			so := l.tf("so_code", t.SO)
			if t.SO == 0 {
				so = l.t("programme")
			}
			cut.Completeness.Rows = append(cut.Completeness.Rows, []string{so,
				l.num.count(t.Expected), l.num.count(t.Received), l.num.count(t.Late), l.num.count(t.Missing)})
		}
		for _, f := range consistency[c] {
			cut.Consistency.Rows = append(cut.Consistency.Rows, []string{l.enum("severity_", string(f.Severity)), f.Rule,
				l.enum("basis_", f.Basis), f.Lesser, l.num.count(f.LesserValue), f.Greater, l.num.count(f.GreaterValue)})
		}
		p.Cuts = append(p.Cuts, cut)
	}
	p.Warnings = newTable([]string{l.t("received"), l.t("report"), l.t("where"), l.t("rule"), l.t("value"), l.t("message")}, l.t("no_warnings"))
	for _, w := range b.site.Warnings {
		p.Warnings.Rows = append(p.Warnings.Rows, []string{l.dates.instant(w.IngestedAt), w.Report, w.Place, w.Rule, w.Value, w.Message})
	}
	if more := b.site.WarningsTotal - len(p.Warnings.Rows); more > 0 {
		p.Warnings.More = l.tf("n_more", l.num.count(int64(more)))
	}
	p.ThisRun = b.runFindings(l)
	p.Chrome = b.chrome(l, "quality.html", l.t("quality_heading"), "quality.html", true, false, charts)
	if b.cat != nil && b.cat.ReportingAssumed {
		p.Chrome.Deadlines = b.cat.ReportingNote
	}
	return p
}

// deadlines lists the catalogue's reporting deadlines, which decide which reports are missing
// and which came late.
func (b *builder) deadlines(l *lang) tableView {
	t := newTable([]string{l.t("deadline_report"), l.t("deadline_due"), l.t("deadline_basis")}, l.t("none"))
	if b.cat == nil {
		return t
	}
	for _, kind := range catalogue.ReportingKinds {
		d, ok := b.cat.Due(kind)
		if !ok {
			continue
		}
		due := l.tf("deadline_half_days", l.num.count(int64(d.DueDays)))
		if kind == catalogue.ReportFinal {
			due = l.tf("deadline_final_days", l.num.count(int64(d.DueDays)))
		}
		t.Rows = append(t.Rows, []string{l.t("deadline_" + kind), due, d.Basis})
	}
	return t
}

// consistencyAnchor names the consistency findings of cut-off c on the quality page.
func consistencyAnchor(c domain.Cutoff) string { return "consistency-" + c.String() }

// heatmap draws the projects (rows) × half-years (columns), each cell coloured by its state and
// named in the legend in words.
func (b *builder) heatmap(l *lang) figure {
	halves := map[domain.Date]domain.Date{}
	for _, r := range b.site.Completeness {
		for _, c := range r.Cells {
			halves[c.HalfStart] = c.HalfEnd
		}
	}
	var starts []domain.Date
	for s := range halves {
		starts = append(starts, s)
	}
	slices.Sort(starts)
	col := map[domain.Date]int{}
	var xs []string
	for i, s := range starts {
		col[s] = i
		xs = append(xs, halfLabel(s))
	}
	state := map[string]int{}
	var labels []string
	var pieces []piece
	for i, s := range completenessStates {
		state[s] = i
		labels = append(labels, l.t("state_"+s))
		pieces = append(pieces, piece{Value: i, Label: l.t("state_" + s), Color: completenessColours[i]})
	}
	var ys []string
	var data []any
	f := figure{Label: l.t("heatmap_label"), Caption: l.t("heatmap_caption"),
		Table: dataTable{Head: append([]string{l.t("project"), "SO"}, xs...)}}
	for y, r := range b.site.Completeness {
		ys = append(ys, r.ProjectID)
		row := make([]string, len(xs))
		for _, c := range r.Cells {
			data = append(data, []any{col[c.HalfStart], y, state[c.State]})
			row[col[c.HalfStart]] = l.enum("state_", c.State)
		}
		f.Table.Rows = append(f.Table.Rows, append([]string{r.ProjectID, l.tf("so_code", r.SO)}, row...))
	}
	f.Height = 110 + 22*len(ys)
	f.option = option{
		Tooltip:   &tooltip{Trigger: "item"},
		Grid:      &grid{Top: "8", Left: "8", Right: "16", Bottom: "64", ContainLabel: true},
		XAxis:     &axis{Type: "category", Data: xs, SplitArea: &show{Show: true}, AxisLabel: &axisLabel{Interval: 0, Rotate: 45}},
		YAxis:     &axis{Type: "category", Data: ys, Inverse: true, SplitArea: &show{Show: true}, AxisLabel: &axisLabel{Interval: 0}},
		VisualMap: &visualMap{Type: "piecewise", Dimension: 2, Pieces: pieces, Orient: "horizontal", Left: "center", Bottom: "0"},
		Mittari:   formatHints{Tooltip: "state", Labels: labels},
		Series:    []series{{Name: l.t("heatmap_label"), Type: "heatmap", Data: data, Label: &show{Show: false}}},
	}
	return f
}

// halfLabel names a half-year by its first day: "2025 H1".
func halfLabel(start domain.Date) string {
	t := start.Time()
	h := "H1"
	if t.Month() > 6 {
		h = "H2"
	}
	return strconv.Itoa(t.Year()) + " " + h
}

func (b *builder) runFindings(l *lang) runFindings {
	r := b.in.Run
	head := []string{l.t("report"), l.t("where"), l.t("rule"), l.t("value"), l.t("message")}
	out := runFindings{Facts: l.tf("run_facts", l.num.count(int64(r.FilesRead)), l.num.count(int64(r.FilesAccepted)),
		l.num.count(int64(r.FilesRejected)), l.num.count(int64(r.ReportsAccepted)), l.num.count(int64(r.ReportsRejected))),
		Errors: newTable(head, l.t("none")), Warnings: newTable(head, l.t("none"))}
	for _, list := range []struct {
		shown []domain.Finding
		total int
		table *tableView
	}{{b.runErrors, b.runErrorsTotal, &out.Errors}, {b.runWarnings, b.runWarningsTotal, &out.Warnings}} {
		for _, f := range list.shown {
			list.table.Rows = append(list.table.Rows, []string{f.Report, f.Place.String(), f.Rule, f.Value, f.Message})
		}
		if more := list.total - len(list.shown); more > 0 {
			list.table.More = l.tf("n_more_in_record", l.num.count(int64(more)), b.in.Run.ID)
		}
	}
	return out
}

// indexRunFindings keeps, once for every language, the first maxRunFindings errors and warnings
// of this run's findings in the order of their files and places, and how many there are.
func (b *builder) indexRunFindings() {
	var errors, warnings []domain.Finding
	for _, f := range b.in.Findings {
		if f.Severity == domain.SeverityError {
			errors = append(errors, f)
		} else {
			warnings = append(warnings, f)
		}
	}
	b.runErrorsTotal, b.runWarningsTotal = len(errors), len(warnings)
	for _, list := range []*[]domain.Finding{&errors, &warnings} {
		slices.SortStableFunc(*list, compareFindings)
		*list = (*list)[:min(len(*list), maxRunFindings)]
	}
	b.runErrors, b.runWarnings = errors, warnings
}

// compareFindings orders findings by file, report, line and then place; the place is written
// out only to break a tie (tens of thousands of findings are sorted).
func compareFindings(a, c domain.Finding) int {
	if r := cmp.Or(strings.Compare(a.Place.File, c.Place.File), strings.Compare(a.Report, c.Report),
		cmp.Compare(a.Place.Line, c.Place.Line)); r != 0 {
		return r
	}
	return strings.Compare(a.Place.String(), c.Place.String())
}
