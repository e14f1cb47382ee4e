package transform

import (
	"fmt"
	"strings"
	"testing"
)

// TestModelKeys checks every model's declared key on the hand-made warehouse: never null, never
// repeated, and the table not empty (an empty table would pass any key test).
func TestModelKeys(t *testing.T) {
	s, overdue := openScenario(t), openScenarioAt(t, overdueCutoffs)
	for _, m := range s.models {
		t.Run(m.Name, func(t *testing.T) {
			s := s
			if emptyOnScenario[m.Name] {
				s = overdue
			}
			cols := strings.Join(m.Key, ", ")
			var nullConds []string
			for _, k := range m.Key {
				nullConds = append(nullConds, k+" IS NULL")
			}
			n := queryStrings(t, s.conn, "SELECT count(*) FROM "+m.Name)
			if n[0] == "0" {
				t.Fatalf("%s is empty on the scenario", m.Name)
			}
			if nulls := queryStrings(t, s.conn, fmt.Sprintf("SELECT count(*) FROM %s WHERE %s", m.Name, strings.Join(nullConds, " OR "))); nulls[0] != "0" {
				t.Errorf("%s: %s rows with a null key column", m.Name, nulls[0])
			}
			if dups := queryStrings(t, s.conn, fmt.Sprintf("SELECT %s, count(*) FROM %s GROUP BY ALL HAVING count(*) > 1 LIMIT 5", cols, m.Name)); len(dups) > 0 {
				t.Errorf("%s: key (%s) repeats: %v", m.Name, cols, dups)
			}
		})
	}
}

// emptyOnScenario are the models with no row on the scenario at its cut-offs: their key and
// known answer are checked at overdueCutoffs.
var emptyOnScenario = map[string]bool{"int_project_checks": true}

