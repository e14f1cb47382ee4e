package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"mittari/domain"
	"mittari/metrics"
)

func boolPtr(b bool) *bool { return &b }

// addAPRFixture adds hand-made annual performance reports (the first, due 2023, and the one
// due 2026, whose milestone is judged) and open data (every marker) to res: whatever the marts
// would say, since export only formats. The list of operations is testOperations.
func addAPRFixture(res *metrics.Results) {
	first, later := domain.Cutoff{Date: domain.MustDate("2022-06-30")}, domain.Cutoff{Date: domain.MustDate("2025-06-30")}
	apr := &metrics.APR{Years: []int{2023, 2026}}
	for _, y := range []struct {
		report int
		c      domain.Cutoff
		step   int64
	}{{2023, first, 1}, {2026, later, 7}} {
		judged := y.report >= 2026
		o11 := metrics.APRProgress{Report: y.report, Cutoff: y.c, SO: 1, Indicator: "O.1.1", Kind: domain.KindOutput, Unit: "participants",
			Selected: 40 * y.step, Achieved: 6 * y.step, AchievedInYear: 6, Milestone2024: ptr(10), MilestonePct: pctOf(600 * y.step),
			Target2029: ptr(100), TargetPct: pctOf(60 * y.step), SelectedPct: pctOf(400 * y.step), Projected: ptr(36 * y.step), OnTrack: boolPtr(y.step > 2)}
		if judged {
			o11.AchievedAtMilestone, o11.MilestoneMet = ptr(12), boolPtr(true)
		}
		r28 := metrics.APRProgress{Report: y.report, Cutoff: y.c, SO: 2, Indicator: "R.2.8", Kind: domain.KindResult, Unit: "participants",
			Selected: 12, Achieved: 11 * y.step, AchievedInYear: 11, TargetPct: pctOf(2444), SelectedPct: pctOf(2400),
			Result: &metrics.ResultMeasure{Baseline: 10, BaselineUnit: "share", ReferenceYear: 2020, TargetType: "share", Denominator: "O.2.3.1",
				TargetSharePct: ptr(50), DenominatorAchieved: 9 * y.step, AchievedShare: pctOf(1222), Basis: "assumed"}}
		r44 := metrics.APRProgress{Report: y.report, Cutoff: y.c, SO: 4, Indicator: "R.4.4", Kind: domain.KindResult, Unit: "persons",
			Selected: 100, Achieved: 30 * y.step, AchievedInYear: 30, Target2029: ptr(900), TargetPct: pctOf(33 * y.step),
			Projected: ptr(120), OnTrack: boolPtr(false),
			Result: &metrics.ResultMeasure{BaselineUnit: "number", ReferenceYear: 2021, TargetType: "number", Basis: "assumed"}}
		apr.Progress = append(apr.Progress, o11, r28, r44)

		var all metrics.FinancialValue
		all.Cutoff, all.SO, all.SupportType, all.PlanBasis = y.c, 1, "all", "derived"
		for k, st := range []string{"project", "operating", "specific_action"} {
			v := metrics.FinancialValue{Cutoff: y.c, SO: 1, SupportType: st, SelectedOperations: int64(2 - k%2),
				EligibleCost: domain.Cents(100000001 * y.step), PublicEligibleCost: domain.Cents(100000001*y.step - 1), EUContribution: domain.Cents(75000001 * y.step),
				Declared: domain.Cents(1234567 * y.step), Allocation: domain.MustEuros("21796298.77"), TotalAllocation: domain.MustEuros("29061731.69"),
				CofinancingRate: pctOf(750), SelectedOfAllocation: pctOf(34 * y.step), DeclaredOfAllocation: pctOf(y.step), DeclaredOfEligibleCost: pctOf(12), PlanBasis: "derived"}
			if st == "specific_action" {
				v = metrics.FinancialValue{Cutoff: y.c, SO: 1, SupportType: st}
			}
			all.SelectedOperations += v.SelectedOperations
			all.EligibleCost += v.EligibleCost
			all.PublicEligibleCost += v.PublicEligibleCost
			all.EUContribution += v.EUContribution
			all.Declared += v.Declared
			all.Allocation += v.Allocation
			all.TotalAllocation += v.TotalAllocation
			apr.Financial = append(apr.Financial, metrics.APRFinancial{Report: y.report, FinancialValue: v, SelectedInYear: v.SelectedOperations / 2, DeclaredInYear: v.Declared / 3})
		}
		all.CofinancingRate = pctOf(818)
		apr.Financial = append(apr.Financial, metrics.APRFinancial{Report: y.report, FinancialValue: all, SelectedInYear: 1, DeclaredInYear: all.Declared / 3},
			metrics.APRFinancial{Report: y.report, FinancialValue: metrics.FinancialValue{Cutoff: y.c, SO: 0, SupportType: "all",
				Allocation: domain.MustEuros("5914675.08"), TotalAllocation: domain.MustEuros("5914675.08"), CofinancingRate: pctOf(1000), PlanBasis: "derived: 6 % (assumed)"}})
		// Not in the order the report states them: export puts them in it.
		apr.SO4 = append(apr.SO4,
			metrics.APRSO4{Report: y.report, Cutoff: y.c, Count: "transferred", Indicator: "R.4.3", Unit: "persons", InYear: 0, Cumulative: y.step},
			metrics.APRSO4{Report: y.report, Cutoff: y.c, Count: "resettled", Indicator: "R.4.4", Unit: "persons", InYear: 30, Cumulative: 30 * y.step},
			metrics.APRSO4{Report: y.report, Cutoff: y.c, Count: "admitted", Indicator: "R.4.5", Unit: "persons", InYear: 2, Cumulative: 2 * y.step})
		apr.Issues = append(apr.Issues,
			metrics.APRIssue{Report: y.report, Cutoff: y.c, Issue: "reports_missing", Subject: "1", SO: 1, Value: 1, Reference: ptr(4), Pct: pctOf(750),
				Projects: []string{"P3", "P9"}, Evidence: "1 of the 4 half-year reports expected by " + y.c.String() + " have not been received (75.0 % received): P3, P9."},
			metrics.APRIssue{Report: y.report, Cutoff: y.c, Issue: "measure_without_operation", Subject: "3A", SO: 3,
				Evidence: "no operation of measure 3A (SO 3) has been selected by " + y.c.String() + "."})
	}
	res.APR = apr

	last := domain.Cutoff{Date: domain.MustDate("2025-12-31")}
	res.OpenData = []metrics.OpenDataCell{
		{Cutoff: last, SO: 1, Indicator: "O.1.1", Unit: "participants", Selected: 945, Published: "14"},
		{Cutoff: last, SO: 1, Indicator: "O.1.1", Unit: "participants", Action: "1A1", Selected: 900, Published: "<5", Suppression: "primary"},
		{Cutoff: last, SO: 1, Indicator: "O.1.1", Unit: "participants", Action: "OS1", Selected: 45, Published: "..", Suppression: "secondary"},
		{Cutoff: last, SO: 2, Indicator: "O.2.3", Unit: "participants", Selected: 20, Published: "..", Suppression: "primary"},
		{Cutoff: last, SO: 2, Indicator: "O.2.3", Unit: "participants", Action: "2A1", Selected: 10, Published: "<5", Suppression: "primary"},
		{Cutoff: last, SO: 2, Indicator: "O.2.3", Unit: "participants", Action: "2A2", Selected: 10, Published: "<5", Suppression: "primary"},
		{Cutoff: last, SO: 4, Indicator: "R.4.4", Unit: "persons", Selected: 100, Published: "97"},
	}
}

