package transform

import (
	"context"
	"fmt"
	"math/rand"
	"mittari/internal/testcat"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/oracle"
	"mittari/metrics"
)

// randomWarehouse is a random but valid history of ingest runs, and what the oracle needs to
// compute the same figures without DuckDB.
type randomWarehouse struct {
	runs []ingestRun
	asOf time.Time
}

// generate builds a history with corrections (new versions of a report), resent duplicates
// (the same content in a later run), overlapping periods (rejected), cancellations, late
// selections, reports for periods beyond the cut-offs, indicators of other SOs than the
// project's action, register and target snapshots that change between runs, and sometimes a
// last run that never committed.
func generate(rng *rand.Rand, cat *catalogue.Catalogue) randomWarehouse {
	day := func(d domain.Date) time.Time { return d.Time() }
	randDate := func(from, to domain.Date) domain.Date { return from + domain.Date(rng.Intn(int(to-from)+1)) }
	nProjects := 2 + rng.Intn(7)
	base := make([]domain.Project, nProjects)
	for i := range base {
		start := randDate(domain.MustDate("2021-03-01"), domain.MustDate("2024-06-30"))
		end := start + domain.Date(180+rng.Intn(900))
		a := cat.Actions[rng.Intn(len(cat.Actions))]
		eligible := domain.Cents(rng.Int63n(10_000_000_00) + 1)
		base[i] = domain.Project{ID: fmt.Sprintf("AMIF-%02d", i), Action: a.Code,
			BeneficiaryType: domain.BeneficiaryTypes[rng.Intn(len(domain.BeneficiaryTypes))],
			Start:           start, End: end, EligibleCost: eligible, EUContribution: eligible * domain.Cents(a.CofinancingPct) / 100,
			Status: domain.ProjectStatuses[rng.Intn(len(domain.ProjectStatuses))], SelectedOn: start}
		if rng.Intn(3) == 0 { // selected late, after some cut-offs
			base[i].SelectedOn = start + domain.Date(rng.Intn(400))
		}
		if rng.Intn(3) == 0 { // some of the eligible cost is the beneficiary's private money
			base[i].PrivateContribution = domain.Cents(rng.Int63n(int64(eligible-base[i].EUContribution) + 1))
		}
		// Now and then the register gives an operation's own Annex VI code of a dimension.
		for d, dim := range catalogue.Dimensions {
			var fit []string
			for _, ic := range cat.Interventions {
				if ic.Dimension == dim && (dim != catalogue.DimInterventionField || (ic.SO == a.SO && !ic.TA)) {
					fit = append(fit, ic.Code)
				}
			}
			if len(fit) > 0 && rng.Intn(3) == 0 {
				base[i].Interventions[d] = fit[rng.Intn(len(fit))]
			}
		}
	}
	mutate := func(ps []domain.Project) []domain.Project {
		out := append([]domain.Project(nil), ps...)
		for i := range out {
			switch rng.Intn(6) {
			case 0:
				out[i].Status = domain.StatusCancelled
			case 1:
				out[i].Status = domain.StatusOngoing
			case 2:
				out[i].SelectedOn += domain.Date(rng.Intn(200)) - 100
			case 3:
				out[i].EligibleCost += domain.Cents(rng.Intn(100000))
			}
		}
		if rng.Intn(4) == 0 && len(out) > 1 { // a project leaves the register
			out = out[1:]
		}
		return out
	}
	randTargets := func(ps []domain.Project) []domain.Target {
		var ts []domain.Target
		for _, p := range ps {
			for _, ind := range cat.Indicators {
				if rng.Intn(3) == 0 {
					ts = append(ts, domain.Target{ProjectID: p.ID, Indicator: ind.Code, Value: rng.Int63n(500)})
				}
			}
		}
		return ts
	}
	randItems := func() []domain.ReportItem {
		var items []domain.ReportItem
		for _, ind := range cat.Indicators {
			if rng.Intn(3) == 0 {
				items = append(items, domain.ReportItem{Item: ind.Code, Value: rng.Int63n(100)})
			}
		}
		if rng.Intn(4) != 0 {
			items = append(items, domain.ReportItem{Item: domain.ExpenditureItem, Amount: domain.Cents(rng.Int63n(50_000_00))})
		}
		return items
	}

	nRuns := 1 + rng.Intn(4)
	runAt := domain.MustDate("2022-03-01")
	var w randomWarehouse
	var sent []domain.Report
	projects := base
	for r := 0; r < nRuns; r++ {
		runAt += domain.Date(60 + rng.Intn(400))
		at := day(runAt).Add(time.Duration(rng.Intn(86400)) * time.Second)
		run := ingestRun{ID: at.Format("20060102T150405Z"), At: at}
		if r == 0 || rng.Intn(2) == 0 {
			if r > 0 {
				projects = mutate(base)
			}
			run.Projects = projects
		}
		if r == 0 || rng.Intn(2) == 0 {
			run.Targets = randTargets(projects)
		}
		seen := map[string]bool{}
		for k := rng.Intn(16); k > 0; k-- {
			var rep domain.Report
			switch {
			case len(sent) > 0 && rng.Intn(5) == 0:
				// Resend an earlier version unchanged, or correct it.
				rep = sent[rng.Intn(len(sent))]
				if rng.Intn(2) == 0 {
					rep.Items = randItems()
					rep.SubmittedAt = rep.SubmittedAt.Add(time.Duration(1+rng.Intn(90*86400)) * time.Second)
				}
			default:
				// A half-year of the project's life that ended before the run; sometimes shifted,
				// so that it overlaps a neighbour and one of the two is rejected.
				p := base[rng.Intn(len(base))]
				last := min(p.End, domain.DateOf(at)-1)
				if last < p.Start {
					continue
				}
				d := randDate(p.Start, last)
				month := time.January
				if d.Time().Month() > time.June {
					month = time.July
				}
				start := domain.NewDate(d.Year(), month, 1)
				end := domain.NewDate(d.Year(), month+6, 1) - 1
				if rng.Intn(5) == 0 {
					start += domain.Date(rng.Intn(90))
					end += domain.Date(rng.Intn(90))
				}
				if end >= domain.DateOf(at) {
					continue
				}
				window := int(at.Sub(day(end+1)) / time.Second)
				rep = domain.Report{Key: domain.ReportKey{ProjectID: p.ID, PeriodStart: start, PeriodEnd: end},
					SubmittedAt: day(end + 1).Add(time.Duration(rng.Intn(min(window, 150*86400))) * time.Second), Items: randItems()}
			}
			if rep.SubmittedAt.After(at) || seen[rep.ContentHash()] {
				continue // not yet submitted when the run read its inbox; or already in this run
			}
			seen[rep.ContentHash()] = true
			run.Reports = append(run.Reports, rep)
			sent = append(sent, rep)
		}
		w.runs = append(w.runs, run)
	}
	if rng.Intn(3) == 0 {
		last := w.runs[len(w.runs)-1]
		at := last.At.Add(48 * time.Hour)
		w.runs = append(w.runs, ingestRun{ID: at.Format("20060102T150405Z"), At: at, Uncommited: true,
			Projects: mutate(base), Reports: []domain.Report{{Key: domain.ReportKey{ProjectID: base[0].ID,
				PeriodStart: base[0].Start, PeriodEnd: base[0].Start + 30}, SubmittedAt: at.Add(-time.Hour),
				Items: []domain.ReportItem{{Item: cat.Indicators[0].Code, Value: 99999}}}}})
	}
	// As of a run's own start, as the pipeline transforms (so that the run before it is the
	// previous one and Changes has something to say), or a moment inside the history.
	if rng.Intn(2) == 0 {
		w.asOf = w.runs[rng.Intn(len(w.runs))].At
	} else {
		first, last := w.runs[0].At, w.runs[len(w.runs)-1].At.Add(time.Hour)
		w.asOf = first.Add(time.Duration(rng.Int63n(int64(last.Sub(first)) + 1)))
	}
	return w
}

