package transform

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/export"
	"mittari/internal/testcat"
	"mittari/metrics"
	"mittari/sent"
)

// scenarioSent is what the scenario's managing authority sent: version 202206 (cut-off
// 2022-06-30) with its figures as of r1 (2022-08-01), when A (not yet A2) was in force and P2
// was not cancelled. Only some rows of its two tables are given: a row the tables have now and
// the folder lacks is a restatement with nothing sent, which the known answers below leave out.
//
// As of r1, at 2022-06-30: O.1.1 achieved 5 (A; P3 counts from 2022-08-31), selected 40 (P1);
// O.2.3 achieved 52 (A 2 + B 50); SO 1 declared 100.01 (A); SO 2 had 2 selected operations (P2,
// P4). The restatement of O.1.1 achieved (to 6, by A2) is acknowledged.
func scenarioSent() *metrics.SentInputs {
	c1 := domain.Cutoff{Date: domain.MustDate("2022-06-30")}
	fig := func(table, so, row, figure, value string) metrics.SentFigure {
		return metrics.SentFigure{Folder: "202206", Table: table, SO: so, Row: row, Figure: figure, Value: value}
	}
	return &metrics.SentInputs{
		Versions: []metrics.SentVersion{{Folder: "202206", Version: "202206", Cutoff: c1, SentAt: ts("2022-08-10T10:00:00Z"),
			PreparedBy: "A. Analyst", ApprovedBy: "B. Head", FiguresAsOf: ts("2022-08-01T00:00:00Z"),
			Tables: []metrics.SentTable{{Name: "indicators", Figures: []string{"selected_value", "achieved_value"}},
				{Name: "financial", Figures: []string{"selected_operations", "declared_expenditure_eur"}},
				{Name: "financial_by_intervention", Figures: []string{"eligible_cost_eur"}}}}},
		Figures: []metrics.SentFigure{
			fig("indicators", "1", "O.1.1", "achieved_value", "5"),
			fig("indicators", "1", "O.1.1", "selected_value", "40"),
			fig("indicators", "2", "O.2.3", "achieved_value", "52"),
			fig("financial", "1", "all", "declared_expenditure_eur", "100.01"),
			fig("financial", "1", "project", "declared_expenditure_eur", "100.01"),
			fig("financial", "2", "all", "selected_operations", "2"),
			// A code row no operation has now.
			fig("financial_by_intervention", "2", "intervention_field 099", "eligible_cost_eur", "500.00"),
		},
		Acknowledged: []metrics.Acknowledgement{{Folder: "202206", Table: "indicators", SO: "1", Row: "O.1.1", Figure: "achieved_value", Value: "6"}},
		State:        "scenario",
	}
}

