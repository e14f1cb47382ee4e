package metrics

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
)

func ptr64(v int64) *int64 { return &v }

func testCatalogue(t *testing.T) *catalogue.Catalogue {
	t.Helper()
	c, err := catalogue.New(catalogue.Parts{
		SOs:      []catalogue.SpecificObjective{{SO: 1}, {SO: 2}},
		Measures: []catalogue.Measure{{Code: "1A", SO: 1}, {Code: "2A", SO: 2}},
		Actions: []catalogue.Action{
			{Code: "1A1", SO: 1, Measure: "1A", SupportType: domain.SupportProject, CofinancingPct: 75, Indicators: []string{"O.1.1", "O.2.3"}},
			{Code: "OS1", SO: 1, SupportType: domain.SupportOperating, CofinancingPct: 100},
			{Code: "2A1", SO: 2, Measure: "2A", SupportType: domain.SupportProject, CofinancingPct: 75, Indicators: []string{"O.2.3"}},
		},
		Indicators: []catalogue.Indicator{
			{Code: "O.1.1", SO: 1, Kind: domain.KindOutput, Unit: "participants"},
			{Code: "O.1.1.1", SO: 1, Kind: domain.KindOutput, Parent: "O.1.1", Unit: "participants"},
			{Code: "O.2.3", SO: 2, Kind: domain.KindOutput, Unit: "participants"},
			{Code: "R.2.10", SO: 2, Kind: domain.KindResult, Unit: "participants"},
			{Code: "R.2.8", SO: 2, Kind: domain.KindResult, Unit: "participants"},
		},
		Allocations: []catalogue.Allocation{
			{SO: 1, SupportType: domain.SupportProject, Amount: domain.MustEuros("1000.00")},
			{SO: 1, SupportType: domain.SupportOperating, Amount: domain.MustEuros("500.50")},
			{SO: 2, SupportType: domain.SupportProject, Amount: domain.MustEuros("2000.00")},
		},
		Goals: []catalogue.IndicatorGoal{{Indicator: "O.1.1", Milestone2024: ptr64(10), Target2029: 100}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func report(project, start, end, submitted string, items ...domain.ReportItem) domain.Report {
	ts, _ := time.Parse(time.RFC3339, submitted)
	return domain.Report{Key: domain.ReportKey{ProjectID: project, PeriodStart: domain.MustDate(start),
		PeriodEnd: domain.MustDate(end)}, SubmittedAt: ts, Items: items}
}

func ind(code string, v int64) domain.ReportItem { return domain.ReportItem{Item: code, Value: v} }
func exp(eur string) domain.ReportItem {
	return domain.ReportItem{Item: domain.ExpenditureItem, Amount: domain.MustEuros(eur)}
}

// TestOracleKnownAnswer works one small programme through the definitions by hand.
func TestOracleKnownAnswer(t *testing.T) {
	cat := testCatalogue(t)
	projects := []domain.Project{
		// P1: SO1 project grant, selected 2022-05-01; reports O.2.3 (cross-SO) as well.
		{ID: "P1", Action: "1A1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2024-12-31"),
			EligibleCost: domain.MustEuros("100.10"), EUContribution: domain.MustEuros("75.07"),
			Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-05-01")},
		// P2: cancelled: counts nowhere.
		{ID: "P2", Action: "2A1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2023-12-31"),
			EligibleCost: domain.MustEuros("50"), EUContribution: domain.MustEuros("25"),
			Status: domain.StatusCancelled, SelectedOn: domain.MustDate("2022-01-01")},
		// P3: operating support, selected late (2022-07-15).
		{ID: "P3", Action: "OS1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2023-12-31"),
			EligibleCost: domain.MustEuros("10"), EUContribution: domain.MustEuros("10"),
			Status: domain.StatusCompleted, SelectedOn: domain.MustDate("2022-07-15")},
	}
	targets := []domain.Target{{ProjectID: "P1", Indicator: "O.1.1", Value: 40}, {ProjectID: "P1", Indicator: "O.2.3", Value: 7},
		{ProjectID: "P2", Indicator: "O.2.3", Value: 99}, {ProjectID: "P3", Indicator: "O.1.1", Value: 5}}
	reports := []domain.Report{
		report("P1", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00+03:00", ind("O.1.1", 5), ind("O.2.3", 2), exp("10.01")),
		// A correction of P1's first report: replaces it whole (O.2.3 now counts 0).
		report("P1", "2022-01-01", "2022-06-30", "2022-08-01T10:00:00Z", ind("O.1.1", 6), exp("10.02")),
		// Overlaps P1's first period with a different key: rejected.
		report("P1", "2022-06-01", "2022-12-31", "2022-09-01T10:00:00Z", ind("O.1.1", 1000)),
		report("P1", "2022-07-01", "2022-12-31", "2023-01-20T10:00:00Z", ind("O.1.1", 3), ind("O.2.3", 4), exp("0.99")),
		report("P2", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00Z", ind("O.2.3", 50), exp("20")),
		report("P3", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00Z", ind("O.1.1", 1), exp("3.33")),
	}
	c1 := domain.Cutoff{Date: domain.MustDate("2022-06-30")}
	c2 := domain.Cutoff{Date: domain.MustDate("2022-12-31")}
	indicators, financial := Oracle(OracleInput{Catalogue: cat, Projects: projects, Targets: targets,
		Reports: reports, Cutoffs: []domain.Cutoff{c2, c1}})

	type iv struct {
		cutoff    string
		code      string
		sel, achv int64
	}
	var gotI []iv
	for _, v := range indicators {
		gotI = append(gotI, iv{v.Cutoff.String(), v.Indicator, v.Selected, v.Achieved})
	}
	wantI := []iv{
		{"2022-06-30", "O.1.1", 40, 6}, {"2022-06-30", "O.1.1.1", 0, 0},
		{"2022-06-30", "O.2.3", 7, 0}, {"2022-06-30", "R.2.8", 0, 0}, {"2022-06-30", "R.2.10", 0, 0},
		{"2022-12-31", "O.1.1", 45, 10}, {"2022-12-31", "O.1.1.1", 0, 0},
		{"2022-12-31", "O.2.3", 7, 4}, {"2022-12-31", "R.2.8", 0, 0}, {"2022-12-31", "R.2.10", 0, 0},
	}
	if len(gotI) != len(wantI) {
		t.Fatalf("indicators: got %v, want %v", gotI, wantI)
	}
	for i := range wantI {
		if gotI[i] != wantI[i] {
			t.Errorf("indicator row %d: got %+v, want %+v", i, gotI[i], wantI[i])
		}
	}
	if m := indicators[0].Milestone2024; m == nil || *m != 10 || *indicators[0].Target2029 != 100 {
		t.Errorf("O.1.1 goals: got %v %v", indicators[0].Milestone2024, indicators[0].Target2029)
	}
	if indicators[1].Target2029 != nil {
		t.Errorf("O.1.1.1 has no goal, got target %v", *indicators[1].Target2029)
	}

	type fv struct {
		cutoff, st                string
		so                        domain.SO
		ops                       int64
		elig, eu, declared, alloc string
	}
	var gotF []fv
	for _, v := range financial {
		gotF = append(gotF, fv{v.Cutoff.String(), v.SupportType, v.SO, v.SelectedOperations,
			v.EligibleCost.String(), v.EUContribution.String(), v.Declared.String(), v.Allocation.String()})
	}
	wantF := []fv{
		{"2022-06-30", "project", 1, 1, "100.10", "75.07", "10.02", "1000.00"},
		{"2022-06-30", "operating", 1, 0, "0.00", "0.00", "0.00", "500.50"},
		{"2022-06-30", "specific_action", 1, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-06-30", "all", 1, 1, "100.10", "75.07", "10.02", "1500.50"},
		{"2022-06-30", "project", 2, 0, "0.00", "0.00", "0.00", "2000.00"},
		{"2022-06-30", "operating", 2, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-06-30", "specific_action", 2, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-06-30", "all", 2, 0, "0.00", "0.00", "0.00", "2000.00"},
		{"2022-12-31", "project", 1, 1, "100.10", "75.07", "11.01", "1000.00"},
		{"2022-12-31", "operating", 1, 1, "10.00", "10.00", "3.33", "500.50"},
		{"2022-12-31", "specific_action", 1, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-12-31", "all", 1, 2, "110.10", "85.07", "14.34", "1500.50"},
		{"2022-12-31", "project", 2, 0, "0.00", "0.00", "0.00", "2000.00"},
		{"2022-12-31", "operating", 2, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-12-31", "specific_action", 2, 0, "0.00", "0.00", "0.00", "0.00"},
		{"2022-12-31", "all", 2, 0, "0.00", "0.00", "0.00", "2000.00"},
	}
	if len(gotF) != len(wantF) {
		t.Fatalf("financial: got %d rows %v, want %d", len(gotF), gotF, len(wantF))
	}
	for i := range wantF {
		if gotF[i] != wantF[i] {
			t.Errorf("financial row %d: got %+v, want %+v", i, gotF[i], wantF[i])
		}
	}
}

func TestCompareIndicatorCodes(t *testing.T) {
	ordered := []string{"O.1.1", "O.1.1.1", "O.1.1.2", "O.1.2", "R.1.5", "R.1.7", "R.1.7.1", "O.2.1", "R.2.8", "R.2.10", "O.3.1"}
	for i := range ordered {
		for j := range ordered {
			got := CompareIndicatorCodes(ordered[i], ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("CompareIndicatorCodes(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

// TestOracleIgnoresInputOrder: the figures are a function of the sets of projects, targets and
// report versions, never of their order (the spec's order independence, here for the oracle).
func TestOracleIgnoresInputOrder(t *testing.T) {
	cat := testCatalogue(t)
	projects := []domain.Project{
		{ID: "P1", Action: "1A1", Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-01-01"), EligibleCost: 100, EUContribution: 75},
		{ID: "P2", Action: "2A1", Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-01-01"), EligibleCost: 200, EUContribution: 150},
		{ID: "P3", Action: "OS1", Status: domain.StatusCompleted, SelectedOn: domain.MustDate("2022-09-01"), EligibleCost: 7, EUContribution: 7},
	}
	targets := []domain.Target{{ProjectID: "P1", Indicator: "O.1.1", Value: 3}, {ProjectID: "P2", Indicator: "O.2.3", Value: 4},
		{ProjectID: "P3", Indicator: "O.1.1", Value: 5}}
	reports := []domain.Report{
		report("P1", "2022-01-01", "2022-06-30", "2022-07-01T00:00:00Z", ind("O.1.1", 1), exp("1.00")),
		report("P1", "2022-01-01", "2022-06-30", "2022-07-01T00:00:00Z", ind("O.1.1", 2), exp("2.00")), // same instant: hash decides
		report("P1", "2022-03-01", "2022-08-31", "2022-09-01T00:00:00Z", ind("O.1.1", 50)),             // overlaps: rejected
		report("P2", "2022-01-01", "2022-06-30", "2022-07-02T00:00:00Z", ind("O.2.3", 3), ind("O.1.1", 9)),
		report("P2", "2022-07-01", "2022-12-31", "2023-01-02T00:00:00Z", ind("O.2.3", 1), exp("0.50")),
		report("P3", "2022-01-01", "2022-12-31", "2023-01-05T00:00:00Z", ind("O.1.1", 4), exp("3.00")),
	}
	cutoffs := domain.CutoffsThrough(domain.MustDate("2023-03-31"))
	wantI, wantF := Oracle(OracleInput{Catalogue: cat, Projects: projects, Targets: targets, Reports: reports, Cutoffs: cutoffs})
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 50; i++ {
		shuffle := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
		ps, ts, rs := slices.Clone(projects), slices.Clone(targets), slices.Clone(reports)
		cs := slices.Clone(cutoffs)
		shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		gotI, gotF := Oracle(OracleInput{Catalogue: cat, Projects: ps, Targets: ts, Reports: rs, Cutoffs: cs})
		if !reflect.DeepEqual(gotI, wantI) || !reflect.DeepEqual(gotF, wantF) {
			t.Fatalf("shuffle %d changed the figures", i)
		}
	}
	// And the figures are not trivially zero: the cross-SO O.1.1 of P2 and P3's late selection count.
	var last IndicatorValue
	for _, v := range wantI {
		if v.Cutoff.String() == "2023-03-31" && v.Indicator == "O.1.1" {
			last = v
		}
	}
	// Of P1's two versions sent at the same instant, the one with the greater hash is applied last.
	p1 := int64(2)
	if reports[0].ContentHash() > reports[1].ContentHash() {
		p1 = 1
	}
	if last.Selected != 8 || last.Achieved != p1+9+4 {
		t.Errorf("O.1.1 at 2023-03-31: selected %d achieved %d, want 8 and %d", last.Selected, last.Achieved, p1+13)
	}
}