// oracleInput is what was known as of w.asOf: the latest committed register and targets
// snapshots ingested by then and every report version of committed runs ingested by then.
func (w randomWarehouse) oracleInput(cat *catalogue.Catalogue, cutoffs []domain.Cutoff) oracle.Input {
	in := oracle.Input{Catalogue: cat, Cutoffs: cutoffs}
	for _, r := range w.runs {
		if r.Uncommited || r.At.After(w.asOf) {
			continue
		}
		if r.Projects != nil {
			in.Projects = r.Projects
		}
		if r.Targets != nil {
			in.Targets = r.Targets
		}
		in.Reports = append(in.Reports, r.Reports...)
	}
	return in
}

// TestTransformAgreesWithOracle is the property test of issue item 10: on random warehouses the
// DuckDB models and the plain-Go oracle give the same two Commission tables, to the unit and
// the cent.
func TestTransformAgreesWithOracle(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	cases := 30
	if testing.Short() {
		cases = 8
	}
	derived := 0 // runs whose previous state was derived from the current one
	for seed := int64(1); seed <= int64(cases); seed++ {
		rng := rand.New(rand.NewSource(seed))
		w := generate(rng, cat)
		root, marts := t.TempDir(), t.TempDir()
		writeWarehouse(t, root, w.runs)
		res, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: w.asOf, Cutoffs: cutoffs,
			Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: marts})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		want := oracle.Compute(w.oracleInput(cat, cutoffs))
		wantI, wantF := want.Indicators, want.Financial
		if !reflect.DeepEqual(res.Indicators, wantI) {
			for i := range wantI {
				if i >= len(res.Indicators) || !reflect.DeepEqual(res.Indicators[i], wantI[i]) {
					t.Fatalf("seed %d: indicator row %d differs:\n transform %+v\n oracle    %+v", seed, i, at(res.Indicators, i), wantI[i])
				}
			}
			t.Fatalf("seed %d: transform has %d indicator rows, oracle %d", seed, len(res.Indicators), len(wantI))
		}
		if !reflect.DeepEqual(res.Financial, wantF) {
			for i := range wantF {
				if i >= len(res.Financial) || res.Financial[i] != wantF[i] {
					t.Fatalf("seed %d: financial row %d differs:\n transform %+v\n oracle    %+v", seed, i, at(res.Financial, i), wantF[i])
				}
			}
			t.Fatalf("seed %d: transform has %d financial rows, oracle %d", seed, len(res.Financial), len(wantF))
		}
		if !reflect.DeepEqual(res.ByIntervention, want.ByIntervention) {
			for i := range want.ByIntervention {
				if i >= len(res.ByIntervention) || res.ByIntervention[i] != want.ByIntervention[i] {
					t.Fatalf("seed %d: Table 2 row %d differs:\n transform %+v\n oracle    %+v", seed, i, at(res.ByIntervention, i), want.ByIntervention[i])
				}
			}
			t.Fatalf("seed %d: transform has %d Table 2 rows, oracle %d", seed, len(res.ByIntervention), len(want.ByIntervention))
		}
		// The contract's rule between the two tables, on what the models computed.
		if err := metrics.Table2AddsUp(res.Financial, res.ByIntervention); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !reflect.DeepEqual(res.Forecast, want.Forecast) {
			for i := range want.Forecast {
				if i >= len(res.Forecast) || res.Forecast[i] != want.Forecast[i] {
					t.Fatalf("seed %d: forecast row %d differs:\n transform %+v\n oracle    %+v", seed, i, at(res.Forecast, i), want.Forecast[i])
				}
			}
			t.Fatalf("seed %d: transform has %d forecast rows, oracle %d", seed, len(res.Forecast), len(want.Forecast))
		}
		checkExtensions(t, seed, res, readProjectBreakdowns(t, filepath.Join(marts, "mart_indicator_breakdowns.parquet")))
		if res.PreviousRun != "" {
			before, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: res.PreviousAsOf,
				Cutoffs: cutoffs, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
			if err != nil {
				t.Fatalf("seed %d: as of the previous run: %v", seed, err)
			}
			checkChanges(t, seed, before, res)
			// The previous state derived from the current one (same register) must be the one
			// every model computes again.
			fullPrevious = true
			full, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: w.asOf, Cutoffs: cutoffs,
				Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
			fullPrevious = false
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if !reflect.DeepEqual(full.Changes, res.Changes) {
				t.Fatalf("seed %d: changes with the previous state computed again:\n %v\nderived:\n %v", seed, full.Changes, res.Changes)
			}
			if same, err := registerUnchanged(root, cat, res.PreviousAsOf, w.asOf); err != nil {
				t.Fatal(err)
			} else if same {
				derived++
			}
		}
	}
	if derived == 0 {
		t.Fatal("no random warehouse kept its register between the last two runs: the derived previous state went untested")
	}
	t.Logf("%d of %d runs derived the previous state from the current one", derived, cases)
}

