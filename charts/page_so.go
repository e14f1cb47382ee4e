package charts

import (
	"mittari/domain"
	"mittari/metrics"
)

// soPage answers: how does each indicator of this SO stand against its milestone and target,
// where is it heading, and is the SO on track.
type soPage struct {
	Chrome    *chrome
	Code      string
	Name      string
	Share     *figure
	Multiples []multiple
	// Legend names the SO's indicators once; the table of each cut-off shows their codes.
	Legend []indicatorRow
	Cuts   []soCut
}

// multiple is one small chart of an SO's page, with the indicator page it leads to.
type multiple struct {
	Figure *figure
	Href   string
	Title  string
}

type soCut struct {
	cutSection
	Status statusWord
	Counts string
	Table  indicatorTable
}

// indicatorTable is the table of indicators at one cut-off; Names says whether it has their
// names (the SO page names them once, above).
type indicatorTable struct {
	Rows  []indicatorRow
	Names bool
}

// indicatorRow is one indicator at one cut-off, every figure formatted.
type indicatorRow struct {
	Code, Href, Name, Unit           string
	Sub                              bool
	Selected, Achieved, AchievedHref string
	Milestone, MilestonePct          string
	Target, TargetPct, Projected     string
	Status                           statusWord
}

// horizon is the date projections reach (transform.Horizon).
const horizon = "2029-12-31"

func (b *builder) soIndicators(so domain.SO) []string {
	var out []string
	for _, code := range b.indicators {
		if soOf(code) == so {
			out = append(out, code)
		}
	}
	return out
}

// soOf is the SO an indicator's code names (O.2.3 → 2).
func soOf(code string) domain.SO {
	if len(code) > 2 && code[2] >= '1' && code[2] <= '9' {
		return domain.SO(code[2] - '0')
	}
	return 0
}

func (b *builder) soPage(l *lang, so domain.SO) soPage {
	p := soPage{Code: l.tf("so_code", so), Name: l.soName(b.cat, so)}
	charts := &chartSet{}
	history := b.progress
	codes := b.soIndicators(so)
	var main []string
	for _, code := range codes {
		if h := history[code]; len(h) > 0 && h[len(h)-1].Main {
			main = append(main, code)
		}
	}
	if f := b.shareFigure(l, so, main, history); f != nil {
		p.Share = charts.add(*f)
	}
	for _, code := range main {
		f := b.indicatorFigure(l, code, history[code], true)
		p.Multiples = append(p.Multiples, multiple{Figure: charts.add(f), Href: indicatorFile(code),
			Title: code + " " + l.indicatorName(b.cat, code)})
	}
	statuses := map[domain.Cutoff]metrics.SOStatus{}
	for _, s := range b.site.SOStatus {
		if s.SO == so {
			statuses[s.Cutoff] = s
		}
	}
	for _, code := range codes {
		if h := history[code]; len(h) > 0 {
			p.Legend = append(p.Legend, b.indicatorRow(l, h[len(h)-1]))
		}
	}
	for _, c := range b.newestFirst() {
		cut := soCut{cutSection: b.section(l, c)}
		if st, ok := statuses[c]; ok {
			cut.Status = status(l, st.Status)
			cut.Counts = l.tf("so_counts", st.OnTrack, st.AtRisk, st.Behind, st.Assessed)
		}
		for _, code := range codes {
			for _, v := range history[code] {
				if v.Cutoff == c {
					cut.Table.Rows = append(cut.Table.Rows, b.indicatorRow(l, v))
				}
			}
		}
		p.Cuts = append(p.Cuts, cut)
	}
	p.Chrome = b.chrome(l, soFile(so), p.Code+" – "+p.Name, "", true, true, charts)
	return p
}