// presendKnownAnswers are the known answers of the pre-send checks and the restatements on the
// scenario (see scenarioSent; deadlines: 2022-07-31 for C1, 2023-01-31 for C2).
var presendKnownAnswers = []struct {
	model string
	query string
	want  []string
}{
	{"mart_transmission_figures", "SELECT cutoff_date, tbl, so_code, row_label, figure, hundredths, unit, value, cumulative FROM mart_transmission_figures WHERE cutoff_date = '2022-06-30' AND ((tbl = 'indicators' AND row_label = 'O.1.1') OR (tbl = 'financial' AND so_code IN ('1', 'TA') AND row_label = 'all' AND figure IN ('declared_expenditure_eur', 'cofinancing_rate_pct', 'selected_pct_of_allocation')) OR (tbl = 'financial_by_intervention' AND row_label = 'intervention_field 001' AND figure = 'eligible_cost_eur')) ORDER BY ALL", []string{
		"2022-06-30|financial|1|all|cofinancing_rate_pct|8180|pct|81.8|false",
		"2022-06-30|financial|1|all|declared_expenditure_eur|10002|eur|100.02|true",
		"2022-06-30|financial|1|all|selected_pct_of_allocation|5450|pct|54.5|false",
		"2022-06-30|financial|TA|all|cofinancing_rate_pct|10000|pct|100.0|false",
		"2022-06-30|financial|TA|all|declared_expenditure_eur|0|eur|0.00|false",
		"2022-06-30|financial|TA|all|selected_pct_of_allocation|0|pct|0.0|false",
		"2022-06-30|financial_by_intervention|1|intervention_field 001|eligible_cost_eur|100000|eur|1000.00|true",
		"2022-06-30|indicators|1|O.1.1|achieved_value|600|count|6|true",
		"2022-06-30|indicators|1|O.1.1|milestone_2024|1000|count|10|false",
		"2022-06-30|indicators|1|O.1.1|selected_value|4000|count|40|true",
		"2022-06-30|indicators|1|O.1.1|target_2029|10000|count|100|false"}},
	// C01: C's O.2.3.1 9 above O.2.3 8 at C1; C02: P4's R.2.8 above its O.2.3.1 (11 > 9, and the
	// targets 12 > 10) at both cut-offs. C03 for P4 (225.01 of 300.01 at 75 %) is within the
	// rounding allowed. C08: O.2.3 achieved, SO 2's operations and the code row no operation has
	// now below what 202206 holds, at both cut-offs (O.1.1 achieved grew). C10 at C1: A2 (P1)
	// and C (P4) were submitted after 2022-07-31; D's P3 counts only from 2022-08-31, B's P2 is
	// cancelled.
	// At overdueCutoffs (emptyOnScenario): P5's first half-year report, due 60 days after
	// 2022-06-30, more than six months before 2023-03-31; no operation's EU contribution exceeds
	// its rate (C03).
	{"int_project_checks", "SELECT * FROM int_project_checks ORDER BY ALL", []string{
		"P5|2023-03-31|202303|C09|reports|3|P5|half-year reports|1|due|2022-08-29|2022-01-01..2022-06-30"}},
	// What C10 counts: A2 (P1) and C (P4), for 2022-01-01..2022-06-30, submitted after the
	// deadline of 2022-06-30 (2022-07-31); none by the deadline of 2022-12-31 (2023-01-31).
	{"int_late_reports", "SELECT * FROM int_late_reports ORDER BY ALL", []string{
		"2022-06-30|202206|2022-07-31|1|P1|2022-01-01|2022-06-30|2022-08-05T09:00:00Z|reports/20230120T000000Z.csv",
		"2022-06-30|202206|2022-07-31|2|P4|2022-01-01|2022-06-30|2022-09-15T09:00:00Z|reports/20230120T000000Z.csv"}},
	{"mart_presend_checks", "SELECT cutoff_date, rule, tbl, so_code, row_label, figure, value, bound_figure, bound, detail FROM mart_presend_checks ORDER BY ALL", []string{
		"2022-06-30|C01|indicators.csv|2|O.2.3.1|achieved_value|9|O.2.3 achieved_value|8|OW-O.2.3.1",
		"2022-06-30|C02|indicators.csv|2|R.2.8|achieved_value|11|O.2.3.1 achieved_value|9|RO-R.2.8",
		"2022-06-30|C02|indicators.csv|2|R.2.8|selected_value|12|O.2.3.1 selected_value|10|RO-R.2.8",
		"2022-06-30|C08|financial.csv|2|all|selected_operations|1|sent|2|202206",
		"2022-06-30|C08|financial_by_intervention.csv|2|intervention_field 099|eligible_cost_eur|0|sent|500.00|202206",
		"2022-06-30|C08|indicators.csv|2|O.2.3|achieved_value|8|sent|52|202206",
		"2022-06-30|C10|reports|1|operations of SO 1|reports|1|deadline|2022-07-31|P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z (reports/20230120T000000Z.csv)",
		"2022-06-30|C10|reports|2|operations of SO 2|reports|1|deadline|2022-07-31|P4 2022-01-01..2022-06-30 submitted 2022-09-15T09:00:00Z (reports/20230120T000000Z.csv)",
		"2022-12-31|C02|indicators.csv|2|R.2.8|achieved_value|11|O.2.3.1 achieved_value|9|RO-R.2.8",
		"2022-12-31|C02|indicators.csv|2|R.2.8|selected_value|12|O.2.3.1 selected_value|10|RO-R.2.8",
		"2022-12-31|C08|financial.csv|2|all|selected_operations|1|sent|2|202206",
		"2022-12-31|C08|financial_by_intervention.csv|2|intervention_field 099|eligible_cost_eur|0|sent|500.00|202206",
		"2022-12-31|C08|indicators.csv|2|O.2.3|achieved_value|17|sent|52|202206"}},
	// The figures 202206 sent that moved, and what moved them: A2 corrected A (O.1.1 5 → 6,
	// acknowledged; dropping O.2.3; expenditure 100.01 → 100.02), C brought P4's O.2.3, P2 was
	// cancelled (in SO 2 then, so in the code row of SO 2 sent that no operation has now). O.1.1
	// selected (40) did not move.
	{"mart_restatements", "SELECT folder, tbl, so_code, row_label, figure, sent_value, now_value, acknowledged, moved_by, moved_by_total FROM mart_restatements WHERE was_sent ORDER BY ALL", []string{
		"202206|financial|1|all|declared_expenditure_eur|100.01|100.02|false|[P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z (reports/20230120T000000Z.csv)]|1",
		"202206|financial|1|project|declared_expenditure_eur|100.01|100.02|false|[P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z (reports/20230120T000000Z.csv)]|1",
		"202206|financial|2|all|selected_operations|2|1|false|[register: P2 status ongoing → cancelled]|1",
		"202206|financial_by_intervention|2|intervention_field 099|eligible_cost_eur|500.00||false|[register: P2 status ongoing → cancelled]|1",
		"202206|indicators|1|O.1.1|achieved_value|5|6|true|[P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z (reports/20230120T000000Z.csv)]|1",
		"202206|indicators|2|O.2.3|achieved_value|52|8|false|[P4 2022-01-01..2022-06-30 submitted 2022-09-15T09:00:00Z (reports/20230120T000000Z.csv) P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z (reports/20230120T000000Z.csv) register: P2 status ongoing → cancelled]|3"}},
}

