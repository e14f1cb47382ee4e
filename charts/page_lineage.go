package charts

import (
	"fmt"

	"mittari/domain"
)

// lineagePage answers, for every figure of the latest cut-off: which rows make it up. An
// indicator's value is the sum of its projects' (each project's page lists the report versions
// in force behind it); an amount of money is the sum of its SO's selected operations.
type lineagePage struct {
	Chrome     *chrome
	Cutoff     string
	Indicators []lineageIndicator
	Money      []lineageMoney
}

type lineageIndicator struct {
	Anchor, Code, Name, Selected, Achieved string
	Rows                                   []projectValue
	More                                   string
}

type lineageMoney struct {
	Anchor, Title, Operations, Eligible, EU string
	Rows                                    []lineageOperation
	More                                    string
}

type lineageOperation struct {
	ID, Href, Action, Eligible, EU string
}

func (b *builder) lineage(l *lang) lineagePage {
	p := lineagePage{Cutoff: l.dates.date(b.site.LineageCutoff.Date)}
	values := map[string][2]int64{}
	for _, v := range b.res.Indicators {
		if v.Cutoff == b.site.LineageCutoff {
			values[v.Indicator] = [2]int64{v.Selected, v.Achieved}
		}
	}
	for _, code := range b.indicators {
		pb := b.projectsBehind(l, code)
		val := values[code]
		p.Indicators = append(p.Indicators, lineageIndicator{Anchor: "indicator-" + code, Code: code,
			Name: l.indicatorName(b.cat, code), Selected: l.num.count(val[0]), Achieved: l.num.count(val[1]),
			Rows: pb.Rows, More: pb.More})
	}
	totals := map[string]int64{}
	for _, c := range b.site.OperationCounts {
		totals[fmt.Sprint(c.SO)+c.SupportType] = c.Operations
	}
	money := map[string]*lineageMoney{}
	var order []string
	for _, f := range b.site.Finance {
		if f.Cutoff != b.site.LineageCutoff || f.SO == 0 || f.SupportType == domain.SupportTypeAll {
			continue
		}
		key := fmt.Sprint(f.SO) + f.SupportType
		money[key] = &lineageMoney{Anchor: fmt.Sprintf("money-%d-%s", f.SO, f.SupportType),
			Title:      l.tf("so_code", f.SO) + " – " + l.supportType(f.SupportType),
			Operations: l.num.count(f.SelectedOperations), Eligible: l.num.euros(f.EligibleCost), EU: l.num.euros(f.EUContribution)}
		order = append(order, key)
	}
	for _, o := range b.site.Operations {
		m := money[fmt.Sprint(o.SO)+o.SupportType]
		if m == nil {
			continue
		}
		m.Rows = append(m.Rows, lineageOperation{ID: o.ProjectID, Href: b.projectLink(o.ProjectID), Action: o.Action,
			Eligible: l.num.euros(o.EligibleCost), EU: l.num.euros(o.EUContribution)})
	}
	for _, key := range order {
		m := money[key]
		if more := totals[key] - int64(len(m.Rows)); more > 0 {
			m.More = l.tf("n_more", l.num.count(more))
		}
		p.Money = append(p.Money, *m)
	}
	p.Chrome = b.chrome(l, "lineage.html", l.t("lineage_heading"), "lineage.html", false, false, nil)
	return p
}