func (b *builder) indicatorRow(l *lang, v metrics.IndicatorProgress) indicatorRow {
	r := indicatorRow{Code: v.Indicator, Href: indicatorFile(v.Indicator), Name: l.indicatorName(b.cat, v.Indicator),
		Sub: !v.Main, Selected: l.num.count(v.Selected), Achieved: l.num.count(v.Achieved),
		Milestone: l.num.countPtr(v.Milestone2024), MilestonePct: l.num.percent(v.AchievedOfMilestone),
		Target: l.num.countPtr(v.Target2029), TargetPct: l.num.percent(v.AchievedOfTarget),
		Projected: l.num.countPtr(v.Projected), Status: status(l, v.Status)}
	if ind, ok := b.catIndicator(v.Indicator); ok {
		r.Unit = l.unit(ind.Unit)
	}
	r.AchievedHref = "lineage.html#" + indicatorAnchor(v.Cutoff, v.Indicator)
	return r
}

// shareFigure draws the SO's main indicators that have a 2029 target as shares of it over
// every cut-off, each with its projection to 2029 dashed in its own colour: one scale on which a
// target of 30 places reads as well as one of 3 000 participants.
func (b *builder) shareFigure(l *lang, so domain.SO, main []string, history map[string][]metrics.IndicatorProgress) *figure {
	f := figure{Height: 420, Label: l.tf("share_chart_label", l.tf("so_code", so)), Caption: l.t("share_chart_caption"),
		option: option{
			Color:   palette,
			Tooltip: &tooltip{Trigger: "axis"},
			Legend:  &legend{Type: "scroll", Top: "0"},
			Grid:    &grid{Top: "40", Left: "8", Right: "24", Bottom: "8", ContainLabel: true},
			XAxis:   &axis{Type: "time", Max: horizon},
			YAxis:   &axis{Type: "value", Name: l.t("axis_pct_target"), NameLocation: "middle", NameGap: 48},
			Mittari: formatHints{X: "date", Y: "pct", Tooltip: "pct"},
		}}
	var drawn []string
	for _, code := range main {
		h := history[code]
		if len(h) == 0 || !h[len(h)-1].AchievedOfTarget.Valid {
			continue
		}
		col, sym := colour(len(drawn))
		s := series{Name: code, Type: "line", Symbol: sym, SymbolSize: 7, LineStyle: &lineStyle{Color: col, Width: 2}, ItemStyle: &itemStyle{Color: col}}
		for _, v := range h {
			s.Data = append(s.Data, []any{v.Cutoff.String(), percentNumber(v.AchievedOfTarget)})
		}
		if len(drawn) == 0 {
			s.MarkLine = &markLine{Symbol: []string{"none", "none"}, Silent: true, LineStyle: &lineStyle{Color: "#1d2733", Type: "solid"},
				Data: []markData{{Name: l.t("target_2029"), YAxis: 100, Label: &markLabel{Formatter: l.t("target_2029"), Position: "insideEndTop"}}}}
		}
		f.option.Series = append(f.option.Series, s)
		if last := h[len(h)-1]; last.ProjectedOfTarget.Valid {
			f.option.Series = append(f.option.Series, series{Name: code, Type: "line", Symbol: "none",
				LineStyle: &lineStyle{Color: col, Type: "dashed", Width: 2}, ItemStyle: &itemStyle{Color: col},
				Data: []any{[]any{last.Cutoff.String(), percentNumber(last.AchievedOfTarget)}, []any{horizon, percentNumber(last.ProjectedOfTarget)}}})
		}
		drawn = append(drawn, code)
	}
	if len(drawn) == 0 {
		return nil
	}
	f.Table.Head = append([]string{l.t("cutoff")}, drawn...)
	for _, c := range b.cutoffs {
		row := []string{l.dates.date(c.Date)}
		for _, code := range drawn {
			cell := ""
			for _, v := range history[code] {
				if v.Cutoff == c {
					cell = l.num.percent(v.AchievedOfTarget)
				}
			}
			row = append(row, cell)
		}
		f.Table.Rows = append(f.Table.Rows, row)
	}
	proj := []string{l.tf("projected_at", l.dates.date(domain.MustDate(horizon)))}
	for _, code := range drawn {
		h := history[code]
		proj = append(proj, l.num.percent(h[len(h)-1].ProjectedOfTarget))
	}
	f.Table.Rows = append(f.Table.Rows, proj)
	return &f
}