// checkCounts indexes the findings of each rule at each cut-off.
func checkCounts(res *metrics.Results) map[string]int {
	out := map[string]int{}
	for _, c := range res.CheckCounts {
		out[c.Cutoff.String()+" "+c.Rule] = c.Findings
	}
	return out
}

// withProjects is the scenario with fn applied to the register of every run.
func withProjects(fn func(ps []domain.Project)) []ingestRun {
	runs := scenarioRuns()
	for i := range runs {
		fn(runs[i].Projects)
	}
	return runs
}

// TestPlantedBreaches: a breach of each pre-send check, planted in a warehouse (or, where the
// models cannot make one, in the mart the check reads), is found with its ID at the cut-off it
// breaches; the scenario without it has no finding of that rule there.
func TestPlantedBreaches(t *testing.T) {
	const c1, c2 = "2022-06-30", "2022-12-31"
	base := checkCounts(runScenario(t, Options{AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs}))
	withSent := checkCounts(runScenario(t, Options{AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs, Sent: scenarioSent()}))
	tests := []struct {
		rule, cutoff string
		counts       map[string]int
		without      map[string]int
	}{
		// C's O.2.3.1 (9) above O.2.3 (8); P4's R.2.8 above O.2.3.1.
		{"C01", c1, base, nil},
		{"C02", c1, base, nil},
		// 202206 holds O.2.3 achieved 52 and 2 operations of SO 2; now 8 and 1.
		{"C08", c1, withSent, base},
		// A2 and C were submitted after 2022-07-31.
		{"C10", c1, base, nil},
	}
	// C03: P1 gets an EU contribution of 800.00 on 1000.00 at 75 %.
	tests = append(tests, struct {
		rule, cutoff string
		counts       map[string]int
		without      map[string]int
	}{"C03", c1, checkCounts(runScenarioRuns(t, withProjects(func(ps []domain.Project) {
		ps[0].EUContribution = domain.MustEuros("800.00")
	}), scenarioCutoffs)), base})
	// C04: P4 declares 2000.00 in C against its eligible cost of 300.01.
	runs := scenarioRuns()
	runs[1].Reports[2] = report("P4", "2022-01-01", "2022-06-30", "2022-09-15T09:00:00Z", ind("O.2.3", 8), exp("2000.00"))
	tests = append(tests, struct {
		rule, cutoff string
		counts       map[string]int
		without      map[string]int
	}{"C04", c1, checkCounts(runScenarioRuns(t, runs, scenarioCutoffs)), base})
	// C05: a private contribution below zero (which ingest refuses) makes P1's public cost exceed its cost.
	tests = append(tests, struct {
		rule, cutoff string
		counts       map[string]int
		without      map[string]int
	}{"C05", c1, checkCounts(runScenarioRuns(t, withProjects(func(ps []domain.Project) {
		ps[0].PrivateContribution = -domain.MustEuros("100.00")
	}), scenarioCutoffs)), base})
	// C09: P5 sent nothing; its first half-year report was due 2022-08-30, six months before
	// 2023-03-31 passed, and by 2022-12-31 it had not.
	tests = append(tests, struct {
		rule, cutoff string
		counts       map[string]int
		without      map[string]int
	}{"C09", "2023-03-31", checkCounts(runScenario(t, Options{AsOf: scenarioAsOf, Cutoffs: overdueCutoffs})), base})
	for _, tt := range tests {
		key := tt.cutoff + " " + tt.rule
		if tt.counts[key] == 0 {
			t.Errorf("%s: no finding at %s (findings: %v)", tt.rule, tt.cutoff, tt.counts)
		}
		if tt.without != nil && tt.without[key] != 0 {
			t.Errorf("%s: %d finding(s) at %s without the breach", tt.rule, tt.without[key], tt.cutoff)
		}
	}
	if base[c2+" C09"] != 0 {
		t.Errorf("C09 at %s: P5's report was due only two months before", c2)
	}

	// C06 and C07 the models cannot breach (Table 2 adds up by construction, every indicator
	// has its row): planted in the marts the check reads.
	for _, plant := range []struct {
		rule, sql, row string
	}{
		{"C06", "DELETE FROM mart_sfc_financial_by_intervention WHERE so = 1 AND dimension = 'type_of_action'", "type_of_action"},
		{"C07", "DELETE FROM mart_sfc_indicators WHERE indicator = 'O.1.1' AND cutoff_date = '2022-06-30'", "O.1.1"},
	} {
		s := openScenario(t)
		before := queryStrings(t, s.conn, fmt.Sprintf("SELECT count(*) FROM mart_presend_checks WHERE rule = '%s'", plant.rule))
		if _, err := s.conn.ExecContext(context.Background(), plant.sql); err != nil {
			t.Fatal(err)
		}
		rerun(t, s, "mart_presend_checks")
		got := queryStrings(t, s.conn, fmt.Sprintf("SELECT DISTINCT row_label FROM mart_presend_checks WHERE rule = '%s' AND cutoff_date = '2022-06-30'", plant.rule))
		if before[0] != "0" || fmt.Sprint(got) != "["+plant.row+"]" {
			t.Errorf("%s: %s findings before the plant, rows %v after, want [%s]", plant.rule, before[0], got, plant.row)
		}
	}
}