// checkChanges: Changes lists exactly the figures that differ between the results as of the
// previous run and now, each with at least one report or register row that moved it.
func checkChanges(t *testing.T, seed int64, before, now *metrics.Results) {
	t.Helper()
	want := map[string][2]string{}
	for i, v := range now.Indicators {
		b := before.Indicators[i]
		if b.Selected != v.Selected {
			want[fmt.Sprintf("%s %s selected_value", v.Cutoff, v.Indicator)] = [2]string{fmt.Sprint(b.Selected), fmt.Sprint(v.Selected)}
		}
		if b.Achieved != v.Achieved {
			want[fmt.Sprintf("%s %s achieved_value", v.Cutoff, v.Indicator)] = [2]string{fmt.Sprint(b.Achieved), fmt.Sprint(v.Achieved)}
		}
	}
	for i, v := range now.Financial {
		b := before.Financial[i]
		for name, pair := range map[string][2]string{
			"selected_operations":      {fmt.Sprint(b.SelectedOperations), fmt.Sprint(v.SelectedOperations)},
			"eligible_cost_eur":        {b.EligibleCost.String(), v.EligibleCost.String()},
			"eu_contribution_eur":      {b.EUContribution.String(), v.EUContribution.String()},
			"declared_expenditure_eur": {b.Declared.String(), v.Declared.String()},
		} {
			if pair[0] != pair[1] {
				want[fmt.Sprintf("%s %d %s %s", v.Cutoff, v.SO, v.SupportType, name)] = pair
			}
		}
	}
	got := map[string][2]string{}
	for _, c := range now.Changes {
		k := fmt.Sprintf("%s %s", c.Cutoff, c.Figure)
		if !strings.HasPrefix(c.Figure, "O.") && !strings.HasPrefix(c.Figure, "R.") {
			k = fmt.Sprintf("%s %d %s", c.Cutoff, c.SO, c.Figure)
		}
		got[k] = [2]string{c.Before, c.After}
		if len(c.Reports) == 0 {
			t.Errorf("seed %d: change %s %s → %s names nothing that moved it", seed, k, c.Before, c.After)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("seed %d: changes listed %v, figures that moved %v", seed, got, want)
	}
}

// registerUnchanged says whether the register and targets were the same at a and b.
func registerUnchanged(root string, cat *catalogue.Catalogue, a, b time.Time) (bool, error) {
	s, err := open(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: b, Threads: 1, MemoryLimit: "256MB"})
	if err != nil {
		return false, err
	}
	defer s.close()
	return sameRegister(s.snapshots, a, b), nil
}

