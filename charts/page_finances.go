package charts

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// financesPage answers: how much of the programme's total (Union + national) allocation the
// selected operations cover and how much has been declared, per SO and support type (Table 1 of
// CPR Annex VII) and by type of intervention (Table 2), what the Union contribution still to be
// claimed is expected to be (the forecast of payment applications), and what the calls of the
// implementation plan open.
type financesPage struct {
	Chrome *chrome
	Cuts   []financeCut
	// Codes names, once, the Annex VI codes Table 2 uses at any cut-off, per dimension.
	Codes    []table2Dimension
	Forecast forecastBlock
	Calls    []callGroup
}

type financeCut struct {
	cutSection
	Chart *figure
	Rows  []financeRow
	// Table2 is Table 2 of CPR Annex VII at the cut-off: per SO, each Annex VI dimension; its
	// charts are drawn at the latest cut-off only (Table2Charts), the tables at every one.
	Table2       []table2SO
	Table2Charts bool
}

// financeRow is one row of Table 1 (an SO and support type, technical assistance) or the
// programme as a whole.
type financeRow struct {
	SO, SupportType, Operations, Eligible, Public, EU, Declared string
	Allocation, TotalAllocation, Rate, SelectedPct, DeclaredPct string
	LineageHref                                                 string
	// Subtotal marks an SO's "all" row, Programme the programme as a whole.
	Subtotal, Programme bool
}

// table2SO is Table 2 for one SO: a block per Annex VI dimension with the codes used.
type table2SO struct {
	Title      string
	Dimensions []table2Dimension
}

type table2Dimension struct {
	Title string
	Chart *figure
	Rows  []table2Row
}

// table2Row is one code of a dimension; Unverified marks a code not read in an official text. The
// rows of a cut-off leave the name out (the page names each code once).
type table2Row struct {
	Code, Name                                 string
	Unverified, Local                          bool
	Operations, Eligible, Public, EU, Declared string
}

// forecastBlock is the forecast of payment applications (CPR Art 69(10)): the latest one as a
// chart, every one as a table, and the method.
type forecastBlock struct {
	Latest string
	Chart  *figure
	Table  tableView
	Method string
}

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
	for _, c := range b.newestFirst() {
		cut := financeCut{cutSection: b.section(l, c), Table2Charts: c == b.latest}
		var totals []metrics.FinanceProgress
		for _, f := range b.finance[c] {
			r := financeRow{SO: l.financeSO(f), SupportType: l.supportType(f.SupportType),
				Operations: l.num.count(f.SelectedOperations), Eligible: l.num.euros(f.EligibleCost),
				Public: l.num.euros(f.PublicEligibleCost), EU: l.num.euros(f.EUContribution), Declared: l.num.euros(f.Declared),
				Allocation: l.num.euros(f.Allocation), TotalAllocation: l.num.euros(f.TotalAllocation), Rate: l.num.percent(f.CofinancingRate),
				SelectedPct: l.num.percent(f.SelectedOfTotal), DeclaredPct: l.num.percent(f.DeclaredOfTotal),
				Subtotal: f.SupportType == domain.SupportTypeAll, Programme: f.Programme()}
			if f.SO != 0 && f.SupportType != domain.SupportTypeAll {
				r.LineageHref = "lineage.html#" + moneyAnchor(c, f.SO, f.SupportType)
			}
			if f.SupportType == domain.SupportTypeAll && !f.Programme() {
				totals = append(totals, f)
			}
			cut.Rows = append(cut.Rows, r)
		}
		if len(totals) > 0 {
			cut.Chart = charts.add(b.financeFigure(l, totals))
		}
		set := charts
		if c != b.latest {
			set = nil
		}
		cut.Table2 = b.table2(l, set, c)
		p.Cuts = append(p.Cuts, cut)
	}
	p.Codes = b.table2Codes(l)
	p.Forecast = b.forecast(l, charts)
	p.Calls = b.calls(l)
	p.Chrome = b.chrome(l, "finances.html", l.t("finances_heading"), "finances.html", true, false, charts)
	p.Chrome.Plan = b.planNote()
	p.Chrome.Codes = b.codesNote()
	return p
}

