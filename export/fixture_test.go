package export

import (
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/testcat"
	"mittari/metrics"
)

func ptr(v int64) *int64 { return &v }

func testCatalogue(t testing.TB) *catalogue.Catalogue { return testcat.New(t) }

func pctOf(tenths int64) metrics.Pct { return metrics.Pct{Tenths: tenths, Valid: true} }

// testResults is a hand-made result set: three December cut-offs (one before and one after the
// 2024 milestone), a March one without indicators, unsorted rows, amounts that need every cent,
// a technical-assistance row, Table 2 adding up to Table 1, and two forecasts. The percentages
// are whatever the marts would say: export only formats them.
func testResults() *metrics.Results {
	cs := []domain.Cutoff{
		{Date: domain.MustDate("2025-03-31")},
		{Date: domain.MustDate("2021-12-31")},
		{Date: domain.MustDate("2024-12-31")},
		{Date: domain.MustDate("2025-12-31")},
	}
	res := &metrics.Results{
		Cutoffs:           cs,
		GoalsNote:         testcat.GoalsNote,
		GoalsIllustrative: true,
		PlanNote:          testcat.PlanNote,
		PlanDerived:       true,
		ForecastMethod:    "At each operation's own pace (test).",
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
	milestoneCheck := domain.Cutoff{Date: domain.MilestoneDate}
	for i, c := range cs {
		step := int64(c.Date.Year()-2020) * int64(i+1)
		for j, d := range inds {
			v := metrics.IndicatorValue{
				Cutoff: c, SO: d.so, Indicator: d.code, Kind: d.kind, Unit: d.unit,
				Selected: 10 * int64(j+1), Achieved: step * int64(j+1),
				Milestone2024: d.milestone, Target2029: d.target,
			}
			res.Indicators = append(res.Indicators, v)
			a := metrics.Achievement{Cutoff: c, SO: d.so, Indicator: d.code, Selected: v.Selected, Achieved: v.Achieved,
				Milestone2024: d.milestone, Target2029: d.target, MilestoneCheck: c, AchievedAtMilestoneCheck: v.Achieved,
				AchievedInYear: v.Achieved / 2}
			if c.Date > domain.MilestoneDate {
				a.MilestoneCheck, a.AchievedAtMilestoneCheck = milestoneCheck, 4*3*int64(j+1)
			}
			if d.milestone != nil && *d.milestone > 0 {
				a.PctOfMilestoneAtCheck = pctOf(1000 * a.AchievedAtMilestoneCheck / *d.milestone)
			}
			if d.target != nil && *d.target > 0 {
				a.AchievedPctOfTarget = pctOf(1000 * v.Achieved / *d.target)
			}
			res.Achievements = append(res.Achievements, a)
		}
		for _, so := range []domain.SO{2, 1} {
			var sum metrics.FinancialValue
			sum.Cutoff, sum.SO, sum.SupportType, sum.PlanBasis = c, so, "all", "derived"
			var rows []metrics.FinancialValue
			for k, st := range []string{"specific_action", "project", "operating"} {
				v := metrics.FinancialValue{
					Cutoff: c, SO: so, SupportType: st, SelectedOperations: int64(k + i),
					EligibleCost:       domain.Cents(int64(so)*100000001 + int64(k*i)*7),
					PublicEligibleCost: domain.Cents(int64(so)*100000001 + int64(k*i)*7 - int64(k)),
					EUContribution:     domain.Cents(int64(so)*75000001 + int64(k)),
					Declared:           domain.Cents(int64(i) * 1234567),
					Allocation:         domain.MustEuros("21796298.77") + domain.Cents(k),
					TotalAllocation:    domain.MustEuros("29061731.69") + domain.Cents(k),
					CofinancingRate:    pctOf(750), SelectedOfAllocation: pctOf(int64(34 * (k + 1))),
					DeclaredOfAllocation: pctOf(int64(i)), DeclaredOfEligibleCost: pctOf(int64(123 * i)),
					PlanBasis: "derived",
				}
				if so == 2 && st == "specific_action" {
					v = metrics.FinancialValue{Cutoff: c, SO: so, SupportType: st}
				}
				sum.SelectedOperations += v.SelectedOperations
				sum.EligibleCost += v.EligibleCost
				sum.PublicEligibleCost += v.PublicEligibleCost
				sum.EUContribution += v.EUContribution
				sum.Declared += v.Declared
				sum.Allocation += v.Allocation
				sum.TotalAllocation += v.TotalAllocation
				rows = append(rows, v)
				res.Financial = append(res.Financial, v)
			}
			sum.CofinancingRate, sum.SelectedOfAllocation, sum.DeclaredOfAllocation = pctOf(750), pctOf(101), pctOf(int64(i))
			res.Financial = append(res.Financial, sum)
			// Table 2: the first intervention field takes the specific actions, the second the
			// rest; one type of action and one modality take everything.
			fields := map[domain.SO][2]string{1: {"002", "001"}, 2: {"010", "007"}}[so]
			split := [2]metrics.InterventionValue{}
			for k, v := range rows {
				part := &split[min(k, 1)]
				part.SelectedOperations += v.SelectedOperations
				part.EligibleCost += v.EligibleCost
				part.PublicEligibleCost += v.PublicEligibleCost
				part.EUContribution += v.EUContribution
				part.Declared += v.Declared
			}
			whole := metrics.InterventionValue{Cutoff: c, SO: so, SelectedOperations: sum.SelectedOperations, EligibleCost: sum.EligibleCost,
				PublicEligibleCost: sum.PublicEligibleCost, EUContribution: sum.EUContribution, Declared: sum.Declared}
			for n, code := range fields {
				v := split[n]
				v.Cutoff, v.SO, v.Dimension, v.Code = c, so, catalogue.DimInterventionField, code
				res.ByIntervention = append(res.ByIntervention, v)
			}
			toa, mod := whole, whole
			toa.Dimension, toa.Code = catalogue.DimTypeOfAction, "002"
			mod.Dimension, mod.Code = catalogue.DimImplementationModality, "000"
			res.ByIntervention = append(res.ByIntervention, mod, toa)
		}
		res.Financial = append(res.Financial, metrics.FinancialValue{Cutoff: c, SO: 0, SupportType: "all",
			Allocation: domain.MustEuros("5914675.08"), TotalAllocation: domain.MustEuros("5914675.08"),
			CofinancingRate: pctOf(1000), SelectedOfAllocation: pctOf(0), DeclaredOfAllocation: pctOf(0), PlanBasis: "derived: 6 % (assumed)"})
		if c.Date.Time().Month() == 12 && c.Date.Year() >= 2024 {
			due := domain.NewDate(c.Date.Year()+1, 1, 31)
			for n, so := range []string{"all", "1", "2"} {
				res.Forecast = append(res.Forecast, metrics.ForecastValue{DueDate: due, Cutoff: c, SO: so, Year: due.Year(), NextYear: due.Year() + 1,
					CurrentYear: domain.Cents(int64(3-n) * 100001), Next: domain.Cents(int64(3-n) * 7), Operations: int64(3 - n)})
			}
		}
	}
	last := cs[3]
	res.Projections = []metrics.Projection{
		{Cutoff: last, SO: 1, Indicator: "O.1.1", Achieved: 40, Projected: 70, Target2029: ptr(1200), OnTrack: false, Method: "linear"},
		{Cutoff: last, SO: 2, Indicator: "O.2.3", Achieved: 100, Projected: 175, Target2029: ptr(3), OnTrack: true, Method: "linear"},
		{Cutoff: last, SO: 1, Indicator: "O.1.1.1", Achieved: 60, Projected: 105, Method: "linear"},
		{Cutoff: cs[2], SO: 1, Indicator: "O.1.1", Achieved: 1, Projected: 2, Target2029: ptr(1200), Method: "linear"},
	}
	addAPRFixture(res)
	return res
}

var testMeta = Meta{CodeVersion: "v0.1.0-test", DataAsOf: "20260101T000000Z-abc", DataAsOfTime: domain.NewDate(2026, 1, 1).Time(),
	Operations: testOperations}