// martBreakdown is a row of the mart mart_indicator_breakdowns.parquet.
type martBreakdown struct {
	CutoffDate int32  `parquet:"cutoff_date,date"`
	SO         int32  `parquet:"so"`
	Indicator  string `parquet:"indicator"`
	Dimension  string `parquet:"dimension"`
	Member     string `parquet:"member"`
	Selected   int64  `parquet:"selected_value"`
	Achieved   int64  `parquet:"achieved_value"`
}

// readProjectBreakdowns reads the breakdown by project from the mart, where it lives instead of
// in Results.
func readProjectBreakdowns(t *testing.T, path string) []metrics.IndicatorBreakdown {
	t.Helper()
	rows, err := parquet.ReadFile[martBreakdown](path)
	if err != nil {
		t.Fatal(err)
	}
	var out []metrics.IndicatorBreakdown
	for _, r := range rows {
		if r.Dimension == "project" {
			out = append(out, metrics.IndicatorBreakdown{Cutoff: domain.Cutoff{Date: domain.Date(r.CutoffDate)}, SO: domain.SO(r.SO),
				Indicator: r.Indicator, Dimension: r.Dimension, Member: r.Member, Selected: r.Selected, Achieved: r.Achieved})
		}
	}
	return out
}

// checkExtensions holds the figures beyond the two tables to what the tables imply: breakdowns
// add up to the programme value in every dimension (by project, from the mart, at the latest
// cut-off; the others at every cut-off), consistency lists exactly the breaches, projections
// follow their stated formula, completeness never counts more received than expected.
func checkExtensions(t *testing.T, seed int64, res *metrics.Results, byProject []metrics.IndicatorBreakdown) {
	t.Helper()
	type key struct {
		cutoff domain.Date
		code   string
	}
	programme := map[key]metrics.IndicatorValue{}
	for _, v := range res.Indicators {
		programme[key{v.Cutoff.Date, v.Indicator}] = v
	}
	type sums struct{ selected, achieved int64 }
	byDim := map[key]map[string]sums{}
	latest := res.Cutoffs[len(res.Cutoffs)-1].Date
	for _, b := range res.Breakdowns {
		if b.Dimension == "project" {
			t.Fatalf("seed %d: Results carry a breakdown by project (%+v); it belongs in the mart", seed, b)
		}
	}
	for _, b := range byProject {
		if b.Cutoff.Date != latest {
			t.Fatalf("seed %d: the mart has a breakdown by project at %s, not the latest cut-off %s", seed, b.Cutoff, domain.Cutoff{Date: latest})
		}
	}
	for _, b := range append(slices.Clone(res.Breakdowns), byProject...) {
		k := key{b.Cutoff.Date, b.Indicator}
		if byDim[k] == nil {
			byDim[k] = map[string]sums{}
		}
		s := byDim[k][b.Dimension]
		byDim[k][b.Dimension] = sums{s.selected + b.Selected, s.achieved + b.Achieved}
	}
	for k, v := range programme {
		dims := []string{"measure", "action", "beneficiary_type"}
		if k.cutoff == latest {
			dims = append(dims, "project")
		}
		for _, dim := range dims {
			if s := byDim[k][dim]; s.selected != v.Selected || s.achieved != v.Achieved {
				t.Fatalf("seed %d: %s %s by %s adds up to %d/%d, programme %d/%d", seed, k.cutoff, k.code, dim,
					s.selected, s.achieved, v.Selected, v.Achieved)
			}
		}
	}
	cat := testcat.New(t)
	breaches := map[string]bool{}
	for _, f := range res.Consistency {
		breaches[fmt.Sprintf("%s %s %s", f.Cutoff, f.Rule, f.Basis)] = true
	}
	for _, c := range res.Cutoffs {
		for _, r := range cat.Rules {
			l, g := programme[key{c.Date, r.Lesser}], programme[key{c.Date, r.Greater}]
			for basis, breach := range map[string]bool{"achieved": l.Achieved > g.Achieved, "selected": l.Selected > g.Selected} {
				if got := breaches[fmt.Sprintf("%s %s %s", c, r.ID, basis)]; got != breach {
					t.Fatalf("seed %d: %s %s %s: listed %v, breach %v", seed, c, r.ID, basis, got, breach)
				}
			}
		}
	}
	for _, p := range res.Projections {
		c := p.Cutoff.Date
		yearBefore := domain.NewDate(c.Year()-1, c.Time().Month(), c.Time().Day())
		base, baseValue := domain.ProgrammeStart, int64(0)
		if v, ok := programme[key{yearBefore, p.Indicator}]; ok {
			base, baseValue = yearBefore, v.Achieved
		}
		left := max(int64(Horizon-c), 0)
		want := p.Achieved + (p.Achieved-baseValue)*left/int64(c-base)
		if p.Projected != want || p.OnTrack != (p.Target2029 != nil && want >= *p.Target2029) {
			t.Fatalf("seed %d: projection %+v, want %d", seed, p, want)
		}
	}
	for _, c := range res.Completeness {
		if c.Received > c.Expected || c.Late > c.Received || int64(len(c.Missing)) > c.Expected-c.Received {
			t.Fatalf("seed %d: completeness %+v does not add up", seed, c)
		}
	}
}