// financeSO names the SO of a row of Table 1: "SO 1", technical assistance or the programme.
func (l *lang) financeSO(f metrics.FinanceProgress) string {
	switch {
	case f.Programme():
		return l.t("programme_total")
	case f.TechnicalAssistance():
		return l.t("technical_assistance")
	}
	return l.tf("so_code", f.SO)
}

// financeFigure compares, per SO and for technical assistance, the total allocation with the
// total eligible cost of the selected operations and the declared expenditure, in millions of
// euros: the amounts Table 1's shares compare.
func (b *builder) financeFigure(l *lang, totals []metrics.FinanceProgress) figure {
	var sos []string
	var alloc, eligible, declared []any
	f := figure{Height: 360, Label: l.t("finance_chart_label"), Caption: l.t("finance_chart_caption"),
		Table: dataTable{Head: []string{l.t("so"), l.t("total_allocation"), l.t("eligible_cost"), l.t("declared")}}}
	for _, t := range totals {
		code := l.tf("so_code", t.SO)
		if t.TechnicalAssistance() {
			code = l.t("ta_short")
		}
		sos = append(sos, code)
		alloc = append(alloc, centsNumber(t.TotalAllocation))
		eligible = append(eligible, centsNumber(t.EligibleCost))
		declared = append(declared, centsNumber(t.Declared))
		f.Table.Rows = append(f.Table.Rows, []string{code, l.num.euros(t.TotalAllocation), l.num.euros(t.EligibleCost), l.num.euros(t.Declared)})
	}
	f.option = moneyColumns(sos, []series{bar(l.t("total_allocation"), alloc, 9), bar(l.t("eligible_cost"), eligible, 0),
		bar(l.t("declared"), declared, 1)})
	return f
}

// table2 lays out Table 2 at cut-off c: for each SO, each Annex VI dimension in the Regulation's
// order with the codes used, named in the page's language where the catalogue has the name, and
// a chart of each when charts is not nil.
func (b *builder) table2(l *lang, charts *chartSet, c domain.Cutoff) []table2SO {
	var out []table2SO
	rows := b.byIntervention[c]
	for i := 0; i < len(rows); {
		so := rows[i].SO
		block := table2SO{Title: l.tf("so_code", so) + " – " + l.soName(b.cat, so)}
		for i < len(rows) && rows[i].SO == so {
			dim := rows[i].Dimension
			d := table2Dimension{Title: l.enum("dimension_", dim)}
			var codes []string
			var eligible, eu, declared []any
			table := dataTable{Head: []string{l.t("code"), l.t("eligible_cost"), l.t("eu_contribution"), l.t("declared")}}
			for ; i < len(rows) && rows[i].SO == so && rows[i].Dimension == dim; i++ {
				v := rows[i]
				r := table2Row{Code: v.Code, Operations: l.num.count(v.SelectedOperations), Eligible: l.num.euros(v.EligibleCost),
					Public: l.num.euros(v.PublicEligibleCost), EU: l.num.euros(v.EUContribution), Declared: l.num.euros(v.Declared)}
				if ic, ok := b.interventionCode(dim, v.Code); ok {
					r.Unverified, r.Local = ic.Status == catalogue.CodeUnverified, ic.Status == catalogue.CodeLocal
				}
				d.Rows = append(d.Rows, r)
				codes = append(codes, v.Code)
				eligible = append(eligible, centsNumber(v.EligibleCost))
				eu = append(eu, centsNumber(v.EUContribution))
				declared = append(declared, centsNumber(v.Declared))
				table.Rows = append(table.Rows, []string{v.Code, r.Eligible, r.EU, r.Declared})
			}
			if charts != nil {
				d.Chart = charts.add(figure{Height: 90 + 44*len(codes), Label: l.tf("table2_chart_label", block.Title, d.Title),
					Caption: l.t("table2_chart_caption"), Table: table,
					option: moneyBars(codes, []string{l.t("eligible_cost"), l.t("eu_contribution"), l.t("declared")},
						[][]any{eligible, eu, declared})})
			}
			block.Dimensions = append(block.Dimensions, d)
		}
		out = append(out, block)
	}
	return out
}

