package charts

import (
	"cmp"
	"slices"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// indicatorPage answers: where does this indicator stand and where is it heading, and which
// actions, kinds of beneficiary and projects make it up.
type indicatorPage struct {
	Chrome   *chrome
	Code     string
	Name     string
	Unit     string
	Kind     string
	SO       link
	Parent   *link
	Children []link
	Chart    *figure
	// Actions names, once, the actions the breakdowns of every cut-off list by code.
	Actions []named
	Cuts    []indicatorCut
}

type indicatorCut struct {
	cutSection
	Row indicatorRow
	// BreakdownAnchor names the breakdowns of the cut-off, which its lineage links to.
	BreakdownAnchor string
	// Breakdowns by action and by kind of beneficiary; Projects only at the lineage cut-off.
	Breakdowns []breakdown
	Projects   *projectBreakdown
}

// named is a code of the catalogue with its name in the page's language: the pages name the
// codes their per-cut-off tables use once.
type named struct {
	Code, Name string
}

// breakdown is one dimension of the breakdown at one cut-off: a chart with its table at the
// latest cut-off, the table alone at earlier ones (a chart for each of some twenty cut-offs
// would make the page several times larger for figures the table already gives).
type breakdown struct {
	Title string
	Table tableView
	Chart *figure
}

// projectBreakdown lists the projects behind the indicator (the largest first, capped).
type projectBreakdown struct {
	Rows []projectValue
	More string
}

type projectValue struct {
	ID, Href, Selected, Achieved string
}

func (b *builder) catIndicator(code string) (catalogue.Indicator, bool) {
	if b.cat == nil {
		return catalogue.Indicator{}, false
	}
	return b.cat.Indicator(code)
}

// indicatorHref is the page of an indicator, "" when it has none: only indicators with figures
// have one, and a catalogue's "of which" may have none yet.
func (b *builder) indicatorHref(code string) string {
	if !slices.Contains(b.indicators, code) {
		return ""
	}
	return indicatorFile(code)
}

func (b *builder) indicatorPage(l *lang, code string) indicatorPage {
	so := soOf(code)
	p := indicatorPage{Code: code, Name: l.indicatorName(b.cat, code),
		SO: link{Href: soFile(so), Label: l.tf("so_code", so) + " – " + l.soName(b.cat, so)}}
	if ind, ok := b.catIndicator(code); ok {
		p.Unit, p.Kind = l.unit(ind.Unit), l.enum("kind_", string(ind.Kind))
		if ind.Parent != "" {
			p.Parent = &link{Href: b.indicatorHref(ind.Parent), Label: ind.Parent + " " + l.indicatorName(b.cat, ind.Parent)}
		}
		for _, c := range b.cat.Children(code) {
			p.Children = append(p.Children, link{Href: b.indicatorHref(c), Label: c + " " + l.indicatorName(b.cat, c)})
		}
	}
	charts := &chartSet{}
	history := b.progress[code]
	if len(history) > 0 {
		p.Chart = charts.add(b.indicatorFigure(l, code, history, false))
	}
	breakdowns := map[domain.Cutoff][]metrics.IndicatorBreakdown{}
	actions := map[string]bool{}
	for _, v := range b.breakdowns[code] {
		breakdowns[v.Cutoff] = append(breakdowns[v.Cutoff], v)
		if v.Dimension == "action" && !actions[v.Member] {
			actions[v.Member] = true
			p.Actions = append(p.Actions, named{Code: v.Member, Name: l.actionName(b.cat, v.Member)})
		}
	}
	slices.SortFunc(p.Actions, func(a, c named) int { return cmp.Compare(a.Code, c.Code) })
	for _, c := range b.newestFirst() {
		cut := indicatorCut{cutSection: b.section(l, c), BreakdownAnchor: breakdownAnchor(c)}
		for _, v := range history {
			if v.Cutoff == c {
				cut.Row = b.indicatorRow(l, v)
			}
		}
		for _, dim := range []string{"action", "beneficiary_type"} {
			set := charts
			if c != b.latest {
				set = nil
			}
			if bd, ok := b.breakdown(l, set, dim, breakdowns[c]); ok {
				cut.Breakdowns = append(cut.Breakdowns, bd)
			}
		}
		if c == b.site.LineageCutoff {
			cut.Projects = b.projectsBehind(l, code)
		}
		p.Cuts = append(p.Cuts, cut)
	}
	p.Chrome = b.chrome(l, indicatorFile(code), code+" – "+p.Name, "", true, true, charts)
	return p
}

// breakdown is one dimension of an indicator's breakdown at one cut-off: the selected and
// achieved values of each member as a table, and as a bar chart when charts is not nil.
func (b *builder) breakdown(l *lang, charts *chartSet, dim string, rows []metrics.IndicatorBreakdown) (breakdown, bool) {
	var members []metrics.IndicatorBreakdown
	for _, v := range rows {
		if v.Dimension == dim {
			members = append(members, v)
		}
	}
	if len(members) == 0 {
		return breakdown{}, false
	}
	slices.SortFunc(members, func(a, c metrics.IndicatorBreakdown) int { return cmp.Compare(a.Member, c.Member) })
	bd := breakdown{Title: l.t("by_" + dim), Table: newTable([]string{l.t(dim), l.t("selected_value"), l.t("achieved")}, l.t("none"), 1, 2)}
	var names []string
	var sel, ach []any
	for _, m := range members {
		// Actions go by their code (the page names them once); kinds of beneficiary by name.
		name := m.Member
		if dim == "beneficiary_type" {
			name = l.beneficiaryType(m.Member)
		}
		bd.Table.Rows = append(bd.Table.Rows, []string{name, l.num.count(m.Selected), l.num.count(m.Achieved)})
		names = append(names, shortLabel(name))
		sel = append(sel, m.Selected)
		ach = append(ach, m.Achieved)
	}
	if charts == nil {
		return bd, true
	}
	f := figure{Height: 80 + 36*len(members), Label: bd.Title, Caption: l.t("breakdown_caption"),
		Table:  dataTable{Head: bd.Table.Head, Rows: bd.Table.Rows},
		option: goalBars(names, l.t("selected_value"), sel, l.t("achieved"), ach)}
	bd.Chart = charts.add(f)
	return bd, true
}

// shortLabel keeps an axis label to a readable length; the table beside the chart has it whole.
func shortLabel(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func (b *builder) projectsBehind(l *lang, code string) *projectBreakdown {
	pb := &projectBreakdown{}
	for _, v := range b.members[code] {
		pb.Rows = append(pb.Rows, projectValue{ID: v.ProjectID, Href: b.projectLink(v.ProjectID),
			Selected: l.num.count(v.Selected), Achieved: l.num.count(v.Achieved)})
	}
	if more := b.memberCounts[code] - int64(len(pb.Rows)); more > 0 {
		pb.More = l.tf("n_more", l.num.count(more))
	}
	return pb
}
