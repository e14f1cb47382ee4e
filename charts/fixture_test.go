package charts

import (
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

func ptr(v int64) *int64 { return &v }

func testCatalogue(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	cat, err := catalogue.New(catalogue.Parts{
		SOs: []catalogue.SpecificObjective{{SO: 1, NameEN: "Common European Asylum System"},
			{SO: 2, NameEN: "Legal migration and integration <b>&</b>"}},
		Indicators: []catalogue.Indicator{
			{Code: "O.1.1", SO: 1, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported"},
			{Code: "O.1.1.1", SO: 1, Kind: domain.KindOutput, Parent: "O.1.1", Unit: "participants", NameEN: "participants who received legal assistance"},
			{Code: "O.1.2", SO: 1, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants in training activities"},
			{Code: "R.1.5", SO: 1, Kind: domain.KindResult, Unit: "participants", NameEN: "Participants who consider the training useful"},
			{Code: "O.2.3", SO: 2, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported"},
			{Code: "R.2.10", SO: 2, Kind: domain.KindResult, Unit: "participants", NameEN: "Applied for recognition of qualifications"},
		},
		GoalsNote:         "ILLUSTRATIVE: milestones and targets are placeholders until the adopted values are entered.",
		GoalsIllustrative: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func testInput(t testing.TB) Input {
	cs := []domain.Cutoff{
		{Date: domain.MustDate("2024-06-30")}, {Date: domain.MustDate("2024-12-31")},
		{Date: domain.MustDate("2025-06-30")}, {Date: domain.MustDate("2025-08-31")},
	}
	res := &metrics.Results{Cutoffs: cs, GoalsIllustrative: true,
		GoalsNote:   "ILLUSTRATIVE: milestones and targets are placeholders until the adopted values are entered.",
		PlanDerived: true, PlanNote: "DERIVED: the national shares follow from the co-financing rates."}
	type ind struct {
		code              string
		so                domain.SO
		kind              domain.IndicatorKind
		milestone, target *int64
		perCutoff         int64
	}
	inds := []ind{
		{"R.2.10", 2, domain.KindResult, nil, ptr(200), 9},
		{"O.1.1", 1, domain.KindOutput, ptr(400), ptr(1600), 120},
		{"O.1.1.1", 1, domain.KindOutput, nil, nil, 40},
		{"O.1.2", 1, domain.KindOutput, ptr(100), ptr(800), 25},
		{"R.1.5", 1, domain.KindResult, nil, ptr(300), 18},
		{"O.2.3", 2, domain.KindOutput, ptr(300), ptr(2000), 150},
	}
	for i, c := range cs[:3] { // indicators only at June and December
		for _, d := range inds {
			res.Indicators = append(res.Indicators, metrics.IndicatorValue{Cutoff: c, SO: d.so,
				Indicator: d.code, Kind: d.kind, Unit: "participants", Selected: d.perCutoff * 10,
				Achieved: d.perCutoff * int64(i+1), Milestone2024: d.milestone, Target2029: d.target})
		}
	}
	for _, d := range inds {
		if d.kind == domain.KindOutput && d.code != "O.1.1.1" {
			projected := d.perCutoff * 3 * 9
			res.Projections = append(res.Projections, metrics.Projection{Cutoff: cs[2], SO: d.so,
				Indicator: d.code, Achieved: d.perCutoff * 3, Projected: projected, Target2029: d.target,
				OnTrack: d.target != nil && projected >= *d.target, Method: "linear",
				Explanation: "average pace since the first report, continued to 2029-12-31"})
		}
	}
	for _, c := range cs {
		for _, so := range []domain.SO{1, 2} {
			for k, st := range []string{"all", "project", "operating", "specific_action"} {
				mult := int64(4 - k)
				if k == 0 {
					mult = 6
				}
				res.Financial = append(res.Financial, metrics.FinancialValue{Cutoff: c, SO: so, SupportType: st,
					SelectedOperations: mult * 3, EligibleCost: domain.Cents(mult * 150000000),
					EUContribution: domain.Cents(mult * 112500000), Declared: domain.Cents(mult * 40000000 * int64(so)),
					Allocation: domain.Cents(mult * 800000099)})
			}
		}
	}
	res.Consistency = []metrics.ConsistencyFinding{
		{Cutoff: cs[3], Rule: "R-ofwhich-O.1.1.1", Severity: domain.SeverityError, Lesser: "O.1.1.1", Greater: "O.1.1",
			LesserValue: 130, GreaterValue: 120, Message: "O.1.1.1 (130) exceeds O.1.1 (120)"},
		{Cutoff: cs[3], Rule: "R-result-R.1.5", Severity: domain.SeverityWarning, Lesser: "R.1.5", Greater: "O.1.2",
			LesserValue: 80, GreaterValue: 75, Message: "R.1.5 above O.1.2: results measured later?"},
		{Cutoff: cs[0], Rule: "R-old", Severity: domain.SeverityWarning, Lesser: "R.1.5", Greater: "O.1.2"},
	}
	res.Completeness = []metrics.Completeness{
		{Cutoff: cs[3], SO: 2, Expected: 7, Received: 5, Late: 1, Missing: []string{"AMIF-2024-031", "AMIF-2023-002"}},
		{Cutoff: cs[3], SO: 1, Expected: 12, Received: 12},
	}
	res.PreviousRun, res.PreviousAsOf = "20250805T020000Z-77c1", time.Date(2025, 8, 5, 2, 0, 0, 0, time.UTC)
	res.Changes = []metrics.Change{
		{Cutoff: cs[2], SO: 1, Figure: "O.1.1", Before: "300", After: "360", Reports: []string{"AMIF-2023-014 2025-01-01..2025-06-30 v2025-07-20T10:15:00+03:00"}},
		{Cutoff: cs[3], SO: 2, Figure: "declared_expenditure_eur", Before: "1000.00", After: "1250.40", Reports: []string{"AMIF-2024-001 2025-01-01..2025-06-30"}},
	}
	return Input{
		Results:   res,
		Catalogue: testCatalogue(t),
		Run: RunInfo{ID: "20250905T020000Z-3f2a", AsOf: time.Date(2025, 9, 5, 2, 0, 0, 0, time.UTC),
			FilesRead: 42, FilesAccepted: 40, FilesRejected: 2, ReportsAccepted: 61, ReportsRejected: 3},
		Findings: []domain.Finding{
			{Rule: "value.integer", Severity: domain.SeverityError, Report: "AMIF-2023-014 2025-01-01..2025-06-30",
				Place: domain.Place{File: "reports/2025/<script>alert(1)</script>.csv", Line: 4, Column: "value"},
				Value: "12,5", Message: "value \"12,5\" is not a whole number"},
			{Rule: "report.older", Severity: domain.SeverityWarning, Report: "AMIF-2024-001 2025-01-01..2025-06-30",
				Place:   domain.Place{File: "reports/late.xlsx", Sheet: "report", Cell: "F2"},
				Message: "a newer version is already in force; this one is ignored"},
		},
	}
}