// indicatorFigure draws one indicator's cumulative achieved value at every cut-off, in its own
// unit, with its 2024 milestone and 2029 target as lines and the projection dashed; the large
// chart of its own page also has the targets of the selected operations.
func (b *builder) indicatorFigure(l *lang, code string, h []metrics.IndicatorProgress, small bool) figure {
	unit := ""
	if ind, ok := b.catIndicator(code); ok {
		unit = l.unit(ind.Unit)
	}
	f := figure{Height: 380, Label: l.tf("indicator_chart_label", code), Caption: l.t("indicator_chart_caption"),
		option: option{
			Tooltip: &tooltip{Trigger: "axis"},
			Legend:  &legend{Type: "scroll", Top: "0"},
			Grid:    &grid{Top: "40", Left: "8", Right: "24", Bottom: "8", ContainLabel: true},
			XAxis:   &axis{Type: "time", Max: horizon},
			YAxis:   &axis{Type: "value", Name: unit, NameLocation: "middle", NameGap: 48},
			Mittari: formatHints{X: "date", Y: "count", Tooltip: "count"},
		}}
	if small {
		f.Height = 240
		f.option.Legend = nil
		f.option.Grid.Top = "24"
	}
	f.Table.Head = []string{l.t("cutoff"), l.t("achieved"), l.t("selected_value")}
	achieved := series{Name: l.t("achieved"), Type: "line", Symbol: symbols[0], SymbolSize: 7,
		LineStyle: &lineStyle{Color: palette[0], Width: 2}, ItemStyle: &itemStyle{Color: palette[0]}}
	selected := series{Name: l.t("selected_value"), Type: "line", Symbol: symbols[1], SymbolSize: 6,
		LineStyle: &lineStyle{Color: palette[1], Type: "dotted", Width: 2}, ItemStyle: &itemStyle{Color: palette[1]}}
	for _, v := range h {
		achieved.Data = append(achieved.Data, []any{v.Cutoff.String(), v.Achieved})
		selected.Data = append(selected.Data, []any{v.Cutoff.String(), v.Selected})
		f.Table.Rows = append(f.Table.Rows, []string{l.dates.date(v.Cutoff.Date), l.num.count(v.Achieved), l.num.count(v.Selected)})
	}
	var marks []markData
	if len(h) > 0 {
		last := h[len(h)-1]
		if last.Milestone2024 != nil {
			marks = append(marks, markData{Name: l.t("milestone_2024"), YAxis: *last.Milestone2024,
				Label: &markLabel{Formatter: l.t("milestone_2024"), Position: "insideStartTop"}})
			f.Table.Rows = append(f.Table.Rows, []string{l.t("milestone_2024"), l.num.count(*last.Milestone2024), ""})
		}
		if last.Target2029 != nil {
			marks = append(marks, markData{Name: l.t("target_2029"), YAxis: *last.Target2029,
				Label: &markLabel{Formatter: l.t("target_2029"), Position: "insideEndTop"}})
			f.Table.Rows = append(f.Table.Rows, []string{l.t("target_2029"), l.num.count(*last.Target2029), ""})
		}
		if len(marks) > 0 {
			achieved.MarkLine = &markLine{Symbol: []string{"none", "none"}, Silent: true, Data: marks,
				LineStyle: &lineStyle{Color: "#1d2733", Type: "solid"}}
		}
		if last.Projected != nil {
			f.Table.Rows = append(f.Table.Rows, []string{l.tf("projected_at", l.dates.date(domain.MustDate(horizon))), l.num.count(*last.Projected), ""})
		}
		f.option.Series = append(f.option.Series, achieved)
		if !small {
			f.option.Series = append(f.option.Series, selected)
		}
		if last.Projected != nil {
			f.option.Series = append(f.option.Series, series{Name: l.t("projection"), Type: "line", Symbol: "none",
				LineStyle: &lineStyle{Color: palette[0], Type: "dashed", Width: 2}, ItemStyle: &itemStyle{Color: palette[0]},
				Data: []any{[]any{last.Cutoff.String(), last.Achieved}, []any{horizon, *last.Projected}}})
		}
	}
	return f
}