// runScenarioRuns runs the transform on runs, as of the scenario's moment.
func runScenarioRuns(t *testing.T, runs []ingestRun, cutoffs []domain.Cutoff) *metrics.Results {
	t.Helper()
	root := t.TempDir()
	writeWarehouse(t, root, runs)
	return runScenario(t, Options{Warehouse: root, AsOf: scenarioAsOf, Cutoffs: cutoffs})
}

// rerun runs one model of a session again, over the tables as they are now.
func rerun(t *testing.T, s *session, name string) {
	t.Helper()
	for _, m := range s.models {
		if m.Name == name {
			if _, err := s.conn.ExecContext(context.Background(), m.SQL); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no model %s", name)
}

// TestRestatementsAreTheCellsThatMoved is the property restatements rest on: on random
// histories, a version exported as of some run and compared, after the runs that follow, with
// the same cut-off computed again lists exactly the cells of its files whose text differs from
// what the export writes now (rows gone and rows new included), with both texts as the files
// write them; nothing else. The sent folder is the export itself, read back as the pipeline
// reads out/sent/. A run through the cache (incremental when it can) lists the same.
func TestRestatementsAreTheCellsThatMoved(t *testing.T) {
	cat := testcat.New(t)
	cases := 10
	if testing.Short() {
		cases = 4
	}
	moved := 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		rng := rand.New(rand.NewSource(100 + seed))
		w := generate(rng, cat)
		root := t.TempDir()
		writeWarehouse(t, root, w.runs)
		k := rng.Intn(len(w.runs))
		if k == len(w.runs)-1 && k > 0 && rng.Intn(4) != 0 { // mostly with runs after it
			k = rng.Intn(k)
		}
		sentAt := w.runs[k].At.Add(2 * time.Minute)
		passed := DefaultCutoffs(sentAt)
		if len(passed) == 0 {
			continue
		}
		c := passed[len(passed)-1] // the latest, whose figures later reports move most
		if rng.Intn(3) == 0 {
			c = passed[rng.Intn(len(passed))]
		}
		cutoffs := []domain.Cutoff{c}
		cache := filepath.Join(t.TempDir(), "transform.duckdb")
		run := func(asOf time.Time, sent *metrics.SentInputs, cache string) *metrics.Results {
			res, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), Sent: sent, Cache: cache})
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			return res
		}
		// What was sent: the export as of sentAt, read back from its folder.
		thenDir := exportAt(t, run(sentAt, nil, cache), cat)
		rec := sent.Record{Folder: c.Version(), Version: c.Version(), Cutoff: c.String()}
		figs, tables, err := sent.Figures(thenDir, rec)
		if err != nil {
			t.Fatal(err)
		}
		in := &metrics.SentInputs{Figures: figs, State: "test", Versions: []metrics.SentVersion{{Folder: rec.Folder,
			Version: rec.Version, Cutoff: c, FiguresAsOf: sentAt, Tables: tables}}}
		now := w.asOf.Add(time.Hour)
		if now.Before(sentAt) {
			now = sentAt.Add(time.Hour)
		}
		got := run(now, in, "")
		// Now: the export of the same cut-off after every run, and its cells against the sent ones.
		nowDir := exportAt(t, got, cat)
		nowFigs, _, err := sent.Figures(nowDir, rec)
		if err != nil {
			t.Fatal(err)
		}
		want := cellsThatDiffer(figs, nowFigs)
		var listed []string
		for _, r := range got.Restatements {
			listed = append(listed, fmt.Sprintf("%s|%s|%s|%s|%s → %s", r.Table, r.SO, r.Row, r.Figure, r.Sent, r.Now))
			if r.Folder != rec.Folder || r.Cutoff != c || r.Acknowledged {
				t.Errorf("seed %d: restatement %+v", seed, r)
			}
		}
		slices.Sort(listed)
		if strings.Join(listed, "\n") != strings.Join(want, "\n") {
			t.Fatalf("seed %d (sent after run %d of %d, cut-off %s): restatements\n  %s\nwant the cells that differ\n  %s",
				seed, k+1, len(w.runs), c, strings.Join(listed, "\n  "), strings.Join(want, "\n  "))
		}
		if cached := run(now, in, cache); !reflect.DeepEqual(cached.Restatements, got.Restatements) {
			t.Fatalf("seed %d: through the cache the restatements differ:\n got %+v\nwant %+v", seed, cached.Restatements, got.Restatements)
		}
		// Acknowledging some of them at their value now marks exactly those; an acknowledgement
		// of another value (the figure moved again since) marks nothing.
		acked := map[string]bool{}
		for _, r := range got.Restatements {
			key := r.Table + "|" + r.SO + "|" + r.Row + "|" + r.Figure
			switch rng.Intn(3) {
			case 0:
				in.Acknowledged = append(in.Acknowledged, metrics.Acknowledgement{Folder: r.Folder, Table: r.Table, SO: r.SO, Row: r.Row, Figure: r.Figure, Value: r.Now})
				acked[key] = true
			case 1:
				in.Acknowledged = append(in.Acknowledged, metrics.Acknowledgement{Folder: r.Folder, Table: r.Table, SO: r.SO, Row: r.Row, Figure: r.Figure, Value: "123456789.12"})
			}
		}
		for _, r := range run(now, in, "").Restatements {
			if key := r.Table + "|" + r.SO + "|" + r.Row + "|" + r.Figure; r.Acknowledged != acked[key] {
				t.Errorf("seed %d: %s acknowledged %v, want %v", seed, key, r.Acknowledged, acked[key])
			}
		}
		moved += len(want)
	}
	if moved == 0 {
		t.Fatal("no figure moved in any history: the property went untested")
	}
	t.Logf("%d restated figures checked", moved)
}

