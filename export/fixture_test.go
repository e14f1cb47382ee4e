package export

import (
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

func ptr(v int64) *int64 { return &v }

func testCatalogue(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	cat, err := catalogue.New(catalogue.Parts{
		SOs: []catalogue.SpecificObjective{{SO: 1, NameEN: "Common European Asylum System"},
			{SO: 2, NameEN: "Legal migration and integration"}, {SO: 4, NameEN: "Solidarity"}},
		Indicators: []catalogue.Indicator{
			{Code: "O.1.1", SO: 1, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported"},
			{Code: "O.1.1.1", SO: 1, Kind: domain.KindOutput, Parent: "O.1.1", Unit: "participants", NameEN: "participants who received legal assistance"},
			{Code: "R.1.5", SO: 1, Kind: domain.KindResult, Unit: "participants", NameEN: "Participants who consider the training useful, \"really\""},
			{Code: "O.2.3", SO: 2, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported"},
			{Code: "R.2.8", SO: 2, Kind: domain.KindResult, Unit: "participants", NameEN: "Improved proficiency"},
			{Code: "R.2.10", SO: 2, Kind: domain.KindResult, Unit: "participants", NameEN: "Applied for recognition"},
			{Code: "R.4.3", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons transferred"},
			{Code: "R.4.4", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons resettled"},
			{Code: "R.4.5", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons admitted"},
		},
		GoalsNote:         "ILLUSTRATIVE: not the adopted values, see data/programme/README.md",
		GoalsIllustrative: true,
		Hash:              "c0ffee",
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// testResults is a hand-made result set: three December cut-offs (one before and one after the
// 2024 milestone), a March one without indicators, unsorted rows, and amounts that need every
// cent.
func testResults() *metrics.Results {
	cs := []domain.Cutoff{
		{Date: domain.MustDate("2025-03-31")},
		{Date: domain.MustDate("2021-12-31")},
		{Date: domain.MustDate("2024-12-31")},
		{Date: domain.MustDate("2025-12-31")},
	}
	res := &metrics.Results{
		Cutoffs:           cs,
		GoalsNote:         "ILLUSTRATIVE: not the adopted values, see data/programme/README.md",
		GoalsIllustrative: true,
	}
	type ind struct {
		code      string
		so        domain.SO
		kind      domain.IndicatorKind
		unit      string
		milestone *int64
		target    *int64
	}
	inds := []ind{
		{"R.2.10", 2, domain.KindResult, "participants", nil, ptr(50)},
		{"O.1.1", 1, domain.KindOutput, "participants", ptr(300), ptr(1200)},
		{"O.1.1.1", 1, domain.KindOutput, "participants", nil, nil},
		{"R.1.5", 1, domain.KindResult, "participants", nil, ptr(400)},
		{"O.2.3", 2, domain.KindOutput, "participants", ptr(0), ptr(3)},
		{"R.2.8", 2, domain.KindResult, "participants", nil, ptr(100)},
		{"R.4.4", 4, domain.KindResult, "persons", nil, ptr(900)},
		{"R.4.3", 4, domain.KindResult, "persons", nil, nil},
		{"R.4.5", 4, domain.KindResult, "persons", nil, ptr(30)},
	}
	for i, c := range cs {
		step := int64(c.Date.Year()-2020) * int64(i+1)
		for j, d := range inds {
			res.Indicators = append(res.Indicators, metrics.IndicatorValue{
				Cutoff: c, SO: d.so, Indicator: d.code, Kind: d.kind, Unit: d.unit,
				Selected: 10 * int64(j+1), Achieved: step * int64(j+1),
				Milestone2024: d.milestone, Target2029: d.target,
			})
		}
		for _, so := range []domain.SO{2, 1} {
			var sum metrics.FinancialValue
			sum.Cutoff, sum.SO, sum.SupportType = c, so, "all"
			for k, st := range []string{"specific_action", "project", "operating"} {
				v := metrics.FinancialValue{
					Cutoff: c, SO: so, SupportType: st, SelectedOperations: int64(k + i),
					EligibleCost:   domain.Cents(int64(so)*100000001 + int64(k*i)*7),
					EUContribution: domain.Cents(int64(so)*75000001 + int64(k)),
					Declared:       domain.Cents(int64(i) * 1234567),
					Allocation:     domain.MustEuros("21796298.77") + domain.Cents(k),
				}
				if so == 2 && st == "specific_action" {
					v = metrics.FinancialValue{Cutoff: c, SO: so, SupportType: st}
				}
				sum.SelectedOperations += v.SelectedOperations
				sum.EligibleCost += v.EligibleCost
				sum.EUContribution += v.EUContribution
				sum.Declared += v.Declared
				sum.Allocation += v.Allocation
				res.Financial = append(res.Financial, v)
			}
			res.Financial = append(res.Financial, sum)
		}
	}
	last := cs[3]
	res.Projections = []metrics.Projection{
		{Cutoff: last, SO: 1, Indicator: "O.1.1", Achieved: 40, Projected: 70, Target2029: ptr(1200), OnTrack: false, Method: "linear"},
		{Cutoff: last, SO: 2, Indicator: "O.2.3", Achieved: 100, Projected: 175, Target2029: ptr(3), OnTrack: true, Method: "linear"},
		{Cutoff: last, SO: 1, Indicator: "O.1.1.1", Achieved: 60, Projected: 105, Method: "linear"},
		{Cutoff: cs[2], SO: 1, Indicator: "O.1.1", Achieved: 1, Projected: 2, Target2029: ptr(1200), Method: "linear"},
	}
	return res
}

var testMeta = Meta{CodeVersion: "v0.1.0-test", DataAsOf: "20260101T000000Z-abc"}