func at[T any](xs []T, i int) any {
	if i < len(xs) {
		return xs[i]
	}
	return "(missing)"
}

// TestInForceMatchesResolveInForce: the in-force versions SQL picks (newest per key, with only
// projects whose keys overlap resolved in Go) are exactly those domain.ResolveInForce picks from
// all versions, on random warehouses with corrections, duplicates and overlapping periods.
func TestInForceMatchesResolveInForce(t *testing.T) {
	cat := testcat.New(t)
	cases := 30
	if testing.Short() {
		cases = 8
	}
	overlapsSeen := 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		s := computedSession(t, cat, w)
		var vs []domain.Version
		for _, row := range queryStrings(t, s.conn, `SELECT version_hash, project_id, period_start, period_end,
			strftime(submitted_at, '%Y-%m-%dT%H:%M:%S.%fZ') FROM stg_report_versions`) {
			f := strings.Split(row, "|")
			at, err := time.Parse("2006-01-02T15:04:05.999999Z", f[4])
			if err != nil {
				t.Fatal(err)
			}
			vs = append(vs, domain.Version{Hash: f[0], SubmittedAt: at,
				Key: domain.ReportKey{ProjectID: f[1], PeriodStart: domain.MustDate(f[2]), PeriodEnd: domain.MustDate(f[3])}})
		}
		inForce, decisions := domain.ResolveInForce(vs)
		for _, d := range decisions {
			if d.Outcome == domain.RejectedOverlap {
				overlapsSeen++
			}
		}
		var want []string
		for _, v := range inForce {
			want = append(want, v.Hash)
		}
		slices.Sort(want)
		got := queryStrings(t, s.conn, "SELECT version_hash FROM int_reports_in_force ORDER BY 1")
		s.close()
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: in force %v, domain.ResolveInForce %v", seed, got, want)
		}
	}
	if overlapsSeen == 0 {
		t.Fatal("no random warehouse had an overlap rejected: the Go path went untested")
	}
}

// computedSession writes w's warehouse and runs every model on it as of w.asOf, leaving the
// session open for the test to query and close.
func computedSession(t *testing.T, cat *catalogue.Catalogue, w randomWarehouse) *session {
	t.Helper()
	root := t.TempDir()
	writeWarehouse(t, root, w.runs)
	s, err := open(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: w.asOf,
		Cutoffs: domain.CutoffsThrough(domain.MustDate("2026-06-30")), Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.compute(context.Background(), w.asOf); err != nil {
		s.close()
		t.Fatal(err)
	}
	return s
}
