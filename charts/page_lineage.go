package charts

import (
	"fmt"

	"mittari/domain"
)

// lineagePage answers, for every figure at every cut-off: which rows make it up. An amount of
// money is the sum of its SO's selected operations (listed, capped, at every cut-off). An
// indicator's value is the sum of its projects' at the latest cut-off (each project's page lists
// the report versions in force behind it); at earlier cut-offs the breakdown by project is not
// computed, and the indicator's page has its breakdown by action and kind of beneficiary.
type lineagePage struct {
	Chrome *chrome
	Cuts   []lineageCut
}

type lineageCut struct {
	cutSection
	// Latest says the projects behind each indicator are listed (Indicators' Rows); at an
	// earlier cut-off each indicator has its values and a link to its breakdowns.
	Latest     bool
	Indicators []lineageIndicator
	Money      []lineageMoney
}

type lineageIndicator struct {
	// Name is given at the latest cut-off; the earlier ones list the codes.
	Anchor, Code, Href, Name, Selected, Achieved string
	// BreakdownHref leads to the indicator's breakdowns at this cut-off.
	BreakdownHref string
	Rows          []projectValue
	More          string
}

type lineageMoney struct {
	Anchor, Title, Operations, Eligible, EU string
	Rows                                    []lineageOperation
	More                                    string
}

type lineageOperation struct {
	ID, Href, Action, Eligible, EU string
}

// indicatorAnchor and moneyAnchor name the lineage of an indicator and of the money of an SO's
// support type at cut-off c, so that a figure of any cut-off links to its own rows.
func indicatorAnchor(c domain.Cutoff, code string) string {
	return "indicator-" + code + "-" + c.String()
}
func moneyAnchor(c domain.Cutoff, so domain.SO, supportType string) string {
	return fmt.Sprintf("money-%d-%s-%s", so, supportType, c)
}

// breakdownAnchor names the breakdowns of an indicator's page at cut-off c.
func breakdownAnchor(c domain.Cutoff) string { return "breakdowns-" + c.String() }

func (b *builder) lineage(l *lang) lineagePage {
	p := lineagePage{}
	type money struct {
		cutoff      domain.Cutoff
		so          domain.SO
		supportType string
	}
	totals := map[money]int64{}
	for _, c := range b.site.OperationCounts {
		totals[money{c.Cutoff, c.SO, c.SupportType}] = c.Operations
	}
	operations := map[money][]lineageOperation{}
	for _, o := range b.site.Operations {
		k := money{o.Cutoff, o.SO, o.SupportType}
		operations[k] = append(operations[k], lineageOperation{ID: o.ProjectID, Href: b.projectLink(o.ProjectID), Action: o.Action,
			Eligible: l.num.euros(o.EligibleCost), EU: l.num.euros(o.EUContribution)})
	}
	values := map[string][2]int64{}
	for _, v := range b.res.Indicators {
		values[v.Cutoff.String()+" "+v.Indicator] = [2]int64{v.Selected, v.Achieved}
	}
	for _, c := range b.newestFirst() {
		cut := lineageCut{cutSection: b.section(l, c), Latest: c == b.site.LineageCutoff}
		for _, code := range b.indicators {
			val := values[c.String()+" "+code]
			ind := lineageIndicator{Anchor: indicatorAnchor(c, code), Code: code, Href: indicatorFile(code),
				Selected: l.num.count(val[0]), Achieved: l.num.count(val[1])}
			if cut.Latest {
				pb := b.projectsBehind(l, code)
				ind.Name, ind.Rows, ind.More = l.indicatorName(b.cat, code), pb.Rows, pb.More
			} else {
				ind.BreakdownHref = indicatorFile(code) + "#" + breakdownAnchor(c)
			}
			cut.Indicators = append(cut.Indicators, ind)
		}
		for _, f := range b.finance[c] {
			if f.SO == 0 || f.SupportType == domain.SupportTypeAll {
				continue
			}
			k := money{c, f.SO, f.SupportType}
			m := lineageMoney{Anchor: moneyAnchor(c, f.SO, f.SupportType),
				Title:      l.tf("so_code", f.SO) + " – " + l.supportType(f.SupportType),
				Operations: l.num.count(f.SelectedOperations), Eligible: l.num.euros(f.EligibleCost), EU: l.num.euros(f.EUContribution),
				Rows: operations[k]}
			if more := totals[k] - int64(len(m.Rows)); more > 0 {
				m.More = l.tf("n_more", l.num.count(more))
			}
			cut.Money = append(cut.Money, m)
		}
		p.Cuts = append(p.Cuts, cut)
	}
	p.Chrome = b.chrome(l, "lineage.html", l.t("lineage_heading"), "lineage.html", true, false, nil)
	return p
}
