package transform

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// siteKnownAnswers are the known answers of the report site's marts on the scenario of
// scenario_test.go (TestModelKnownAnswers runs them with the others).
var siteKnownAnswers = []struct {
	model string
	query string
	want  []string
}{
	// O.1.1 (target 100, milestone 10): at C1 the projection of 36 is below 80 % of the target
	// (behind); at C2 80 reaches 80 % but not 100 % (at risk), and 10 of the milestone of 10 is
	// 100.0 %. O.2.3's milestone of 0 gives no share. R.2.8: 11 of 20 is 55.0 %. O.1.1.1 is an
	// "of which" and has no target.
	{"mart_indicator_progress", "SELECT cutoff_date, indicator, main, projected_value, achieved_permille_of_target, selected_permille_of_target, projected_permille_of_target, milestone_check_date, achieved_permille_of_milestone, status FROM mart_indicator_progress WHERE requested AND indicator IN ('O.1.1', 'O.1.1.1', 'O.2.3', 'R.2.8') ORDER BY ALL", []string{
		"2022-06-30|O.1.1|true|36|60|400|360|2022-06-30|600|behind",
		"2022-06-30|O.1.1.1|false|0|NULL|NULL|NULL|2022-06-30|NULL|not_assessed",
		"2022-06-30|O.2.3|true|48|160|540|960|2022-06-30|NULL|at_risk",
		"2022-06-30|R.2.8|true|66|550|600|3300|2022-06-30|NULL|on_track",
		"2022-12-31|O.1.1|true|80|100|450|800|2022-12-31|1000|at_risk",
		"2022-12-31|O.1.1.1|false|0|NULL|NULL|NULL|2022-12-31|NULL|not_assessed",
		"2022-12-31|O.2.3|true|136|340|540|2720|2022-12-31|NULL|on_track",
		"2022-12-31|R.2.8|true|88|550|600|4400|2022-12-31|NULL|on_track"}},
	// SO 3's only main indicator, O.3.1, has no target; SO 4 has no operation.
	{"mart_so_status", "SELECT cutoff_date, so, assessed, on_track, at_risk, behind, status FROM mart_so_status WHERE requested ORDER BY ALL", []string{
		"2022-06-30|1|1|0|0|1|behind", "2022-06-30|2|2|1|1|0|at_risk", "2022-06-30|3|0|0|0|0|not_assessed", "2022-06-30|4|0|0|0|0|not_assessed",
		"2022-12-31|1|1|0|1|0|at_risk", "2022-12-31|2|2|2|0|0|on_track", "2022-12-31|3|0|0|0|0|not_assessed", "2022-12-31|4|0|0|0|0|not_assessed"}},
	// Table 1's rows as mart_sfc_financial has them (see its known answer), TA and SO 4 included,
	// and the programme at C2: the 'all' rows of SO 1-4 and TA added up: 2 + 1 + 1 operations;
	// eligible 1200.00 + 300.01 + 90.00 = 1590.01, public 1100.00 + 300.00 + 90.00 = 1490.00, EU
	// 950.00 + 225.01 + 81.00 = 1256.01, declared 104.34 + 60.00 = 164.34; Union allocation
	// 1500.50 + 2000.00 + 300.00 + 100.00 + 234.03 = 4134.53, total 1833.83 + 2666.67 + 333.33 +
	// 100.00 + 234.03 = 5167.86. Shares of the total, one decimal: rate 4134.53 / 5167.86 =
	// 80.004 % -> 800, selected 1590.01 / 5167.86 = 30.77 % -> 308, declared 164.34 / 5167.86 =
	// 3.180 % -> 32.
	{"mart_finance_progress", "SELECT so_code, support_type, so_rank, selected_operations, eligible_cost_cents, public_eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents, total_allocation_cents, cofinancing_rate_tenths, selected_pct_tenths, declared_pct_tenths, plan_basis FROM mart_finance_progress WHERE cutoff_date = '2022-12-31' AND (support_type = 'all' OR so_code = '3') ORDER BY so_rank, support_type_rank", []string{
		"1|all|1|2|120000|110000|95000|10434|150050|183383|818|654|57|derived",
		"2|all|2|1|30001|30000|22501|6000|200000|266667|750|113|22|derived",
		"3|project|3|0|0|0|0|0|0|0|NULL|NULL|NULL|",
		"3|operating|3|0|0|0|0|0|0|0|NULL|NULL|NULL|",
		"3|specific_action|3|1|9000|9000|8100|0|30000|33333|900|270|0|derived",
		"3|all|3|1|9000|9000|8100|0|30000|33333|900|270|0|derived",
		"4|all|4|0|0|0|0|0|10000|10000|1000|0|0|assumed",
		"TA|all|5|0|0|0|0|0|23403|23403|1000|0|0|derived: 6 %",
		"programme|all|6|4|159001|149000|125601|16434|413453|516786|800|308|32|assumed | derived | derived: 6 %"}},
	// At C2 (2022-12-31) only the first half of 2022 is due (from 2022-08-31): P4's came late,
	// P5's is missing; a half-year received early (P1's second) shows as received.
	{"mart_completeness_cells", "SELECT cutoff_date, project_id, half_start, state FROM mart_completeness_cells WHERE half_start <= '2022-07-01' ORDER BY ALL", []string{
		"2022-12-31|P1|2022-01-01|on_time", "2022-12-31|P1|2022-07-01|on_time",
		"2022-12-31|P3|2022-01-01|on_time", "2022-12-31|P3|2022-07-01|not_due",
		"2022-12-31|P4|2022-01-01|late", "2022-12-31|P4|2022-07-01|on_time",
		"2022-12-31|P5|2022-01-01|missing", "2022-12-31|P5|2022-07-01|not_due"}},
	// SO 3's P5 sent nothing for the first half of 2022; the programme adds the SOs up.
	{"mart_completeness_totals", "SELECT cutoff_date, so, expected, received, late, missing FROM mart_completeness_totals WHERE requested ORDER BY ALL", []string{
		"2022-06-30|0|0|0|0|0", "2022-06-30|1|0|0|0|0", "2022-06-30|2|0|0|0|0", "2022-06-30|3|0|0|0|0", "2022-06-30|4|0|0|0|0",
		"2022-12-31|0|4|3|1|1", "2022-12-31|1|2|2|0|0", "2022-12-31|2|1|1|1|0", "2022-12-31|3|1|0|0|1", "2022-12-31|4|0|0|0|0"}},
	// P4's second half rejected in r1 and accepted (G) in r2: corrected; P5's never accepted:
	// outstanding; broken.xlsx read in r2: corrected; x.json: outstanding. Reports never rejected
	// are not there.
	{"mart_report_status", "SELECT subject_kind, subject, rejections, last_rejected_at, last_rejected_file, last_accepted_at, status FROM mart_report_status ORDER BY ALL", []string{
		"file|reports/broken.xlsx|1|2022-08-01|reports/broken.xlsx|2023-01-20|corrected",
		"file|reports/x.json|1|2023-01-20|reports/x.json|NULL|outstanding",
		"report|P4 2022-07-01..2022-12-31|1|2022-08-01|reports/p4.csv|2023-01-20|corrected",
		"report|P5 2022-01-01..2022-06-30|1|2022-08-01|reports/p5.csv|NULL|outstanding"}},
	// r1: A, B, D, all new; r2: A2 corrects A, E, C, F, G are new reports (of P1 and P4). The
	// uncommitted r3 is not there.
	{"mart_run_intake", "SELECT run_id, versions, new_reports, corrections, projects, rejected_reports, register FROM mart_run_intake ORDER BY ALL", []string{
		"20220801T000000Z|3|3|0|3|3|true", "20230120T000000Z|5|4|1|2|1|true"}},
}