// TestModelKnownAnswers checks each model against values worked out by hand on the scenario of
// scenario_test.go. Cut-offs 2022-06-30 (C1) and 2022-12-31 (C2); as of 2023-04-01 the register
// is r2's (P2 cancelled), the targets r1's, and in force are A2 (not A), B, C, D, F, G (E
// overlaps A and is rejected; H belongs to an uncommitted run).
func TestModelKnownAnswers(t *testing.T) {
	s := openScenario(t)
	requested := "cutoff_date IN ('2022-06-30', '2022-12-31')"
	tests := []struct {
		model string
		query string
		want  []string
	}{
		{"stg_report_versions", "SELECT project_id, period_end, submitted_at FROM stg_report_versions ORDER BY submitted_at", []string{
			"P1|2022-06-30|2022-07-10T07:00:00Z", "P2|2022-06-30|2022-07-10T12:00:00Z", "P3|2022-06-30|2022-07-20T12:00:00Z",
			"P1|2022-06-30|2022-08-05T09:00:00Z", "P1|2022-12-31|2022-09-01T09:00:00Z", "P4|2022-06-30|2022-09-15T09:00:00Z",
			"P1|2022-12-31|2023-01-15T09:00:00Z", "P4|2022-12-31|2023-01-19T09:00:00Z"}},
		// The targets were ingested by r1 alone; r3's register is not committed.
		{"stg_snapshots", "SELECT source, run_id, ingested_at FROM stg_snapshots ORDER BY source", []string{
			"project_targets|20220801T000000Z|2022-08-01", "projects|20230120T000000Z|2023-01-20"}},
		{"stg_projects", "SELECT project_id, status, selected_on FROM stg_projects ORDER BY project_id", []string{
			"P1|ongoing|2022-01-15", "P2|cancelled|2022-02-01", "P3|completed|2022-07-15", "P4|ongoing|2022-01-01", "P5|ongoing|2022-01-01"}},
		{"stg_project_targets", "SELECT count(*), sum(target) FROM stg_project_targets", []string{"9|213"}},
		{"int_reports_in_force", "SELECT project_id, period_start, submitted_at, first_submitted_at FROM int_reports_in_force ORDER BY project_id, period_start", []string{
			"P1|2022-01-01|2022-08-05T09:00:00Z|2022-07-10T07:00:00Z", "P1|2022-07-01|2023-01-15T09:00:00Z|2023-01-15T09:00:00Z",
			"P2|2022-03-01|2022-07-10T12:00:00Z|2022-07-10T12:00:00Z", "P3|2022-01-01|2022-07-20T12:00:00Z|2022-07-20T12:00:00Z",
			"P4|2022-01-01|2022-09-15T09:00:00Z|2022-09-15T09:00:00Z", "P4|2022-07-01|2023-01-19T09:00:00Z|2023-01-19T09:00:00Z"}},
		// P2 is cancelled; P3, selected on 2022-07-15, counts from the cut-off after, 2022-08-31.
		{"int_operations", "SELECT project_id, so, support_type, measure, beneficiary_type, selected_cutoff FROM int_operations ORDER BY ALL", []string{
			"P1|1|project|1A|ngo|2022-03-31", "P3|1|operating|OS1|state_authority|2022-08-31",
			"P4|2|project|2A|university|2022-03-31", "P5|3|specific_action|SA3|ngo|2022-03-31"}},
		// A2 replaced A whole: P1's first period has no O.1.1.1 or O.2.3 any more. P3's report
		// for the first half of 2022 counts only once P3 is selected (from 2022-08-31).
		{"int_item_contributions", "SELECT grain, item, action, project_id, counts_from, value_sum, amount_cents, items FROM int_item_contributions WHERE action IN ('1A1', 'OS1') OR project_id IN ('P1', 'P3') ORDER BY ALL", []string{
			"member|O.1.1|1A1||2022-06-30|6|NULL|1", "member|O.1.1|1A1||2022-12-31|3|NULL|1", "member|O.1.1|OS1||2022-08-31|1|NULL|1",
			"member|O.2.3|1A1||2022-12-31|4|NULL|1", "member|expenditure_eur|1A1||2022-06-30|NULL|10002|1",
			"member|expenditure_eur|1A1||2022-12-31|NULL|99|1", "member|expenditure_eur|OS1||2022-08-31|NULL|333|1",
			// At the latest requested cut-off, 2022-12-31, by project.
			"project|O.1.1||P1|2022-12-31|9|NULL|2", "project|O.1.1||P3|2022-12-31|1|NULL|1",
			"project|O.2.3||P1|2022-12-31|4|NULL|1", "project|expenditure_eur||P1|2022-12-31|NULL|10101|2",
			"project|expenditure_eur||P3|2022-12-31|NULL|333|1"}},
		// P2's target of 99 is gone with P2 (cancelled).
		{"int_target_contributions", "SELECT indicator, action, counts_from, target_sum, targets FROM int_target_contributions WHERE indicator = 'O.2.3' OR action = 'OS1' ORDER BY ALL", []string{
			"O.1.1|OS1|2022-08-31|5|1", "O.2.3|1A1|2022-03-31|7|1", "O.2.3|2A2|2022-03-31|20|1"}},
		{"int_indicator_members_at_cutoff", "SELECT cutoff_date, indicator, action, beneficiary_type, so, selected_value, achieved_value FROM int_indicator_members_at_cutoff WHERE " + requested + " AND indicator IN ('O.1.1', 'O.1.1.1', 'O.2.3') ORDER BY ALL", []string{
			"2022-06-30|O.1.1|1A1|ngo|1|40|6", "2022-06-30|O.1.1.1|1A1|ngo|1|5|0",
			"2022-06-30|O.2.3|1A1|ngo|2|7|0", "2022-06-30|O.2.3|2A2|university|2|20|8",
			"2022-12-31|O.1.1|1A1|ngo|1|40|9", "2022-12-31|O.1.1|OS1|state_authority|1|5|1", "2022-12-31|O.1.1.1|1A1|ngo|1|5|0",
			"2022-12-31|O.2.3|1A1|ngo|2|7|4", "2022-12-31|O.2.3|2A2|university|2|20|13"}},
		// The first half of 2022 is expected from 2022-08-31 (it ended 60 days before), the second
		// from 2023-03-31; C was sent 77 days after its end (late); P5 sent nothing.
		{"int_expected_reports", "SELECT project_id, half_start, half_end, expected_from, received, late FROM int_expected_reports WHERE half_start <= '2022-07-01' ORDER BY ALL", []string{
			"P1|2022-01-01|2022-06-30|2022-08-31|true|false", "P1|2022-07-01|2022-12-31|2023-03-31|true|false",
			"P3|2022-01-01|2022-06-30|2022-08-31|true|false", "P3|2022-07-01|2022-12-31|2023-03-31|false|false",
			"P4|2022-01-01|2022-06-30|2022-08-31|true|true", "P4|2022-07-01|2022-12-31|2023-03-31|true|false",
			"P5|2022-01-01|2022-06-30|2022-08-31|false|false", "P5|2022-07-01|2022-12-31|2023-03-31|false|false"}},
		{"mart_sfc_indicators", "SELECT cutoff_date, so, indicator, kind, selected_value, achieved_value, milestone_2024, target_2029 FROM mart_sfc_indicators WHERE requested ORDER BY cutoff_date, indicator", []string{
			"2022-06-30|1|O.1.1|output|40|6|10|100", "2022-06-30|1|O.1.1.1|output|5|0|NULL|NULL", "2022-06-30|1|O.1.2|output|0|0|NULL|NULL",
			"2022-06-30|2|O.2.3|output|27|8|0|50", "2022-06-30|2|O.2.3.1|output|10|9|NULL|NULL",
			"2022-06-30|3|O.3.1|output|15|0|NULL|NULL", "2022-06-30|1|R.1.5|result|0|0|NULL|NULL",
			"2022-06-30|2|R.2.10|result|0|0|NULL|NULL", "2022-06-30|2|R.2.8|result|12|11|NULL|20",
			"2022-06-30|4|R.4.3|result|0|0|NULL|NULL", "2022-06-30|4|R.4.4|result|0|0|NULL|NULL", "2022-06-30|4|R.4.5|result|0|0|NULL|NULL",
			"2022-12-31|1|O.1.1|output|45|10|10|100", "2022-12-31|1|O.1.1.1|output|5|0|NULL|NULL", "2022-12-31|1|O.1.2|output|0|0|NULL|NULL",
			"2022-12-31|2|O.2.3|output|27|17|0|50", "2022-12-31|2|O.2.3.1|output|10|9|NULL|NULL",
			"2022-12-31|3|O.3.1|output|15|0|NULL|NULL", "2022-12-31|1|R.1.5|result|0|0|NULL|NULL",
			"2022-12-31|2|R.2.10|result|0|0|NULL|NULL", "2022-12-31|2|R.2.8|result|12|11|NULL|20",
			"2022-12-31|4|R.4.3|result|0|0|NULL|NULL", "2022-12-31|4|R.4.4|result|0|0|NULL|NULL", "2022-12-31|4|R.4.5|result|0|0|NULL|NULL"}},
		// Table 1 v2 at C2. P1 brings 100.00 of private money (public 900.00), P4 0.01. The plan
		// (testcat): SO1 project 1000.00 + 333.33 national at 75 %, operating 500.50 at 100 %, SO2
		// project 2000.00 + 666.67, SO3 specific actions 300.00 + 33.33 at 90 %, SO4 100.00
		// (assumed), TA 234.03. Shares of the total allocation, one decimal, half away from zero:
		// SO1 project 1000 / 1333.33 = 75.0002 % -> 75.0, 101.01 / 1333.33 = 7.576 % -> 7.6, of the
		// eligible cost 101.01 / 1000 = 10.1 %; operating 200 / 500.50 = 39.96 % -> 40.0, 3.33 /
		// 500.50 = 0.665 % -> 0.7, 3.33 / 200 = 1.665 % -> 1.7; SO1 all: rate 1500.50 / 1833.83 =
		// 81.82 % -> 81.8, 1200 / 1833.83 = 65.44 % -> 65.4, 104.34 / 1833.83 = 5.69 % -> 5.7,
		// 104.34 / 1200 = 8.695 % -> 8.7; SO2: 300.01 / 2666.67 = 11.2504 % -> 11.3, 60 / 2666.67 =
		// 2.24999 % -> 2.2, 60 / 300.01 = 19.9993 % -> 20.0; SO3: 90 / 333.33 = 27.0 %.
		{"mart_sfc_financial", "SELECT so_code, support_type, selected_operations, eligible_cost_eur, public_eligible_cost_eur, eu_contribution_eur, declared_expenditure_eur, allocation_eur, total_allocation_eur, cofinancing_rate_pct, selected_pct_of_allocation, declared_pct_of_allocation, declared_of_eligible_tenths, plan_basis, typeof(declared_expenditure_eur) FROM mart_sfc_financial WHERE cutoff_date = '2022-12-31' ORDER BY so = 0, so, support_type_rank", []string{
			"1|project|1|1000.00|900.00|750.00|101.01|1000.00|1333.33|75.0|75.0|7.6|101|derived|DECIMAL(38,2)",
			"1|operating|1|200.00|200.00|200.00|3.33|500.50|500.50|100.0|40.0|0.7|17|derived|DECIMAL(38,2)",
			"1|specific_action|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"1|all|2|1200.00|1100.00|950.00|104.34|1500.50|1833.83|81.8|65.4|5.7|87|derived|DECIMAL(38,2)",
			"2|project|1|300.01|300.00|225.01|60.00|2000.00|2666.67|75.0|11.3|2.2|200|derived|DECIMAL(38,2)",
			"2|operating|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"2|specific_action|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"2|all|1|300.01|300.00|225.01|60.00|2000.00|2666.67|75.0|11.3|2.2|200|derived|DECIMAL(38,2)",
			"3|project|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"3|operating|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"3|specific_action|1|90.00|90.00|81.00|0.00|300.00|333.33|90.0|27.0|0.0|0|derived|DECIMAL(38,2)",
			"3|all|1|90.00|90.00|81.00|0.00|300.00|333.33|90.0|27.0|0.0|0|derived|DECIMAL(38,2)",
			"4|project|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"4|operating|0|0.00|0.00|0.00|0.00|0.00|0.00|NULL|NULL|NULL|NULL||DECIMAL(38,2)",
			"4|specific_action|0|0.00|0.00|0.00|0.00|100.00|100.00|100.0|0.0|0.0|NULL|assumed|DECIMAL(38,2)",
			"4|all|0|0.00|0.00|0.00|0.00|100.00|100.00|100.0|0.0|0.0|NULL|assumed|DECIMAL(38,2)",
			"TA|all|0|0.00|0.00|0.00|0.00|234.03|234.03|100.0|0.0|0.0|NULL|derived: 6 %|DECIMAL(38,2)"}},
		// What the operations add to Table 1, per SO, support type and the cut-off they count
		// from: each operation from its selection (P1, P4, P5 by 2022-03-31, P3 by 2022-08-31),
		// with the expenditure below from when it counts; P3's selection and its first report
		// count from the same cut-off (two items).
		{"int_financial_contributions", "SELECT * FROM int_financial_contributions ORDER BY ALL", []string{
			"1|operating|2022-08-31|1|20000|20000|20000|333|2", "1|project|2022-03-31|1|100000|90000|75000|0|1",
			"1|project|2022-06-30|0|0|0|0|10002|1", "1|project|2022-12-31|0|0|0|0|99|1",
			"2|project|2022-03-31|1|30001|30000|22501|0|1", "2|project|2022-06-30|0|0|0|0|5000|1",
			"2|project|2022-12-31|0|0|0|0|1000|1", "3|specific_action|2022-03-31|1|9000|9000|8100|0|1"}},
		// The same per intervention field: P1 and P3 share 001.
		{"int_intervention_contributions", "SELECT * FROM int_intervention_contributions WHERE dimension = 'intervention_field' ORDER BY ALL", []string{
			"1|intervention_field|001|2022-03-31|1|100000|90000|75000|0|1", "1|intervention_field|001|2022-06-30|0|0|0|0|10002|1",
			"1|intervention_field|001|2022-08-31|1|20000|20000|20000|333|2", "1|intervention_field|001|2022-12-31|0|0|0|0|99|1",
			"2|intervention_field|007|2022-03-31|1|30001|30000|22501|0|1", "2|intervention_field|007|2022-06-30|0|0|0|0|5000|1",
			"2|intervention_field|007|2022-12-31|0|0|0|0|1000|1", "3|intervention_field|021|2022-03-31|1|9000|9000|8100|0|1"}},
		// Each operation's expenditure by the first cut-off it counts at: P3 is selected on
		// 2022-07-15, so its report for the first half counts from 2022-08-31; P2 is cancelled.
		{"int_operation_expenditure", "SELECT project_id, counts_from, amount_cents FROM int_operation_expenditure ORDER BY ALL", []string{
			"P1|2022-06-30|10002", "P1|2022-12-31|99", "P3|2022-08-31|333", "P4|2022-06-30|5000", "P4|2022-12-31|1000"}},
		// Table 2: P1's own intervention field 001 and P4's own type of action 011 replace their
		// actions' defaults; each SO and dimension adds up to the 'all' row of Table 1.
		{"mart_sfc_financial_by_intervention", "SELECT cutoff_date, so, dimension, code, code_status, selected_operations, eligible_cost_eur, public_eligible_cost_eur, eu_contribution_eur, declared_expenditure_eur FROM mart_sfc_financial_by_intervention WHERE requested ORDER BY ALL", []string{
			"2022-06-30|1|implementation_modality|000|local|1|1000.00|900.00|750.00|100.02",
			"2022-06-30|1|intervention_field|001|unverified|1|1000.00|900.00|750.00|100.02",
			"2022-06-30|1|type_of_action|002|verified|1|1000.00|900.00|750.00|100.02",
			"2022-06-30|2|implementation_modality|001|unverified|1|300.01|300.00|225.01|50.00",
			"2022-06-30|2|intervention_field|007|unverified|1|300.01|300.00|225.01|50.00",
			"2022-06-30|2|type_of_action|011|unverified|1|300.01|300.00|225.01|50.00",
			"2022-06-30|3|implementation_modality|004|verified|1|90.00|90.00|81.00|0.00",
			"2022-06-30|3|intervention_field|021|unverified|1|90.00|90.00|81.00|0.00",
			"2022-06-30|3|type_of_action|002|verified|1|90.00|90.00|81.00|0.00",
			"2022-12-31|1|implementation_modality|000|local|2|1200.00|1100.00|950.00|104.34",
			"2022-12-31|1|intervention_field|001|unverified|2|1200.00|1100.00|950.00|104.34",
			"2022-12-31|1|type_of_action|002|verified|2|1200.00|1100.00|950.00|104.34",
			"2022-12-31|2|implementation_modality|001|unverified|1|300.01|300.00|225.01|60.00",
			"2022-12-31|2|intervention_field|007|unverified|1|300.01|300.00|225.01|60.00",
			"2022-12-31|2|type_of_action|011|unverified|1|300.01|300.00|225.01|60.00",
			"2022-12-31|3|implementation_modality|004|verified|1|90.00|90.00|81.00|0.00",
			"2022-12-31|3|intervention_field|021|unverified|1|90.00|90.00|81.00|0.00",
			"2022-12-31|3|type_of_action|002|verified|1|90.00|90.00|81.00|0.00"}},
		// Due 2022-07-31 (2022 and 2023): P1 declared 100.02 x 750/1000 = 75.02 of EU money in 181
		// days; 674.98 remain: 75.02 x 184/181 = 76.26 by the end of 2022, the 598.72 left in 2023,
		// when it ends. P4: 50.00 x 225.01/300.01 = 37.50 in 181 days: 38.12, then the 149.39 left.
		// P5 declared nothing: 81.00 evenly over the 549 days to its end: 81 x 184/549 = 27.14, then
		// 53.86. P3 is not selected yet. Due 2023-01-31: every operation ends in 2023 and claims
		// what remains: P1 750 - 101.01 x 0.75 (75.76) = 674.24, P3 200 - 3.33 = 196.67, P4 225.01
		// - 60 x 225.01/300.01 (45.00) = 180.01, P5 81.00.
		{"mart_forecast", "SELECT due_date, cutoff_date, so, year, next_year, current_year_eur, next_year_eur, operations FROM mart_forecast ORDER BY cutoff_date, so_rank, so", []string{
			"2022-07-31|2022-06-30|1|2022|2023|76.26|598.72|1", "2022-07-31|2022-06-30|2|2022|2023|38.12|149.39|1",
			"2022-07-31|2022-06-30|3|2022|2023|27.14|53.86|1", "2022-07-31|2022-06-30|4|2022|2023|0.00|0.00|0",
			"2022-07-31|2022-06-30|all|2022|2023|141.52|801.97|3",
			"2023-01-31|2022-12-31|1|2023|2024|870.91|0.00|2", "2023-01-31|2022-12-31|2|2023|2024|180.01|0.00|1",
			"2023-01-31|2022-12-31|3|2023|2024|81.00|0.00|1", "2023-01-31|2022-12-31|4|2023|2024|0.00|0.00|0",
			"2023-01-31|2022-12-31|all|2023|2024|1131.92|0.00|4"}},
		// The same per SO in cents, before the SOs are added up: only SOs with an operation that
		// has something to claim.
		{"int_forecast_contributions", "SELECT cutoff_date, so, current_cents, next_cents, operations FROM int_forecast_contributions ORDER BY ALL", []string{
			"2022-06-30|1|7626|59872|1", "2022-06-30|2|3812|14939|1", "2022-06-30|3|2714|5386|1",
			"2022-12-31|1|87091|0|2", "2022-12-31|2|18001|0|1", "2022-12-31|3|8100|0|1"}},
		{"int_operations", "SELECT project_id, public_eligible_cost_cents, intervention_field, type_of_action, implementation_modality FROM int_operations ORDER BY ALL", []string{
			"P1|90000|001|002|000", "P3|20000|001|002|000", "P4|30000|007|011|001", "P5|9000|021|002|004"}},
		// The latest requested cut-off here is 2022-12-31: P1's target 40 and its reported 9.
		{"int_project_breakdowns", "SELECT project_id, so, selected_value, achieved_value FROM int_project_breakdowns WHERE indicator = 'O.1.1' ORDER BY ALL", []string{
			"P1|1|40|9", "P3|1|5|1"}},
		{"mart_indicator_breakdowns", "SELECT dimension, member, selected_value, achieved_value FROM mart_indicator_breakdowns WHERE cutoff_date = '2022-12-31' AND indicator = 'O.1.1' ORDER BY ALL", []string{
			"action|1A1|40|9", "action|OS1|5|1", "beneficiary_type|ngo|40|9", "beneficiary_type|state_authority|5|1",
			"measure|1A|40|9", "measure|OS1|5|1", "project|P1|40|9", "project|P3|5|1"}},
		{"mart_achievement", "SELECT indicator, achieved_of_milestone, achieved_of_target, selected_of_target FROM mart_achievement WHERE cutoff_date = '2022-12-31' AND indicator IN ('O.1.1', 'O.2.3', 'R.2.8', 'O.3.1') ORDER BY indicator", []string{
			"O.1.1|1.0000|0.1000|0.4500", "O.2.3|NULL|0.3400|0.5400", "O.3.1|NULL|NULL|NULL", "R.2.8|NULL|0.5500|0.6000"}},
		// The same as tenths of a per cent; before the end of 2024 the milestone is judged on the
		// cut-off's own value (O.1.1: 10 of 10).
		{"mart_achievement", "SELECT indicator, achieved_pct_of_milestone_tenths, achieved_pct_of_target_tenths, selected_pct_of_target_tenths, milestone_check_date, achieved_at_milestone_check, pct_of_milestone_at_check_tenths FROM mart_achievement WHERE cutoff_date = '2022-12-31' AND indicator IN ('O.1.1', 'O.2.3', 'R.2.8', 'O.3.1') ORDER BY indicator", []string{
			"O.1.1|1000|100|450|2022-12-31|10|1000", "O.2.3|NULL|340|540|2022-12-31|17|NULL",
			"O.3.1|NULL|NULL|NULL|2022-12-31|0|NULL", "R.2.8|NULL|550|600|2022-12-31|11|NULL"}},
		// In the year: the change since the same cut-off a year earlier; 2021-06-30 is before the
		// first cut-off, so at C1 the whole value; at C2 less 2021-12-31's 0.
		{"mart_achievement", "SELECT cutoff_date, indicator, achieved_in_year FROM mart_achievement WHERE " + requested + " AND indicator IN ('O.1.1', 'O.2.3') ORDER BY ALL", []string{
			"2022-06-30|O.1.1|6", "2022-06-30|O.2.3|8", "2022-12-31|O.1.1|10", "2022-12-31|O.2.3|17"}},
		// 10434 / 150050 cents = 0.069536..; 95000 / 150050 = 0.633122..; like with like in tenths
		// of a per cent: 104.34 / 1833.83 (total) = 5.7 %, 950 / 1500.50 (Union) = 63.3 %;
		// 60 / 2666.67 = 2.2 %, 225.01 / 2000 = 11.25 % -> 11.3; 81 / 300 = 27.0 %.
		{"mart_absorption", "SELECT so, support_type, declared_of_allocation_ppm, eu_contribution_of_allocation_ppm, declared_pct_of_total_allocation_tenths, eu_contribution_pct_of_allocation_tenths FROM mart_absorption WHERE cutoff_date = '2022-12-31' AND support_type IN ('all', 'specific_action') ORDER BY ALL", []string{
			"0|all|0|0|0|0", "1|all|69536|633122|57|633", "1|specific_action|NULL|NULL|NULL|NULL",
			"2|all|30000|112505|22|113", "2|specific_action|NULL|NULL|NULL|NULL",
			"3|all|0|270000|0|270", "3|specific_action|0|270000|0|270", "4|all|0|0|0|0", "4|specific_action|0|0|0|0"}},
		{"mart_consistency", "SELECT cutoff_date, rule, severity, basis, lesser_value, greater_value FROM mart_consistency WHERE " + requested + " ORDER BY ALL", []string{
			"2022-06-30|OW-O.2.3.1|error|achieved|9|8",
			"2022-06-30|RO-R.2.8|warning|achieved|11|9", "2022-06-30|RO-R.2.8|warning|selected|12|10",
			"2022-12-31|RO-R.2.8|warning|achieved|11|9", "2022-12-31|RO-R.2.8|warning|selected|12|10"}},
		{"mart_completeness", "SELECT cutoff_date, so, expected, received, late, missing FROM mart_completeness WHERE requested ORDER BY ALL", []string{
			"2022-06-30|1|0|0|0|[]", "2022-06-30|2|0|0|0|[]", "2022-06-30|3|0|0|0|[]", "2022-06-30|4|0|0|0|[]",
			"2022-12-31|1|2|2|0|[]", "2022-12-31|2|1|1|1|[]", "2022-12-31|3|1|0|0|[P5]", "2022-12-31|4|0|0|0|[]"}},
		// O.1.1 at C2: 10 achieved, 0 a year earlier (2021-12-31): 10 + 10 * 2557 // 365 = 80.
		// At C1 there was no cut-off a year earlier (the first is 2021-12-31), so the pace runs from
		// the programme start: 6 + 6 * 2741 // 545 = 36 and 8 + 8 * 2741 // 545 = 48.
		{"mart_projections", "SELECT cutoff_date, indicator, base_date, base_value, span_days, days_left, projected_value FROM mart_projections WHERE " + requested + " AND indicator IN ('O.1.1', 'O.2.3') ORDER BY ALL", []string{
			"2022-06-30|O.1.1|2021-01-01|0|545|2741|36", "2022-06-30|O.2.3|2021-01-01|0|545|2741|48",
			"2022-12-31|O.1.1|2021-12-31|0|365|2557|80", "2022-12-31|O.2.3|2021-12-31|0|365|2557|136"}},
	}
	tests = append(tests, siteKnownAnswers...)
	tests = append(tests, aprKnownAnswers...)
	tests = append(tests, presendKnownAnswers...)
	covered := map[string]bool{}
	overdue := openScenarioAt(t, overdueCutoffs)
	for _, tt := range tests {
		covered[tt.model] = true
		t.Run(tt.model, func(t *testing.T) {
			s := s
			if emptyOnScenario[tt.model] {
				s = overdue
			}
			got := queryStrings(t, s.conn, tt.query)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s\n got:\n  %s\nwant:\n  %s", tt.query, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
	for _, m := range s.models {
		if !covered[m.Name] {
			t.Errorf("model %s has no known-answer test", m.Name)
		}
	}
}

// TestMoneyColumnsAreExact: every money column of every model is integer cents (BIGINT) or
// DECIMAL(38,2) euros; a DOUBLE would mean a float touched a euro somewhere in a model, a
// narrower DECIMAL that a large sum could overflow it.
func TestMoneyColumnsAreExact(t *testing.T) {
	s := openScenario(t)
	got := queryStrings(t, s.conn, `SELECT table_name || '.' || column_name || ' ' || data_type
		FROM information_schema.columns
		WHERE (column_name LIKE '%cents%' OR column_name LIKE '%\_eur' ESCAPE '\')
		  AND data_type NOT IN ('BIGINT', 'DECIMAL(38,2)')
		ORDER BY 1`)
	if len(got) > 0 {
		t.Errorf("money columns that are neither BIGINT cents nor DECIMAL(38,2) euros:\n  %s", strings.Join(got, "\n  "))
	}
	n := queryStrings(t, s.conn, `SELECT count(*) FROM information_schema.columns
		WHERE column_name LIKE '%cents%' OR column_name LIKE '%\_eur' ESCAPE '\'`)
	if n[0] == "0" {
		t.Fatal("no money columns found: the check looks at nothing")
	}
}
