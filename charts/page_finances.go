package charts

import (
	"cmp"
	"slices"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// financesPage answers: how much of the allocation is committed to selected operations and how
// much has been declared, per SO and support type (Table 1), by type of intervention (Table 2,
// once transform computes it), and what the calls of the implementation plan open.
type financesPage struct {
	Chrome *chrome
	Cuts   []financeCut
	// Table2 is Table 2 of CPR Annex VII (by type of intervention); nil until it is computed.
	Table2 *table2
	Calls  []callGroup
}

type financeCut struct {
	cutSection
	Chart *figure
	Rows  []financeRow
}

type financeRow struct {
	SO, SupportType, Operations, Eligible, EU, Declared, Allocation, EUPct, DeclaredPct string
	LineageHref                                                                         string
	Total, Programme                                                                    bool
}

// table2 is the financial data by type of intervention. Transform does not compute it yet
// (issue 10); the page says so rather than show anything in its place.
type table2 = tableView

type callGroup struct {
	Call string
	Rows []callRow
}

// callRow is one amount of a call; Total rows are the table's total for an SO as printed.
type callRow struct {
	SO, Code, Name, Amount string
	Total                  bool
}

func (b *builder) finances(l *lang) financesPage {
	p := financesPage{}
	charts := &chartSet{}
	byCutoff := map[domain.Cutoff][]metrics.FinanceProgress{}
	for _, f := range b.site.Finance {
		byCutoff[f.Cutoff] = append(byCutoff[f.Cutoff], f)
	}
	for _, c := range b.newestFirst() {
		cut := financeCut{cutSection: b.section(l, c)}
		rows := byCutoff[c]
		// SOs first, the programme (SO 0) last; within each, support types in the mart's order.
		slices.SortStableFunc(rows, func(a, d metrics.FinanceProgress) int {
			return cmp.Compare(soRank(a.SO), soRank(d.SO))
		})
		var totals []metrics.FinanceProgress
		for _, f := range rows {
			r := financeRow{SO: l.tf("so_code", f.SO), SupportType: l.supportType(f.SupportType),
				Operations: l.num.count(f.SelectedOperations), Eligible: l.num.euros(f.EligibleCost), EU: l.num.euros(f.EUContribution),
				Declared: l.num.euros(f.Declared), Allocation: l.num.euros(f.Allocation),
				EUPct: l.num.percent(f.EUOfAllocation), DeclaredPct: l.num.percent(f.DeclaredOfAllocation),
				Total: f.SupportType == domain.SupportTypeAll, Programme: f.SO == 0}
			if f.SO == 0 {
				r.SO = l.t("programme")
			} else if f.SupportType != domain.SupportTypeAll && c == b.site.LineageCutoff {
				r.LineageHref = "lineage.html#money-" + string(rune('0'+f.SO)) + "-" + f.SupportType
			}
			if f.SO != 0 && f.SupportType == domain.SupportTypeAll {
				totals = append(totals, f)
			}
			cut.Rows = append(cut.Rows, r)
		}
		if len(totals) > 0 {
			cut.Chart = charts.add(b.financeFigure(l, totals))
		}
		p.Cuts = append(p.Cuts, cut)
	}
	p.Calls = b.calls(l)
	p.Chrome = b.chrome(l, "finances.html", l.t("finances_heading"), "finances.html", true, false, charts)
	return p
}

func soRank(so domain.SO) int {
	if so == 0 {
		return 1 << 20
	}
	return int(so)
}

// financeFigure compares, per SO, the allocation with the EU contribution of the selected
// operations and the declared expenditure, in millions of euros.
func (b *builder) financeFigure(l *lang, totals []metrics.FinanceProgress) figure {
	var sos []string
	var alloc, eu, declared []any
	f := figure{Height: 360, Label: l.t("finance_chart_label"), Caption: l.t("finance_chart_caption"),
		Table: dataTable{Head: []string{l.t("so"), l.t("allocation"), l.t("selected"), l.t("declared")}}}
	for _, t := range totals {
		code := l.tf("so_code", t.SO)
		sos = append(sos, code)
		alloc = append(alloc, centsNumber(t.Allocation))
		eu = append(eu, centsNumber(t.EUContribution))
		declared = append(declared, centsNumber(t.Declared))
		f.Table.Rows = append(f.Table.Rows, []string{code, l.num.euros(t.Allocation), l.num.euros(t.EUContribution), l.num.euros(t.Declared)})
	}
	f.option = option{
		Tooltip: &tooltip{Trigger: "axis"},
		Legend:  &legend{Top: "0"},
		Grid:    &grid{Top: "40", Left: "8", Right: "24", Bottom: "8", ContainLabel: true},
		XAxis:   &axis{Type: "category", Data: sos},
		YAxis:   &axis{Type: "value", Name: "M€", NameLocation: "middle", NameGap: 48},
		Mittari: formatHints{Y: "meur", Tooltip: "eur"},
		Series: []series{
			{Name: l.t("allocation"), Type: "bar", Data: alloc, ItemStyle: &itemStyle{Color: palette[9]}},
			{Name: l.t("selected"), Type: "bar", Data: eu, ItemStyle: &itemStyle{Color: palette[0]}},
			{Name: l.t("declared"), Type: "bar", Data: declared, ItemStyle: &itemStyle{Color: palette[1]}},
		},
	}
	return f
}

// calls lists the amounts the implementation plan opens per call (its Tables 2–4), in the
// order of the calls and, within each, of the SOs; each SO's printed total closes its rows.
func (b *builder) calls(l *lang) []callGroup {
	if b.cat == nil {
		return nil
	}
	calls := slices.Clone(b.cat.Calls)
	slices.SortStableFunc(calls, func(a, c catalogue.CallAmount) int {
		return cmp.Or(cmp.Compare(a.Call, c.Call), cmp.Compare(a.SO, c.SO), cmp.Compare(isTotal(a.Code), isTotal(c.Code)))
	})
	var out []callGroup
	for _, c := range calls {
		if len(out) == 0 || out[len(out)-1].Call != c.Call {
			out = append(out, callGroup{Call: c.Call})
		}
		g := &out[len(out)-1]
		r := callRow{SO: l.tf("so_code", c.SO), Code: c.Code, Amount: l.num.euros(c.Amount)}
		switch c.Code {
		case "total":
			r.Code, r.Name, r.Total = "", l.t("call_total"), true
		case "projects":
			r.Name = l.t("call_projects")
		default:
			if r.Name = l.actionName(b.cat, c.Code); r.Name == "" {
				r.Name = l.measureName(b.cat, c.Code)
			}
		}
		g.Rows = append(g.Rows, r)
	}
	return out
}

func isTotal(code string) int {
	if code == "total" {
		return 1
	}
	return 0
}