// fixtureLast is the latest cut-off of the fixture.
var fixtureLast = domain.Cutoff{Date: domain.MustDate("2025-12-31")}

// testOperations is the fixture's list of operations (a title that is a formula, a beneficiary
// not named, indicators), as the marts would give it.
var testOperations = operationSlice{
	{Cutoff: fixtureLast, ProjectID: "AMIF-2023-001", Title: "=cmd|' /C calc'!A0", Beneficiary: "Helsinki, \"City\"", BeneficiaryPublished: true,
		BeneficiaryType: "municipality", Action: "1A1", SO: 1, Status: "ongoing", Start: domain.MustDate("2023-01-01"), End: domain.MustDate("2026-12-31"),
		SelectedOn: domain.MustDate("2022-12-14"), TotalCost: domain.MustEuros("1309333.33"), EUContribution: domain.MustEuros("982000.00"),
		CofinancingRate: pctOf(750), Fund: "AMIF", Country: "FI", Location: "FI", Codes: [3]string{"002", "002", "000"},
		Indicators: []metrics.OperationIndicator{{Indicator: "O.1.1", Target: 900, Achieved: 674}, {Indicator: "O.1.1.1", Target: 700, Achieved: 465}}},
	{Cutoff: fixtureLast, ProjectID: "AMIF-2024-002", Title: "Language café, Vantaa\n<script>", BeneficiaryType: "university", Action: "2A1", SO: 2,
		Status: "completed", EndActual: true, Start: domain.MustDate("2024-03-01"), End: domain.MustDate("2025-02-28"), SelectedOn: domain.MustDate("2024-02-15"),
		TotalCost: domain.MustEuros("510000.00"), EUContribution: domain.MustEuros("382500.00"), CofinancingRate: pctOf(750),
		Fund: "AMIF", Country: "FI", Location: "FI", Codes: [3]string{"010", "011", "000"}},
}

// operationSlice is a list of operations held in memory (metrics.OperationList).
type operationSlice []metrics.ListedOperation

func (s operationSlice) Digest() (string, error) {
	b, err := json.Marshal(s)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), err
}

func (s operationSlice) Each(fn func(*metrics.ListedOperation) error) error {
	for _, v := range s {
		if err := fn(&v); err != nil {
			return err
		}
	}
	return nil
}
