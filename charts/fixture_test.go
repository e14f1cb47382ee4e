package charts

import (
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/testcat"
	"mittari/metrics"
)

func ptr(v int64) *int64 { return &v }

func pm(v int64) metrics.Pct { return metrics.Pct{Tenths: v, Valid: true} }

func pct(v int64) metrics.Pct { return metrics.Pct{Tenths: v, Valid: true} }

// hostileTitle is a project title that tries every way out of its text: markup, an attribute,
// a spreadsheet formula, right-to-left text and emoji. It must reach every page as text.
const hostileTitle = `<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">=HYPERLINK("http://x") שלום 🚀`

// testCatalogue is the shared test catalogue (internal/testcat) with what only the site shows
// added: markup in SO 2's name (it must reach every page as text), names for action 1A1 and
// measure 1A, official Finnish names for SO 1 only (SO 2's is a suggestion the site must not
// use), an indicator with no goals (O.1.3) and the amounts of a call.
func testCatalogue(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	p := testcat.Parts()
	p.SOs[1].NameEN += " <b>&</b>"
	p.Measures[0].NameEN = "Uniform application"
	p.Actions[0].NameEN, p.Actions[0].NameSV = "Asylum procedure", "Asylförfarandet"
	p.Indicators = append(p.Indicators, catalogue.Indicator{Code: "O.1.3", SO: 1, Kind: domain.KindOutput, Unit: "places",
		NameEN: "Number of newly created places in reception infrastructure"})
	p.Calls = []catalogue.CallAmount{
		{SO: 1, Code: "1A", Call: "2026-autumn", Amount: domain.MustEuros("1200000.00")},
		{SO: 1, Code: "total", Call: "2026-autumn", Amount: domain.MustEuros("1200000.00")},
	}
	p.NamesFI = []catalogue.LocalName{
		{Kind: catalogue.NameSO, Code: "1", Name: "Euroopan yhteinen turvapaikkajärjestelmä", Official: true, Source: "test"},
		{Kind: catalogue.NameSO, Code: "2", Name: "Ehdotus, ei virallinen", Official: false, Source: "no official Finnish name found"},
	}
	cat, err := catalogue.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// testInput is a small inbox's figures at three cut-offs, with every kind of row the site
// shows: statuses of each kind, money, an outstanding rejection, a heatmap, lineage rows and two
// projects with report versions (one of them with the hostile title).
func testInput(t testing.TB) Input {
	cs := []domain.Cutoff{{Date: domain.MustDate("2024-12-31")}, {Date: domain.MustDate("2025-06-30")}, {Date: domain.MustDate("2025-08-31")}}
	lineage := cs[2]
	res := &metrics.Results{AsOf: time.Date(2025, 9, 5, 2, 0, 0, 0, time.UTC), Cutoffs: cs, GoalsIllustrative: true,
		GoalsNote:   "ILLUSTRATIVE: milestones and targets are placeholders until the adopted values are entered.",
		PlanDerived: true, PlanNote: "DERIVED: the national shares follow from the co-financing rates.",
		PreviousRun: "20250805T020000Z", PreviousAsOf: time.Date(2025, 8, 5, 2, 0, 0, 0, time.UTC)}
	site := &metrics.Site{LineageCutoff: lineage, CompletenessCutoff: lineage}
	type ind struct {
		code              string
		so                domain.SO
		main              bool
		milestone, target *int64
		per               int64
		status            metrics.Status
	}
	inds := []ind{
		{"O.1.1", 1, true, ptr(400), ptr(1600), 420, metrics.OnTrack},
		{"O.1.1.1", 1, false, nil, nil, 40, metrics.NotAssessed},
		{"O.1.3", 1, true, ptr(20), ptr(60), 3, metrics.AtRisk},
		{"O.2.3", 2, true, ptr(300), ptr(2000), 150, metrics.Behind},
		{"R.2.10", 2, true, nil, ptr(200), 9, metrics.OnTrack},
	}
	for i, c := range cs {
		for _, d := range inds {
			achieved := d.per * int64(i+1)
			v := metrics.IndicatorValue{Cutoff: c, SO: d.so, Indicator: d.code, Selected: d.per * 10, Achieved: achieved,
				Milestone2024: d.milestone, Target2029: d.target}
			res.Indicators = append(res.Indicators, v)
			p := metrics.IndicatorProgress{Cutoff: c, SO: d.so, Indicator: d.code, Main: d.main, Selected: d.per * 10,
				Achieved: achieved, Milestone2024: d.milestone, Target2029: d.target, Projected: ptr(achieved * 4),
				MilestoneCheck: cs[0], AchievedAtMilestoneCheck: ptr(d.per), Status: d.status}
			if d.target != nil {
				p.AchievedOfTarget, p.ProjectedOfTarget = pm(achieved*1000 / *d.target), pm(achieved*4000 / *d.target)
				p.SelectedOfTarget = pm(d.per * 10000 / *d.target)
			}
			if d.milestone != nil {
				p.AchievedOfMilestone = pm(d.per * 1000 / *d.milestone)
			}
			site.Progress = append(site.Progress, p)
		}
		site.SOStatus = append(site.SOStatus,
			metrics.SOStatus{Cutoff: c, SO: 1, Assessed: 2, OnTrack: 1, AtRisk: 1, Status: metrics.AtRisk},
			metrics.SOStatus{Cutoff: c, SO: 2, Assessed: 2, OnTrack: 1, Behind: 1, Status: metrics.Behind})
		// Table 1: SO 1 and 2 per support type and all, technical assistance, and the programme.
		var programme metrics.FinanceProgress
		for _, so := range []domain.SO{1, 2} {
			for k, st := range []string{"project", "operating", "specific_action", "all"} {
				mult := int64(k + 1)
				f := metrics.FinanceProgress{Cutoff: c, SOCode: itoa(int(so)), SO: so, SupportType: st, SelectedOperations: mult * 2,
					EligibleCost: domain.Cents(mult * 150000000), PublicEligibleCost: domain.Cents(mult * 140000000),
					EUContribution: domain.Cents(mult * 112500000), Declared: domain.Cents(mult*40000000*int64(i+1) + 89),
					Allocation: domain.Cents(mult * 735933333), TotalAllocation: domain.Cents(mult * 981244444),
					CofinancingRate: pct(750), SelectedOfTotal: pct(153), DeclaredOfTotal: pct(54 * int64(i+1)), PlanBasis: "derived"}
				if st == "specific_action" {
					f.Allocation, f.TotalAllocation, f.CofinancingRate, f.SelectedOfTotal, f.DeclaredOfTotal = 0, 0, metrics.Pct{}, metrics.Pct{}, metrics.Pct{}
				}
				if st == "all" {
					programme.SelectedOperations += f.SelectedOperations
					programme.EligibleCost += f.EligibleCost
					programme.Declared += f.Declared
					programme.Allocation += f.Allocation
					programme.TotalAllocation += f.TotalAllocation
				}
				site.Finance = append(site.Finance, f)
			}
		}
		ta := metrics.FinanceProgress{Cutoff: c, SOCode: "TA", SupportType: "all", Allocation: 41234567, TotalAllocation: 41234567,
			CofinancingRate: pct(1000), SelectedOfTotal: pct(0), DeclaredOfTotal: pct(0), PlanBasis: "derived: 6 %"}
		programme.Allocation += ta.Allocation
		programme.TotalAllocation += ta.TotalAllocation
		programme.Cutoff, programme.SOCode, programme.SupportType = c, metrics.FinanceProgramme, "all"
		programme.CofinancingRate, programme.SelectedOfTotal, programme.DeclaredOfTotal = pct(752), pct(147), pct(31*int64(i+1))
		site.Finance = append(site.Finance, ta, programme)
		// Table 2: SO 1 by its three dimensions, one code unverified, one Mittari's own.
		for _, v := range []struct{ dim, code string }{{"intervention_field", "001"}, {"intervention_field", "002"},
			{"type_of_action", "002"}, {"implementation_modality", "000"}} {
			res.ByIntervention = append(res.ByIntervention, metrics.InterventionValue{Cutoff: c, SO: 1, Dimension: v.dim, Code: v.code,
				SelectedOperations: 3, EligibleCost: 250000000, PublicEligibleCost: 240000000, EUContribution: 187500000, Declared: 12345678})
		}
		if c.Date.Time().Month() == 6 || c.Date.Time().Month() == 12 {
			due := domain.MustDate(itoa(c.Date.Time().Year()) + "-07-31")
			if c.Date.Time().Month() == 12 {
				due = domain.MustDate(itoa(c.Date.Time().Year()+1) + "-01-31")
			}
			y := due.Time().Year()
			for _, so := range []string{"1", "2", "all"} {
				res.Forecast = append(res.Forecast, metrics.ForecastValue{DueDate: due, Cutoff: c, SO: so, Year: y, NextYear: y + 1,
					CurrentYear: 123456789, Next: 98765432, Operations: 4})
			}
		}
		site.CompletenessTotals = append(site.CompletenessTotals,
			metrics.CompletenessTotal{Cutoff: c, SO: 1, Expected: 4, Received: 3, Late: 1, Missing: 1},
			metrics.CompletenessTotal{Cutoff: c, SO: 0, Expected: 4, Received: 3, Late: 1, Missing: 1})
		res.Breakdowns = append(res.Breakdowns,
			metrics.IndicatorBreakdown{Cutoff: c, SO: 1, Indicator: "O.1.1", Dimension: "action", Member: "1A1", Selected: 4200, Achieved: 420 * int64(i+1)},
			metrics.IndicatorBreakdown{Cutoff: c, SO: 1, Indicator: "O.1.1", Dimension: "beneficiary_type", Member: "ngo", Selected: 4200, Achieved: 420 * int64(i+1)})
	}
	res.Consistency = []metrics.ConsistencyFinding{{Cutoff: lineage, Rule: "OW-O.1.1.1", Severity: domain.SeverityError, Lesser: "O.1.1.1",
		Greater: "O.1.1", Basis: "achieved", LesserValue: 130, GreaterValue: 120}}
	res.Changes = []metrics.Change{{Cutoff: lineage, SO: 1, Figure: "O.1.1", Before: "840", After: "1260",
		Reports: []string{"AMIF-2024-001 2025-01-01..2025-06-30"}}}
	site.Intake = []metrics.RunIntake{
		{RunID: "20250905T020000Z", StartedAt: res.AsOf, Versions: 3, NewReports: 2, Corrections: 1, Projects: 2, RejectedReports: 1},
		{RunID: "20250805T020000Z", StartedAt: res.PreviousAsOf, Versions: 4, NewReports: 4, Projects: 2, Register: true},
	}
	site.LatestVersions = []metrics.IntakeVersion{{ProjectID: "AMIF-2024-001", PeriodStart: domain.MustDate("2025-01-01"),
		PeriodEnd: domain.MustDate("2025-06-30"), SubmittedAt: "2025-07-20T10:15:00+03:00", SourceFile: "reports/2025/h1.csv", Correction: true}}
	site.LatestVersionsTotal = 3
	site.Rejections = []metrics.Rejection{{Kind: "report", Subject: "AMIF-2024-002 2025-01-01..2025-06-30", ProjectID: "AMIF-2024-002",
		PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30"), Rejections: 2,
		LastRejectedAt: res.AsOf, SourceFile: "reports/2025/<script>alert(1)</script>.csv",
		Findings: []metrics.StoredFinding{{Rule: "value.integer", Severity: domain.SeverityError, Place: "reports/2025/x.csv:4 column value",
			Value: "12,5", Message: `value "12,5" is not a whole number`}}, FindingsTotal: 3}}
	site.RejectionsTotal = 2
	site.Warnings = []metrics.StoredFinding{{IngestedAt: res.AsOf, Report: "AMIF-2024-001 2025-01-01..2025-06-30", Rule: "report.older",
		Severity: domain.SeverityWarning, Place: "reports/late.xlsx: sheet \"report\" cell F2", Message: "a newer version is already in force"}}
	site.WarningsTotal = 1
	h1, h2 := domain.MustDate("2024-07-01"), domain.MustDate("2025-01-01")
	site.Completeness = []metrics.CompletenessRow{
		{ProjectID: "AMIF-2024-002", SO: 1, Missing: 1, Late: 1, Cells: []metrics.CompletenessCell{
			{HalfStart: h1, HalfEnd: domain.MustDate("2024-12-31"), State: "late"}, {HalfStart: h2, HalfEnd: domain.MustDate("2025-06-30"), State: "missing"}}},
		{ProjectID: "AMIF-2024-001", SO: 1, OnTime: 1, Cells: []metrics.CompletenessCell{
			{HalfStart: h1, HalfEnd: domain.MustDate("2024-12-31"), State: "on_time"}, {HalfStart: h2, HalfEnd: domain.MustDate("2025-06-30"), State: "not_due"}}},
	}
	site.CompletenessProjects = 5
	site.IndicatorRows = []metrics.IndicatorMember{
		{Indicator: "O.1.1", ProjectID: "AMIF-2024-001", Selected: 3000, Achieved: 900},
		{Indicator: "O.1.1", ProjectID: "AMIF-2024-002", Selected: 1200, Achieved: 360}}
	site.IndicatorCounts = []metrics.IndicatorMemberCount{{Indicator: "O.1.1", Projects: 7}}
	for _, c := range cs {
		site.Operations = append(site.Operations, metrics.Operation{Cutoff: c, SO: 1, SupportType: "project", ProjectID: "AMIF-2024-001", Action: "1A1",
			EligibleCost: domain.MustEuros("1500000.00"), EUContribution: domain.MustEuros("1125000.00")})
		site.OperationCounts = append(site.OperationCounts, metrics.OperationCount{Cutoff: c, SO: 1, SupportType: "project", Operations: 2})
	}
	res.ForecastMethod = "For every operation selected by the cut-off: its EU contribution not yet declared, at its own pace."
	site.Projects = []metrics.ProjectDetail{
		{ID: "AMIF-2024-001", Title: hostileTitle, Beneficiary: "Kieliverkko ry", BeneficiaryType: "ngo", Action: "1A1", SO: 1,
			SupportType: "project", Start: domain.MustDate("2024-01-01"), End: domain.MustDate("2026-12-31"),
			SelectedOn: domain.MustDate("2023-12-01"), Status: "ongoing", EligibleCost: domain.MustEuros("1500000.00"),
			EUContribution: domain.MustEuros("1125000.00"), Declared: domain.MustEuros("1234567.89"),
			Indicators: []metrics.ProjectIndicator{{Indicator: "O.1.1", Target: ptr(3000), Achieved: 900, AchievedOfTarget: pm(300)},
				{Indicator: "O.1.1.1", Achieved: 40}},
			Versions: []metrics.ProjectVersion{
				{Hash: "aaaa1111bbbb2222", PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30"),
					SubmittedAt: "2025-07-10T10:15:00+03:00", IngestedAt: res.PreviousAsOf, RunID: "20250805T020000Z",
					SourceFile: "reports/2025/h1.csv", Place: "line 2", Outcome: "superseded", By: "cccc3333dddd4444",
					Changes: []metrics.ItemChange{{Item: "O.1.1", After: ptr(400)}, {Item: "expenditure_eur", After: ptr(1825040)}}},
				{Hash: "cccc3333dddd4444", PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30"),
					SubmittedAt: "2025-07-20T10:15:00+03:00", IngestedAt: res.AsOf, RunID: "20250905T020000Z",
					SourceFile: "reports/2025/h1-fix.csv", Place: "line 2", Outcome: "in_force",
					Changes: []metrics.ItemChange{{Item: "O.1.1", Before: ptr(400), After: ptr(420)}, {Item: "O.1.1.1", Before: ptr(3)}}},
			}},
		{ID: "AMIF-2024-002", Title: "Kotoutumisen tuki – Integration support", Beneficiary: "Espoo", BeneficiaryType: "municipality",
			Action: "2A1", SO: 2, SupportType: "project", Start: domain.MustDate("2024-01-01"), End: domain.MustDate("2025-12-31"),
			SelectedOn: domain.MustDate("2024-01-01"), Status: "completed", EligibleCost: domain.MustEuros("800000.00"),
			EUContribution: domain.MustEuros("600000.00"),
			Reports: []metrics.ProjectReportStatus{{PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30"),
				Status: "outstanding", Rejections: 2, LastRejectedAt: res.AsOf}}},
	}
	site.ProjectsTotal = 2
	res.Site = site
	return Input{
		Results:   res,
		Catalogue: testCatalogue(t),
		Run: RunInfo{ID: "20250905T020000Z", AsOf: res.AsOf, NewData: true, FilesRead: 42, FilesAccepted: 40, FilesRejected: 2,
			ReportsAccepted: 61, ReportsRejected: 3},
		Findings: []domain.Finding{
			{Rule: "value.integer", Severity: domain.SeverityError, Report: "AMIF-2024-002 2025-01-01..2025-06-30",
				Place: domain.Place{File: "reports/2025/<script>alert(1)</script>.csv", Line: 4, Column: "value"},
				Value: "12,5", Message: "value \"12,5\" is not a whole number"},
		},
		Demo: true,
	}
}
