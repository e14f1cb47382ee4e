package transform

import (
	"context"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/recovery"
	"mittari/internal/testcat"
)

// TestAPRLaterYears runs the models on the scenario's warehouse (nothing reported after 2022)
// with cut-offs up to 2025-06-30, so that the reports due 2023 … 2026 have their accounting years
// ended, and with a catalogue that has a measure of project grants no operation was selected in
// (3A, action 3A1). The figures are the scenario's, worked out in TestModelKnownAnswers.
func TestAPRLaterYears(t *testing.T) {
	parts := testcat.Parts()
	parts.Actions = append(parts.Actions, catalogue.Action{Code: "3A1", SO: 3, Measure: "3A", SupportType: domain.SupportProject, CofinancingPct: 75})
	parts.ActionCodes = append(parts.ActionCodes, catalogue.ActionInterventions{Action: "3A1", Codes: [3]string{"021", "002", "000"}, Basis: "assumed"})
	cat, err := catalogue.New(parts)
	if err != nil {
		t.Fatal(err)
	}
	runs := scenarioRuns()
	for i := range runs {
		for j := range runs[i].Projects {
			p := &runs[i].Projects[j]
			p.Title, p.Beneficiary = "Operation "+p.ID, "Organisation "+p.ID
		}
	}
	var cutoffs []domain.Cutoff
	for _, d := range []string{"2022-06-30", "2022-12-31", "2023-06-30", "2025-06-30"} {
		cutoffs = append(cutoffs, domain.Cutoff{Date: domain.MustDate(d)})
	}
	s := computedOn(t, cat, runs, cutoffs, ts("2025-09-01T00:00:00Z"))
	tests := []struct {
		name, query string
		want        []string
	}{
		// Every report whose year has ended by 2025-06-30, and no other: never one for 2021 or 2022.
		{"the reports", "SELECT report_year, period_start, period_end, due_date, cutoff_date, previous_cutoff_date FROM accounting_years ORDER BY ALL", []string{
			"2023|2021-01-01|2022-06-30|2023-02-15|2022-06-30|NULL", "2024|2022-07-01|2023-06-30|2024-02-15|2023-06-30|2022-06-30",
			"2025|2023-07-01|2024-06-30|2025-02-15|2024-06-30|2023-06-30", "2026|2024-07-01|2025-06-30|2026-02-15|2025-06-30|2024-06-30"}},
		// In the year: O.1.1 is 6 at 2022-06-30 and 10 from 2022-12-31 on (P1's second half-year
		// adds 3, P3's first 1): 6, then 10 - 6 = 4, then nothing. O.2.3: 8, then 17 - 8 = 9.
		// The 2024 milestone (10 for O.1.1, 0 for O.2.3) is judged from the report due 2026 on, on
		// the value of 2024-12-31: 10 of 10, met; before, it is the progress so far.
		{"progress in the year and the milestone", "SELECT report_year, indicator, achieved_value, achieved_in_year, milestone_pct_tenths, achieved_at_milestone, milestone_met FROM mart_apr_progress WHERE indicator IN ('O.1.1', 'O.2.3') ORDER BY ALL", []string{
			"2023|O.1.1|6|6|600|NULL|NULL", "2023|O.2.3|8|8|NULL|NULL|NULL",
			"2024|O.1.1|10|4|1000|NULL|NULL", "2024|O.2.3|17|9|NULL|NULL|NULL",
			"2025|O.1.1|10|0|1000|NULL|NULL", "2025|O.2.3|17|0|NULL|NULL|NULL",
			"2026|O.1.1|10|0|1000|10|true", "2026|O.2.3|17|0|NULL|17|true"}},
		// Table 1 of the 2024 report (2023-06-30): SO 1 now has P3 too (selected in the year) and
		// has declared 100.02 + 0.99 (P1) + 3.33 (P3) = 104.34, of which 0.99 + 3.33 = 4.32 in the
		// year; SO 2 has declared 50.00 + 10.00, 10.00 in the year.
		{"financial in the year", "SELECT report_year, so_code, selected_operations, selected_operations_in_year, declared_cents, declared_in_year_cents FROM mart_apr_financial WHERE support_type = 'all' AND report_year = 2024 AND so IN (1, 2) ORDER BY ALL", []string{
			"2024|1|2|1|10434|432", "2024|2|1|0|6000|1000"}},
		// By 2023-06-30 the half-years 2022-H1 (from 2022-08-31) and 2022-H2 (from 2023-03-31) of
		// P1, P3, P4 and P5 are expected: P3's second and both of P5's are missing; P4's first
		// arrived 77 days after it ended. All eight fell due in the 2024 report's year. Measure 3A
		// has no operation. O.1.1: 45 selected of 100 is 45.0 %.
		{"issues of the 2024 report", "SELECT issue, subject, value, reference, pct_tenths, projects FROM mart_apr_issues WHERE report_year = 2024 ORDER BY ALL", []string{
			"measure_without_operation|3A|0|NULL|NULL|[]",
			"no_progress_in_year|O.1.1.1|0|5|NULL|[]", "no_progress_in_year|O.2.3.1|0|10|NULL|[]",
			"no_progress_in_year|O.3.1|0|15|NULL|[]", "no_progress_in_year|R.2.8|0|12|NULL|[]",
			"reports_late|2|1|2|500|[P4]",
			"reports_missing|1|1|4|750|[P3]", "reports_missing|3|2|2|0|[P5]",
			"selected_above_target|R.2.8|12|50|2400|[]",
			"selected_below_target|O.1.1|45|100|450|[]", "selected_below_target|R.1.5|0|80|0|[]"}},
		// The list of operations at the latest cut-off names the beneficiary only where it is a
		// legal person (testcat: not a university, P4's).
		{"the list of operations", "SELECT cutoff_date, project_id, title, beneficiary FROM mart_operations_list ORDER BY ALL", []string{
			"2025-06-30|P1|Operation P1|Organisation P1", "2025-06-30|P3|Operation P3|Organisation P3",
			"2025-06-30|P4|Operation P4|", "2025-06-30|P5|Operation P5|Organisation P5"}},
		{"the evidence names the projects", "SELECT evidence FROM mart_apr_issues WHERE report_year = 2024 AND issue LIKE 'reports_%' ORDER BY ALL", []string{
			"1 of the 2 half-year reports that fell due in the accounting year from the operations of SO 2 arrived after their due date (50.0 %): P4.",
			"1 of the 4 half-year reports expected by 2023-06-30 from the operations of SO 1 have not been received (75.0 % received): P3.",
			"2 of the 2 half-year reports expected by 2023-06-30 from the operations of SO 3 have not been received (0.0 % received): P5."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := queryStrings(t, s.conn, tt.query)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s\n got:\n  %s\nwant:\n  %s", tt.query, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// openDataSession is the scenario's session with a catalogue in which "participants" counts
// people and "persons" (R.4.x) does not.
func openDataSession(t *testing.T) *session {
	t.Helper()
	parts := testcat.Parts()
	parts.Publication.ProtectedUnits = []string{"participants"}
	cat, err := catalogue.New(parts)
	if err != nil {
		t.Fatal(err)
	}
	return computedOn(t, cat, scenarioRuns(), scenarioCutoffs, scenarioAsOf)
}

// computedOn writes runs into a warehouse and runs every model on it for cutoffs as of asOf.
func computedOn(t *testing.T, cat *catalogue.Catalogue, runs []ingestRun, cutoffs []domain.Cutoff, asOf time.Time) *session {
	t.Helper()
	root := t.TempDir()
	writeWarehouse(t, root, runs)
	s, err := open(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf,
		Cutoffs: cutoffs, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	if _, err := s.compute(context.Background(), asOf); err != nil {
		t.Fatal(err)
	}
	return s
}

// runOpenData runs mart_opendata_indicators on cells (cut-off, indicator, action or "" for the
// SO's cell, achieved value) in place of the members and totals the models made.
func runOpenData(t *testing.T, s *session, cells [][]any) {
	t.Helper()
	for _, q := range []string{
		"CREATE OR REPLACE TABLE int_indicator_members_at_cutoff (cutoff_date DATE, so INTEGER, indicator VARCHAR, action VARCHAR, beneficiary_type VARCHAR, selected_value BIGINT, achieved_value BIGINT)",
		"CREATE OR REPLACE TABLE mart_sfc_indicators (cutoff_date DATE, so INTEGER, indicator VARCHAR, selected_value BIGINT, achieved_value BIGINT)",
	} {
		if _, err := s.conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	var members, totals [][]any
	for _, c := range cells {
		so := int32(c[1].(string)[2] - '0')
		d := domain.MustDate(c[0].(string)).Time()
		if c[2] == "" {
			totals = append(totals, []any{d, so, c[1], int64(0), int64(c[3].(int))})
		} else {
			members = append(members, []any{d, so, c[1], c[2], "ngo", int64(0), int64(c[3].(int))})
		}
	}
	must(t, appendRows(context.Background(), s.conn, "int_indicator_members_at_cutoff", members))
	must(t, appendRows(context.Background(), s.conn, "mart_sfc_indicators", totals))
	for _, m := range s.models {
		if m.Name == "mart_opendata_indicators" {
			if _, err := s.conn.ExecContext(context.Background(), m.SQL); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestOpenDataRule runs mart_opendata_indicators on hand-made rows (every case of its rule) in
// place of the members and totals the scenario's models made. "participants" is a unit that
// counts people here, "persons" (R.4.4, R.4.5) is not.
func TestOpenDataRule(t *testing.T) {
	s := openDataSession(t)
	// cut-off, indicator, action ('' for the SO's cell), achieved value.
	cells := [][]any{
		// Two small counts adding up to 5 beside a published 9: each can be 1 … 4 (5 - 4 … 5 - 1).
		{"2022-12-31", "O.1.1", "", 14}, {"2022-12-31", "O.1.1", "1A1", 2}, {"2022-12-31", "O.1.1", "OS1", 3}, {"2022-12-31", "O.1.1", "2A1", 9},
		// Two small counts adding up to 4: each at most 3, so the smaller other cell, 7, goes too.
		{"2022-06-30", "O.1.1", "", 10}, {"2022-06-30", "O.1.1", "1A1", 2}, {"2022-06-30", "O.1.1", "OS1", 2}, {"2022-06-30", "O.1.1", "2A1", 6},
		{"2022-12-31", "O.1.1.1", "", 21}, {"2022-12-31", "O.1.1.1", "1A1", 1}, {"2022-12-31", "O.1.1.1", "OS1", 1},
		{"2022-12-31", "O.1.1.1", "2A1", 7}, {"2022-12-31", "O.1.1.1", "2A2", 12},
		// Two small counts adding up to 6: each at least 2, so the other cell goes too.
		{"2022-06-30", "O.1.1.1", "", 16}, {"2022-06-30", "O.1.1.1", "1A1", 2}, {"2022-06-30", "O.1.1.1", "OS1", 4}, {"2022-06-30", "O.1.1.1", "2A1", 10},
		// 3 + 4 = 7 and nothing else but a zero: only withholding the SO's 7 protects them.
		{"2022-12-31", "O.2.3", "", 7}, {"2022-12-31", "O.2.3", "1A1", 3}, {"2022-12-31", "O.2.3", "2A1", 4}, {"2022-12-31", "O.2.3", "2A2", 0},
		// A small SO cell with one small action cell: both '<5' (each is the other).
		{"2022-12-31", "O.2.3.1", "", 3}, {"2022-12-31", "O.2.3.1", "2A1", 3}, {"2022-12-31", "O.2.3.1", "2A2", 0},
		// A small SO cell with two small action cells: '<5' on it would bound them below 4.
		{"2022-12-31", "O.3.1", "", 3}, {"2022-12-31", "O.3.1", "SA3", 1}, {"2022-12-31", "O.3.1", "OS1", 2},
		// Persons do not count people here; zeros are no one.
		{"2022-12-31", "R.4.4", "", 1}, {"2022-12-31", "R.4.4", "RS4", 1}, {"2022-12-31", "R.4.5", "", 0},
	}
	runOpenData(t, s, cells)
	got := queryStrings(t, s.conn, "SELECT cutoff_date, indicator, action, suppression, published_value FROM mart_opendata_indicators ORDER BY ALL")
	want := []string{
		"2022-06-30|O.1.1|||10", "2022-06-30|O.1.1|1A1|primary|<5", "2022-06-30|O.1.1|2A1|secondary|..", "2022-06-30|O.1.1|OS1|primary|<5",
		"2022-06-30|O.1.1.1|||16", "2022-06-30|O.1.1.1|1A1|primary|<5", "2022-06-30|O.1.1.1|2A1|secondary|..", "2022-06-30|O.1.1.1|OS1|primary|<5",
		"2022-12-31|O.1.1|||14", "2022-12-31|O.1.1|1A1|primary|<5", "2022-12-31|O.1.1|2A1||9", "2022-12-31|O.1.1|OS1|primary|<5",
		"2022-12-31|O.1.1.1|||21", "2022-12-31|O.1.1.1|1A1|primary|<5", "2022-12-31|O.1.1.1|2A1|secondary|..",
		"2022-12-31|O.1.1.1|2A2||12", "2022-12-31|O.1.1.1|OS1|primary|<5",
		"2022-12-31|O.2.3||secondary|..", "2022-12-31|O.2.3|1A1|primary|<5", "2022-12-31|O.2.3|2A1|primary|<5", "2022-12-31|O.2.3|2A2||0",
		"2022-12-31|O.2.3.1||primary|<5", "2022-12-31|O.2.3.1|2A1|primary|<5", "2022-12-31|O.2.3.1|2A2||0",
		"2022-12-31|O.3.1||primary|..", "2022-12-31|O.3.1|OS1|primary|<5", "2022-12-31|O.3.1|SA3|primary|<5",
		"2022-12-31|R.4.4|||1", "2022-12-31|R.4.4|RS4||1", "2022-12-31|R.4.5|||0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("published\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestOpenDataResistsRecovery publishes random tables through mart_opendata_indicators and
// attacks every withheld cell with linear programming from the published values and totals
// (package recovery): no cell may be worked out, and no "<5" narrowed below 1 … 4. Counts are
// mostly small, so that every case of the rule comes up; the published numbers must be the true
// ones.
func TestOpenDataResistsRecovery(t *testing.T) {
	s := openDataSession(t)
	rounds := 40
	if testing.Short() {
		rounds = 10
	}
	rng := rand.New(rand.NewSource(13))
	indicators := []string{"O.1.1", "O.1.1.1", "O.2.3", "O.2.3.1", "O.3.1", "R.2.8", "R.4.4"}
	actions := []string{"1A1", "OS1", "2A1", "2A2", "SA3", "RS4", "TR4"}
	seen := map[string]int{}
	for round := 0; round < rounds; round++ {
		var cells [][]any
		truth := map[string]int{}
		for _, cutoff := range []string{"2022-06-30", "2022-12-31"} {
			for _, ind := range indicators {
				total := 0
				for _, a := range actions[:1+rng.Intn(len(actions))] {
					v := rng.Intn(7)
					if rng.Intn(4) == 0 {
						v = 5 + rng.Intn(40)
					}
					total += v
					cells = append(cells, []any{cutoff, ind, a, v})
					truth[cutoff+" "+ind+" action "+a] = v
				}
				cells = append(cells, []any{cutoff, ind, "", total})
				truth[cutoff+" "+ind+" so "] = total
			}
		}
		runOpenData(t, s, cells)
		rows := queryStrings(t, s.conn, "SELECT strftime(cutoff_date, '%Y-%m-%d'), indicator, level, action, published_value, suppression, unit FROM mart_opendata_indicators ORDER BY ALL")
		records := [][]string{{"cutoff_date", "indicator", "level", "action", "achieved_value"}}
		for _, r := range rows {
			f := strings.Split(r, "|")
			records = append(records, f[:5])
			key, published, suppression, unit := strings.Join(f[:4], " "), f[4], f[5], f[6]
			v := truth[key]
			switch {
			case suppression == "":
				if published != strconv.Itoa(v) {
					t.Fatalf("round %d, %s: published %s, true value %d", round, key, published, v)
				}
				if unit == "participants" && v >= 1 && v <= 4 {
					t.Fatalf("round %d, %s: a count of %d participants published", round, key, v)
				}
			case suppression == "primary" && (v < 1 || v > 4 || unit != "participants"):
				t.Fatalf("round %d, %s: %d (%s) withheld as a small count", round, key, v, unit)
			}
			seen[suppression+" "+published]++
		}
		cs, sums, err := recovery.OpenData(records)
		if err != nil {
			t.Fatal(err)
		}
		bounds, err := recovery.Attack(cs, sums)
		if err != nil {
			t.Fatal(err)
		}
		if failed := recovery.Protected(cs, bounds); len(failed) > 0 {
			t.Fatalf("round %d: the attack recovered\n  %s", round, strings.Join(failed, "\n  "))
		}
	}
	for _, want := range []string{"primary <5", "primary ..", "secondary .."} {
		if seen[want] == 0 {
			t.Errorf("no cell was %s in %d rounds: a case of the rule went untested (%v)", want, rounds, seen)
		}
	}
}

// TestAPRShareTargetHasNoNumberFallback: a result indicator measured against a share target
// takes its shares from mart_result_achievement alone. Where that has none (the output it is a
// share of achieved nothing), the catalogue's number target must not stand in: R.1.5's 40 of
// 3200 is not 1.3 % of anything the report states.
func TestAPRShareTargetHasNoNumberFallback(t *testing.T) {
	conn := testDuckDB(t)
	ctx := context.Background()
	model := modelSQL(t, "mart_apr_progress")
	setup := []string{
		`CREATE TABLE accounting_years AS SELECT 2026 AS report_year, DATE '2024-07-01' AS period_start, DATE '2025-06-30' AS period_end,
			DATE '2025-06-30' AS cutoff_date, DATE '2024-06-30' AS previous_cutoff_date`,
		`CREATE TABLE cat_programme AS SELECT DATE '2024-12-31' AS milestone_date`,
		// O.1.1 has a number target only; R.1.5 a share target (80 % of O.1.2, which achieved
		// nothing) and, in cat_goals, a number target of 3200 too.
		`CREATE TABLE mart_achievement AS SELECT * FROM (VALUES
			(DATE '2025-06-30', 1, 'O.1.1', 100, 40, 10, NULL, NULL, NULL, 200, 200, 500),
			(DATE '2025-06-30', 1, 'R.1.5', 100, 40, 10, NULL, NULL, NULL, 3200, 13, 31)
		) t(cutoff_date, so, indicator, selected_value, achieved_value, achieved_in_year, milestone_2024,
			pct_of_milestone_at_check_tenths, achieved_at_milestone_check, target_2029, achieved_pct_of_target_tenths,
			selected_pct_of_target_tenths)`,
		`CREATE TABLE mart_sfc_indicators AS SELECT * FROM (VALUES
			(DATE '2025-06-30', 'O.1.1', 'output', 'participants'), (DATE '2025-06-30', 'R.1.5', 'result', 'participants')
		) t(cutoff_date, indicator, kind, unit)`,
		`CREATE TABLE mart_projections AS SELECT * FROM (VALUES (DATE '2025-06-30', 'O.1.1', 80)) t(cutoff_date, indicator, projected_value)`,
		`CREATE TABLE mart_result_achievement AS SELECT * FROM (VALUES
			(DATE '2025-06-30', 'R.1.5', CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 0, 'share', 2021, 'share', 'O.1.2', 80, 0,
			 CAST(NULL AS BIGINT), 'assumed')
		) t(cutoff_date, indicator, achieved_pct_of_target_tenths, selected_pct_of_target_tenths, baseline, baseline_unit,
			reference_year, target_type, denominator, target_share_pct, denominator_achieved, achieved_share_tenths, basis)`,
		model,
	}
	for _, q := range setup {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	got := queryStrings(t, conn, `SELECT indicator, target_2029, target_pct_tenths, selected_pct_of_target_tenths
		FROM mart_apr_progress ORDER BY indicator`)
	want := []string{"O.1.1|200|200|500", "R.1.5|NULL|NULL|NULL"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
