package oracle

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"mittari/domain"
	"mittari/internal/testcat"
	"mittari/metrics"
)

func report(project, start, end, submitted string, items ...domain.ReportItem) domain.Report {
	ts, _ := time.Parse(time.RFC3339, submitted)
	return domain.Report{Key: domain.ReportKey{ProjectID: project, PeriodStart: domain.MustDate(start),
		PeriodEnd: domain.MustDate(end)}, SubmittedAt: ts, Items: items}
}

func ind(code string, v int64) domain.ReportItem { return domain.ReportItem{Item: code, Value: v} }
func exp(eur string) domain.ReportItem {
	return domain.ReportItem{Item: domain.ExpenditureItem, Amount: domain.MustEuros(eur)}
}

// knownAnswerInput is one small programme worked through the definitions by hand below.
func knownAnswerInput(t *testing.T) Input {
	projects := []domain.Project{
		// P1: SO1 project grant (1A1: intervention field 002, type of action 002, modality 000),
		// selected 2022-05-01; reports O.2.3 (cross-SO) as well; 5.05 of private money.
		{ID: "P1", Action: "1A1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2024-12-31"),
			EligibleCost: domain.MustEuros("100.10"), EUContribution: domain.MustEuros("75.07"), PrivateContribution: domain.MustEuros("5.05"),
			Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-05-01")},
		// P2: cancelled: counts nowhere.
		{ID: "P2", Action: "2A1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2023-12-31"),
			EligibleCost: domain.MustEuros("50"), EUContribution: domain.MustEuros("25"),
			Status: domain.StatusCancelled, SelectedOn: domain.MustDate("2022-01-01")},
		// P3: operating support (OS1: field 001, type 002, modality 000), selected late (2022-07-15).
		{ID: "P3", Action: "OS1", Start: domain.MustDate("2022-01-01"), End: domain.MustDate("2023-12-31"),
			EligibleCost: domain.MustEuros("10"), EUContribution: domain.MustEuros("10"),
			Status: domain.StatusCompleted, SelectedOn: domain.MustDate("2022-07-15")},
		// P4: SO 4 transfers (TR4) with its own intervention field 031 and type of action 002;
		// its modality is TR4's default 000.
		{ID: "P4", Action: "TR4", Start: domain.MustDate("2022-03-01"), End: domain.MustDate("2023-02-28"),
			EligibleCost: domain.MustEuros("200"), EUContribution: domain.MustEuros("200"),
			Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-03-01"), Interventions: [3]string{"031", "002", ""}},
	}
	targets := []domain.Target{{ProjectID: "P1", Indicator: "O.1.1", Value: 40}, {ProjectID: "P1", Indicator: "O.2.3", Value: 7},
		{ProjectID: "P2", Indicator: "O.2.3", Value: 99}, {ProjectID: "P3", Indicator: "O.1.1", Value: 5}, {ProjectID: "P4", Indicator: "R.4.3", Value: 9}}
	reports := []domain.Report{
		report("P1", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00+03:00", ind("O.1.1", 5), ind("O.2.3", 2), exp("10.01")),
		// A correction of P1's first report: replaces it whole (O.2.3 now counts 0).
		report("P1", "2022-01-01", "2022-06-30", "2022-08-01T10:00:00Z", ind("O.1.1", 6), exp("10.02")),
		// Overlaps P1's first period with a different key: rejected.
		report("P1", "2022-06-01", "2022-12-31", "2022-09-01T10:00:00Z", ind("O.1.1", 1000)),
		report("P1", "2022-07-01", "2022-12-31", "2023-01-20T10:00:00Z", ind("O.1.1", 3), ind("O.2.3", 4), exp("0.99")),
		report("P2", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00Z", ind("O.2.3", 50), exp("20")),
		report("P3", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00Z", ind("O.1.1", 1), exp("3.33")),
		report("P4", "2022-03-01", "2022-08-31", "2022-09-10T10:00:00Z", ind("R.4.3", 3), exp("50.00")),
	}
	return Input{Catalogue: testcat.New(t), Projects: projects, Targets: targets, Reports: reports,
		Cutoffs: []domain.Cutoff{{Date: domain.MustDate("2022-12-31")}, {Date: domain.MustDate("2022-06-30")}}}
}

// TestKnownAnswerIndicators: every indicator of every SO at both cut-offs, zeros included.
func TestKnownAnswerIndicators(t *testing.T) {
	got := Compute(knownAnswerInput(t)).Indicators
	type sa struct{ sel, achv int64 }
	nonzero := map[string]sa{
		// 2022-06-30: P1 selected (05-01), P3 not yet (07-15); P1's corrected report counts.
		"2022-06-30 O.1.1": {40, 6}, "2022-06-30 O.2.3": {7, 0}, "2022-06-30 R.4.3": {9, 0},
		// 2022-12-31: P3 selected: O.1.1 selected 40 + 5, achieved 6 + 3 (P1) + 1 (P3).
		"2022-12-31 O.1.1": {45, 10}, "2022-12-31 O.2.3": {7, 4}, "2022-12-31 R.4.3": {9, 3},
	}
	if len(got) != 2*12 {
		t.Fatalf("%d indicator rows, want 2 cut-offs x 12 indicators", len(got))
	}
	for _, v := range got {
		want := nonzero[v.Cutoff.String()+" "+v.Indicator]
		if v.Selected != want.sel || v.Achieved != want.achv {
			t.Errorf("%s %s: selected %d achieved %d, want %d %d", v.Cutoff, v.Indicator, v.Selected, v.Achieved, want.sel, want.achv)
		}
	}
	if m := got[0].Milestone2024; got[0].Indicator != "O.1.1" || m == nil || *m != 10 || *got[0].Target2029 != 100 {
		t.Errorf("O.1.1 goals: got %v %v", got[0].Milestone2024, got[0].Target2029)
	}
	if got[1].Indicator != "O.1.1.1" || got[1].Target2029 != nil {
		t.Errorf("O.1.1.1 has no goal, got %+v", got[1])
	}
}

func p(tenths int64) metrics.Pct { return metrics.Pct{Tenths: tenths, Valid: true} }

// TestKnownAnswerTable1 checks Table 1 v2 at 2022-12-31, every column, by hand:
// SO1 project = P1, operating = P3 (selected 07-15), SO4 specific_action = P4; percentages
// are of the total allocation (Union + national), in tenths, half away from zero.
func TestKnownAnswerTable1(t *testing.T) {
	got := map[string]metrics.FinancialValue{}
	for _, v := range Compute(knownAnswerInput(t)).Financial {
		got[v.Cutoff.String()+" "+v.SOCode()+" "+v.SupportType] = v
	}
	if len(got) != 2*(4*4+1) {
		t.Errorf("%d financial rows, want 2 cut-offs x (4 SOs x 4 support types + TA)", len(got))
	}
	c := domain.Cutoff{Date: domain.MustDate("2022-12-31")}
	e := domain.MustEuros
	want := map[string]metrics.FinancialValue{
		// Declared 10.02 (P1's corrected H1) + 0.99 (H2) = 11.01. Plan 1000.00 + 333.33 at 75 %.
		// selected 100.10 / 1333.33 = 7.5075 % -> 7.5; declared 11.01 / 1333.33 = 0.826 % -> 0.8;
		// of the eligible cost 11.01 / 100.10 = 10.999 % -> 11.0.
		"1 project": {Cutoff: c, SO: 1, SupportType: "project", SelectedOperations: 1, EligibleCost: e("100.10"),
			PublicEligibleCost: e("95.05"), EUContribution: e("75.07"), Declared: e("11.01"), Allocation: e("1000.00"),
			TotalAllocation: e("1333.33"), CofinancingRate: p(750), SelectedOfAllocation: p(75), DeclaredOfAllocation: p(8),
			DeclaredOfEligibleCost: p(110), PlanBasis: "derived"},
		// 10.00 / 500.50 = 1.998 % -> 2.0; 3.33 / 500.50 = 0.665 % -> 0.7; 3.33 / 10 = 33.3 %.
		"1 operating": {Cutoff: c, SO: 1, SupportType: "operating", SelectedOperations: 1, EligibleCost: e("10"),
			PublicEligibleCost: e("10"), EUContribution: e("10"), Declared: e("3.33"), Allocation: e("500.50"),
			TotalAllocation: e("500.50"), CofinancingRate: p(1000), SelectedOfAllocation: p(20), DeclaredOfAllocation: p(7),
			DeclaredOfEligibleCost: p(333), PlanBasis: "derived"},
		// No plan row and no operation: nothing to compare with.
		"1 specific_action": {Cutoff: c, SO: 1, SupportType: "specific_action"},
		// rate 1500.50 / 1833.83 = 81.82 % -> 81.8; 110.10 / 1833.83 = 6.004 % -> 6.0;
		// 14.34 / 1833.83 = 0.782 % -> 0.8; 14.34 / 110.10 = 13.02 % -> 13.0.
		"1 all": {Cutoff: c, SO: 1, SupportType: "all", SelectedOperations: 2, EligibleCost: e("110.10"),
			PublicEligibleCost: e("105.05"), EUContribution: e("85.07"), Declared: e("14.34"), Allocation: e("1500.50"),
			TotalAllocation: e("1833.83"), CofinancingRate: p(818), SelectedOfAllocation: p(60), DeclaredOfAllocation: p(8),
			DeclaredOfEligibleCost: p(130), PlanBasis: "derived"},
		// P4 (TR4): 200 / 100 = 200 %, 50 / 100 = 50 %, 50 / 200 = 25 %.
		"4 specific_action": {Cutoff: c, SO: 4, SupportType: "specific_action", SelectedOperations: 1, EligibleCost: e("200"),
			PublicEligibleCost: e("200"), EUContribution: e("200"), Declared: e("50"), Allocation: e("100"),
			TotalAllocation: e("100"), CofinancingRate: p(1000), SelectedOfAllocation: p(2000), DeclaredOfAllocation: p(500),
			DeclaredOfEligibleCost: p(250), PlanBasis: "assumed"},
		// The plan's technical assistance: no operation, 0 % of 234.03.
		"TA all": {Cutoff: c, SO: 0, SupportType: "all", Allocation: e("234.03"), TotalAllocation: e("234.03"),
			CofinancingRate: p(1000), SelectedOfAllocation: p(0), DeclaredOfAllocation: p(0), PlanBasis: "derived: 6 %"},
	}
	for k, w := range want {
		if g := got["2022-12-31 "+k]; g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", k, g, w)
		}
	}
}

// TestKnownAnswerTable2 checks Table 2 at 2022-12-31: P1 and P3 take their actions' defaults, P4
// its own intervention field and type of action and TR4's modality.
func TestKnownAnswerTable2(t *testing.T) {
	e := domain.MustEuros
	type row struct {
		ops                        int64
		elig, public, eu, declared string
	}
	p1 := row{1, "100.10", "95.05", "75.07", "11.01"}
	p3 := row{1, "10.00", "10.00", "10.00", "3.33"}
	both := row{2, "110.10", "105.05", "85.07", "14.34"}
	p4 := row{1, "200.00", "200.00", "200.00", "50.00"}
	want := map[string]row{
		"1 intervention_field 001": p3, "1 intervention_field 002": p1,
		"1 type_of_action 002": both, "1 implementation_modality 000": both,
		"4 intervention_field 031": p4, "4 type_of_action 002": p4, "4 implementation_modality 000": p4,
	}
	var n int
	for _, v := range Compute(knownAnswerInput(t)).ByIntervention {
		if v.Cutoff.String() != "2022-12-31" {
			continue
		}
		n++
		k := metrics.SOCode(v.SO) + " " + v.Dimension + " " + v.Code
		w, ok := want[k]
		if !ok {
			t.Errorf("unexpected row %s: %+v", k, v)
			continue
		}
		if v.SelectedOperations != w.ops || v.EligibleCost != e(w.elig) || v.PublicEligibleCost != e(w.public) ||
			v.EUContribution != e(w.eu) || v.Declared != e(w.declared) {
			t.Errorf("%s: %+v, want %+v", k, v, w)
		}
	}
	if n != len(want) {
		t.Errorf("%d rows at 2022-12-31, want %d", n, len(want))
	}
}

// TestKnownAnswerForecast works the forecast of payment applications through by hand.
func TestKnownAnswerForecast(t *testing.T) {
	type row struct {
		current, next string
		ops           int64
	}
	want := map[string]row{
		// Due 2022-07-31 (years 2022 and 2023). P1: 10.02 declared x 75.07/100.10 = 7.51 of EU
		// money in 181 days (2022-01-01..06-30); 67.56 remain. 184 days to the end of 2022 at that
		// pace: 7.51 x 184/181 = 7.63; 365 days of 2023: 15.14 (P1 ends in 2024). P4 (TR4) has
		// declared nothing by 06-30: its 200.00 spread evenly over the 243 days to its end on
		// 2023-02-28: 200 x 184/243 = 151.44 in 2022, the 48.56 left in 2023, when it ends.
		"2022-06-30 1":   {"7.63", "15.14", 1},
		"2022-06-30 2":   {"0.00", "0.00", 0},
		"2022-06-30 3":   {"0.00", "0.00", 0},
		"2022-06-30 4":   {"151.44", "48.56", 1},
		"2022-06-30 all": {"159.07", "63.70", 2},
		// Due 2023-01-31 (2023 and 2024). P1: 11.01 x 75.07/100.10 = 8.26 in 365 days; 66.81 left:
		// 8.26 in 2023 at that pace, the 58.55 left in 2024, when it ends. P3 ends in 2023: 10.00 -
		// 3.33 = 6.67 then. P4 ends in 2023: 200 - 50 = 150.00 then.
		"2022-12-31 1":   {"14.93", "58.55", 2},
		"2022-12-31 2":   {"0.00", "0.00", 0},
		"2022-12-31 3":   {"0.00", "0.00", 0},
		"2022-12-31 4":   {"150.00", "0.00", 1},
		"2022-12-31 all": {"164.93", "58.55", 3},
	}
	got := Compute(knownAnswerInput(t)).Forecast
	if len(got) != len(want) {
		t.Fatalf("%d forecast rows, want %d: %+v", len(got), len(want), got)
	}
	for _, v := range got {
		k := v.Cutoff.String() + " " + v.SO
		w := want[k]
		if v.CurrentYear.String() != w.current || v.Next.String() != w.next || v.Operations != w.ops {
			t.Errorf("%s: current %s next %s ops %d, want %+v", k, v.CurrentYear, v.Next, v.Operations, w)
		}
	}
	if d := got[0]; d.DueDate.String() != "2022-07-31" || d.Year != 2022 || d.NextYear != 2023 {
		t.Errorf("June forecast due %s for %d and %d, want 2022-07-31 for 2022 and 2023", d.DueDate, d.Year, d.NextYear)
	}
	if d := got[len(got)-1]; d.DueDate.String() != "2023-01-31" || d.Year != 2023 {
		t.Errorf("December forecast due %s for %d, want 2023-01-31 for 2023", d.DueDate, d.Year)
	}
}

// TestTable2AddsUpToTable1 is the contract's rule on the known answer: for each cut-off, SO and
// dimension, Table 2's rows add up to the SO's "all" row of Table 1, to the cent and the operation.
func TestTable2AddsUpToTable1(t *testing.T) {
	tables := Compute(knownAnswerInput(t))
	if err := metrics.Table2AddsUp(tables.Financial, tables.ByIntervention); err != nil {
		t.Fatal(err)
	}
	tables.ByIntervention[0].Declared++
	if metrics.Table2AddsUp(tables.Financial, tables.ByIntervention) == nil {
		t.Fatal("a cent more in Table 2 went unnoticed")
	}
}

// TestIgnoresInputOrder: the figures are a function of the sets of projects, targets and
// report versions, never of their order (the spec's order independence, here for the oracle).
func TestIgnoresInputOrder(t *testing.T) {
	cat := testcat.New(t)
	projects := []domain.Project{
		{ID: "P1", Action: "1A1", Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-01-01"), EligibleCost: 100, EUContribution: 75},
		{ID: "P2", Action: "2A1", Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-01-01"), EligibleCost: 200, EUContribution: 150},
		{ID: "P3", Action: "OS1", Status: domain.StatusCompleted, SelectedOn: domain.MustDate("2022-09-01"), EligibleCost: 7, EUContribution: 7},
		{ID: "P4", Action: "RS4", Status: domain.StatusOngoing, SelectedOn: domain.MustDate("2022-02-01"), Start: domain.MustDate("2022-02-01"),
			End: domain.MustDate("2024-01-31"), EligibleCost: 900, EUContribution: 900, PrivateContribution: 100, Interventions: [3]string{"", "002", "001"}},
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
	want := Compute(Input{Catalogue: cat, Projects: projects, Targets: targets, Reports: reports, Cutoffs: cutoffs})
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 50; i++ {
		shuffle := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
		ps, ts, rs := slices.Clone(projects), slices.Clone(targets), slices.Clone(reports)
		cs := slices.Clone(cutoffs)
		shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		got := Compute(Input{Catalogue: cat, Projects: ps, Targets: ts, Reports: rs, Cutoffs: cs})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffle %d changed the figures", i)
		}
	}
	// And the figures are not trivially zero: the cross-SO O.1.1 of P2 and P3's late selection count.
	var last metrics.IndicatorValue
	for _, v := range want.Indicators {
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