// table2Codes lists, per Annex VI dimension in the Regulation's order, the codes Table 2 uses at
// any requested cut-off, with their names in the page's language and status.
func (b *builder) table2Codes(l *lang) []table2Dimension {
	used := map[string]map[string]bool{}
	for _, v := range b.res.ByIntervention {
		if used[v.Dimension] == nil {
			used[v.Dimension] = map[string]bool{}
		}
		used[v.Dimension][v.Code] = true
	}
	var out []table2Dimension
	for _, dim := range catalogue.Dimensions {
		if len(used[dim]) == 0 {
			continue
		}
		d := table2Dimension{Title: l.enum("dimension_", dim)}
		for _, code := range slices.Sorted(maps.Keys(used[dim])) {
			r := table2Row{Code: code}
			if ic, ok := b.interventionCode(dim, code); ok {
				r.Name, r.Unverified, r.Local = l.codeName(ic), ic.Status == catalogue.CodeUnverified, ic.Status == catalogue.CodeLocal
			}
			d.Rows = append(d.Rows, r)
		}
		out = append(out, d)
	}
	return out
}

func (b *builder) interventionCode(dimension, code string) (catalogue.InterventionCode, bool) {
	if b.cat == nil {
		return catalogue.InterventionCode{}, false
	}
	return b.cat.InterventionCode(dimension, code)
}

// codeName names an Annex VI code in this language: Swedish where the catalogue has it, English
// otherwise (the catalogue holds no Finnish names of the codes).
func (l *lang) codeName(ic catalogue.InterventionCode) string {
	if l.Code == "sv" && ic.NameSV != "" {
		return ic.NameSV
	}
	return ic.NameEN
}

// moneyBars compares amounts per category (the codes of an Annex VI dimension) as groups of
// horizontal bars in millions of euros.
func moneyBars(categories []string, names []string, values [][]any) option {
	var ss []series
	for i, name := range names {
		ss = append(ss, bar(name, values[i], i))
	}
	return horizontalBars(categories, formatHints{X: "meur", Tooltip: "eur"}, ss)
}

// forecast lays out the forecasts of payment applications: the latest one per SO as a chart and
// every one, newest first, as a table.
func (b *builder) forecast(l *lang, charts *chartSet) forecastBlock {
	f := forecastBlock{Method: b.res.ForecastMethod,
		Table: newTable([]string{l.t("forecast_due"), l.t("cutoff"), l.t("so"), l.t("forecast_year"), l.t("forecast_amount"),
			l.t("forecast_next_year"), l.t("forecast_amount"), l.t("forecast_operations")}, l.t("no_forecast"), 4, 6, 7)}
	rows := slices.Clone(b.res.Forecast)
	slices.SortStableFunc(rows, func(a, c metrics.ForecastValue) int { return cmp.Compare(c.Cutoff.Date, a.Cutoff.Date) })
	soLabel := func(so string) string {
		if so == "all" {
			return l.t("programme_total")
		}
		return l.t("so") + " " + so
	}
	for _, v := range rows {
		f.Table.Rows = append(f.Table.Rows, []string{l.dates.date(v.DueDate), l.dates.date(v.Cutoff.Date), soLabel(v.SO),
			strconv.Itoa(v.Year), l.num.euros(v.CurrentYear), strconv.Itoa(v.NextYear), l.num.euros(v.Next), l.num.count(v.Operations)})
	}
	if len(rows) == 0 {
		return f
	}
	latest := rows[0].Cutoff
	f.Latest = l.tf("forecast_latest", l.dates.date(rows[0].DueDate), l.dates.date(latest.Date))
	var sos []string
	var current, next []any
	table := dataTable{Head: []string{l.t("so"), strconv.Itoa(rows[0].Year), strconv.Itoa(rows[0].NextYear)}}
	for _, v := range rows {
		if v.Cutoff != latest || v.SO == "all" {
			continue
		}
		sos = append(sos, soLabel(v.SO))
		current = append(current, centsNumber(v.CurrentYear))
		next = append(next, centsNumber(v.Next))
		table.Rows = append(table.Rows, []string{soLabel(v.SO), l.num.euros(v.CurrentYear), l.num.euros(v.Next)})
	}
	f.Chart = charts.add(figure{Height: 320, Label: l.t("forecast_chart_label"), Caption: l.t("forecast_chart_caption"), Table: table,
		option: moneyColumns(sos, []series{bar(strconv.Itoa(rows[0].Year), current, 0), bar(strconv.Itoa(rows[0].NextYear), next, 1)})})
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