// exportAt writes the Art 42 export of res and returns the folder holding its version folders.
func exportAt(t *testing.T, res *metrics.Results, cat *catalogue.Catalogue) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := export.WriteSFC(dir, res, cat, export.Meta{CodeVersion: "test", DataAsOf: "test"}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "exports", "sfc")
}

// cellsThatDiffer lists the cells whose text differs between two exports of a version, a cell
// of a row only one of them has against "".
func cellsThatDiffer(then, now []metrics.SentFigure) []string {
	type key struct{ table, so, row, figure string }
	a, b := map[key]string{}, map[key]string{}
	for _, f := range then {
		a[key{f.Table, f.SO, f.Row, f.Figure}] = f.Value
	}
	for _, f := range now {
		b[key{f.Table, f.SO, f.Row, f.Figure}] = f.Value
	}
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s → %s", k.table, k.so, k.row, k.figure, v, w))
		}
	}
	for k, w := range b {
		if _, ok := a[k]; !ok && w != "" {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s| → %s", k.table, k.so, k.row, k.figure, w))
		}
	}
	slices.Sort(out)
	return out
}

// TestFigureTextIsTheExports: the macros that read the files sent and write a figure back give
// the export's own text (domain.Cents and metrics.Pct write it) for every sign and unit.
func TestFigureTextIsTheExports(t *testing.T) {
	s := openScenario(t)
	for _, cents := range []int64{0, 1, -1, 50, -50, 100, 123456, -123456, 9_000_000_000_000_000} {
		want := domain.Cents(cents).String()
		got := queryStrings(t, s.conn, fmt.Sprintf("SELECT figure_text(%d, 'eur'), hundredths(figure_text(%d, 'eur'))", cents, cents))
		if got[0] != fmt.Sprintf("%s|%d", want, cents) {
			t.Errorf("%d cents: %s, want %s|%d", cents, got[0], want, cents)
		}
	}
	for _, tenths := range []int64{0, 5, -5, 750, 1000, -1234} {
		want := metrics.Pct{Tenths: tenths, Valid: true}.String()
		got := queryStrings(t, s.conn, fmt.Sprintf("SELECT figure_text(%d, 'pct'), hundredths(figure_text(%d, 'pct'))", tenths*10, tenths*10))
		if got[0] != fmt.Sprintf("%s|%d", want, tenths*10) {
			t.Errorf("%d tenths: %s, want %s|%d", tenths, got[0], want, tenths*10)
		}
	}
	got := queryStrings(t, s.conn, "SELECT figure_text(4200, 'count'), hundredths('42'), hundredths(''), hundredths('abc'), hundredths(NULL), figure_text(NULL, 'eur'), hundredths('1.234')")
	if want := "42|4200|NULL|NULL|NULL||NULL"; got[0] != want {
		t.Errorf("counts and empty cells: %s, want %s", got[0], want)
	}
}