// TestIndicatorStatusRule runs mart_indicator_progress on hand-made inputs that take each branch
// of its status rule, the milestone judged at 2024-12-31 included, and the rounding of shares.
func TestIndicatorStatusRule(t *testing.T) {
	ctx := context.Background()
	conn := testDuckDB(t)
	model := modelSQL(t, "mart_indicator_progress")
	setup := []string{
		`CREATE TABLE cat_indicators AS SELECT * FROM (VALUES ('O.1.1', ''), ('O.1.1.1', 'O.1.1'), ('O.1.2', ''), ('O.1.3', ''), ('R.1.5', ''), ('O.1.4', '')) t(code, parent)`,
		// O.1.1: met its milestone of 10 at 2024-12-31 (12), projected 200 of 200: on track.
		// O.1.2: projected 300 of 200 but 4 of the milestone 10 at 2024-12-31: at risk.
		// O.1.3: projected 159 of 200 (79.5 %): behind; 160 would be at risk.
		// O.1.4: projected 160 of 200 (80 %): at risk. R.1.5: no target. O.1.1.1: an "of which".
		`CREATE TABLE mart_sfc_indicators AS SELECT * FROM (VALUES
			(DATE '2024-12-31', true, 1, 'O.1.1', 'output', 'p', 50, 12, 10, 200),
			(DATE '2025-06-30', true, 1, 'O.1.1', 'output', 'p', 50, 13, 10, 200),
			(DATE '2024-12-31', true, 1, 'O.1.2', 'output', 'p', 50, 4, 10, 200),
			(DATE '2025-06-30', true, 1, 'O.1.2', 'output', 'p', 50, 50, 10, 200),
			(DATE '2025-06-30', true, 1, 'O.1.3', 'output', 'p', 50, 1, NULL, 200),
			(DATE '2025-06-30', true, 1, 'O.1.4', 'output', 'p', 50, 3, NULL, 200),
			(DATE '2025-06-30', true, 1, 'R.1.5', 'result', 'p', 50, 7, NULL, NULL),
			(DATE '2025-06-30', true, 1, 'O.1.1.1', 'output', 'p', 5, 1, NULL, NULL)
		) t(cutoff_date, requested, so, indicator, kind, unit, selected_value, achieved_value, milestone_2024, target_2029)`,
		`CREATE TABLE mart_projections AS SELECT * FROM (VALUES
			(DATE '2024-12-31', 'O.1.1', 150), (DATE '2025-06-30', 'O.1.1', 200),
			(DATE '2024-12-31', 'O.1.2', 300), (DATE '2025-06-30', 'O.1.2', 300),
			(DATE '2025-06-30', 'O.1.3', 159), (DATE '2025-06-30', 'O.1.4', 160),
			(DATE '2025-06-30', 'R.1.5', 9), (DATE '2025-06-30', 'O.1.1.1', 2)
		) t(cutoff_date, indicator, projected_value)`,
		model,
	}
	for _, q := range setup {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	got := queryStrings(t, conn, `SELECT cutoff_date, indicator, main, achieved_permille_of_target, projected_permille_of_target,
		milestone_check_date, achieved_at_milestone_check, achieved_permille_of_milestone, status
		FROM mart_indicator_progress ORDER BY ALL`)
	want := []string{
		// 12 of the milestone 10 at 2024-12-31; the projection 150 of 200 (75 %) is behind then.
		"2024-12-31|O.1.1|true|60|750|2024-12-31|12|1200|behind",
		"2024-12-31|O.1.2|true|20|1500|2024-12-31|4|400|at_risk",
		"2025-06-30|O.1.1|true|65|1000|2024-12-31|12|1200|on_track",
		"2025-06-30|O.1.1.1|false|NULL|NULL|2024-12-31|NULL|NULL|not_assessed",
		"2025-06-30|O.1.2|true|250|1500|2024-12-31|4|400|at_risk",
		// 1 / 200 = 5 per mille; 3 / 200 = 15.
		"2025-06-30|O.1.3|true|5|795|2024-12-31|NULL|NULL|behind",
		"2025-06-30|O.1.4|true|15|800|2024-12-31|NULL|NULL|at_risk",
		"2025-06-30|R.1.5|true|NULL|NULL|2024-12-31|NULL|NULL|not_assessed",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestProjectPagesGoToLinkedProjects: when the register has more projects than get a page, the
// pages go first to the projects the site links to (the lower the rank of the list, the
// sooner), then to the others in project order.
func TestProjectPagesGoToLinkedProjects(t *testing.T) {
	s := openScenario(t)
	ctx := context.Background()
	for _, tc := range []struct {
		linked [][]any
		limit  int
		want   []string
	}{
		{nil, 3, []string{"P1|5", "P2|5", "P3|5"}},
		{[][]any{{"P5", int32(4)}, {"P4", int32(1)}, {"P5", int32(2)}, {"X9", int32(1)}}, 3, []string{"P1|5", "P4|5", "P5|5"}},
		{[][]any{{"P5", int32(4)}, {"P4", int32(1)}}, 1, []string{"P4|5"}},
	} {
		if err := execQuery(ctx, s.conn, siteQueries["linked_table"]); err != nil {
			t.Fatal(err)
		}
		if err := appendRows(ctx, s.conn, "site_linked", tc.linked); err != nil {
			t.Fatal(err)
		}
		if err := execQuery(ctx, s.conn, siteQueries["projects"], param("limit", tc.limit)); err != nil {
			t.Fatal(err)
		}
		if got := queryStrings(t, s.conn, `SELECT project_id, total FROM site_projects ORDER BY project_id`); !slices.Equal(got, tc.want) {
			t.Errorf("linked %v, %d pages: %v, want %v", tc.linked, tc.limit, got, tc.want)
		}
	}
}

// TestLineageIndicatorsTopN: site_lineage_indicators ranks only the rows at or above each
// indicator's floor; on random breakdowns full of ties (and an indicator with fewer projects
// than the limit) it must list exactly what ranking every row would.
func TestLineageIndicatorsTopN(t *testing.T) {
	ctx := context.Background()
	conn := testDuckDB(t)
	const limit = 5
	var got, want []string
	scanInto := func(out *[]string) func(*sql.Rows) error {
		return func(r *sql.Rows) error {
			var ind, project string
			var selected, achieved, total sql.NullInt64
			if err := r.Scan(&ind, &project, &selected, &achieved, &total); err != nil {
				return err
			}
			*out = append(*out, fmt.Sprint(ind, project, selected, achieved, total))
			return nil
		}
	}
	plain := fmt.Sprintf(`
		WITH ranked AS (
		    SELECT indicator, member AS project_id, selected_value, achieved_value,
		           row_number() OVER (PARTITION BY indicator ORDER BY achieved_value DESC NULLS LAST, selected_value DESC NULLS LAST, member) AS n,
		           count(*) OVER (PARTITION BY indicator) AS total
		    FROM mart_indicator_breakdowns WHERE dimension = 'project'
		)
		SELECT indicator, project_id, selected_value, achieved_value, total FROM ranked WHERE n <= %d ORDER BY indicator, n`, limit)
	for seed := range 20 {
		setup := fmt.Sprintf(`CREATE OR REPLACE TABLE mart_indicator_breakdowns AS
			SELECT 'O.' || (i %% 4) AS indicator, CASE WHEN i %% 9 = 0 THEN 'action' ELSE 'project' END AS dimension,
			       'P' || lpad(CAST(i AS VARCHAR), 4, '0') AS member,
			       CASE WHEN hash(i, %[1]d, 's') %% 11 = 0 THEN NULL ELSE hash(i, %[1]d, 's') %% 3 END AS selected_value,
			       CASE WHEN hash(i, %[1]d, 'a') %% 13 = 0 THEN NULL ELSE hash(i, %[1]d, 'a') %% 4 END AS achieved_value
			FROM range(%[2]d) t(i)
			UNION ALL SELECT 'O.9', 'project', 'P9999', 1, 1`, seed, 40+seed*7)
		if _, err := conn.ExecContext(ctx, setup); err != nil {
			t.Fatal(err)
		}
		got, want = nil, nil
		if err := query(ctx, conn, siteQueries["lineage_indicators"], scanInto(&got), param("limit", limit)); err != nil {
			t.Fatal(err)
		}
		rows, err := conn.QueryContext(ctx, plain)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			if err := scanInto(&want)(rows); err != nil {
				t.Fatal(err)
			}
		}
		rows.Close()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("seed %d: the query lists\n%s\nranking every row lists\n%s", seed, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
