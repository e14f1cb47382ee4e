package transform

// aprKnownAnswers are the known answers of the annual performance report's, the list of
// operations' and the open data's marts on the scenario of scenario_test.go (TestModelKnownAnswers
// runs them with the others). The last requested cut-off is 2022-12-31, so one report has its
// accounting year ended: the first, due 2023-02-15, covering 2021-01-01 … 2022-06-30, with the
// figures of the 2022-06-30 cut-off and no earlier June cut-off to count "in the year" from.
var aprKnownAnswers = []struct {
	model string
	query string
	want  []string
}{
	// testcat: R.1.5 is 80 % of O.1.1, R.2.8 50 % of O.2.3.1 (baseline 10 % in 2020), the rest
	// numbers without targets. At 2022-06-30 R.2.8 achieved 11 of O.2.3.1's 9: 11/9 = 122.2 %,
	// which is 100 × 11 / (9 × 50) = 244.4 % of the target share; selected 1200 / (10 × 50) =
	// 240.0 %. R.1.5: 0 of O.1.1's 6 (selected 0 of 40): 0.0 %. At 2022-12-31 O.1.1 has 10.
	{"mart_result_achievement", "SELECT cutoff_date, indicator, target_type, baseline, reference_year, selected_value, achieved_value, denominator_selected, denominator_achieved, target_2029, achieved_share_tenths, achieved_pct_of_target_tenths, selected_pct_of_target_tenths FROM mart_result_achievement WHERE requested AND indicator IN ('R.1.5', 'R.2.8', 'R.4.4') ORDER BY ALL", []string{
		"2022-06-30|R.1.5|share|0|2021|0|0|40|6|NULL|0|0|0",
		"2022-06-30|R.2.8|share|10|2020|12|11|10|9|NULL|1222|2444|2400",
		"2022-06-30|R.4.4|number|0|2021|0|0|NULL|NULL|NULL|NULL|NULL|NULL",
		"2022-12-31|R.1.5|share|0|2021|0|0|45|10|NULL|0|0|0",
		"2022-12-31|R.2.8|share|10|2020|12|11|10|9|NULL|1222|2444|2400",
		"2022-12-31|R.4.4|number|0|2021|0|0|NULL|NULL|NULL|NULL|NULL|NULL"}},
	// The 2023 report at 2022-06-30: in the year is everything. O.1.1: 6 of the milestone 10 =
	// 60.0 % (not judged: the milestone is for 2024-12-31), 6 of the target 100 = 6.0 %, selected
	// 40 = 40.0 %, projected 36 (mart_projections), short of 100. O.2.3's milestone of 0 gives no
	// share. R.2.8 has a share target: no target_2029, no projection.
	{"mart_apr_progress", "SELECT report_year, cutoff_date, indicator, kind, selected_value, achieved_value, achieved_in_year, milestone_2024, milestone_pct_tenths, milestone_met, target_2029, target_pct_tenths, selected_pct_of_target_tenths, projected_2029, on_track, target_type, achieved_share_tenths FROM mart_apr_progress WHERE indicator IN ('O.1.1', 'O.2.3', 'R.2.8', 'R.2.10') ORDER BY ALL", []string{
		"2023|2022-06-30|O.1.1|output|40|6|6|10|600|NULL|100|60|400|36|false|NULL|NULL",
		"2023|2022-06-30|O.2.3|output|27|8|8|0|NULL|NULL|50|160|540|48|false|NULL|NULL",
		"2023|2022-06-30|R.2.10|result|0|0|0|NULL|NULL|NULL|NULL|NULL|NULL|0|NULL|number|NULL",
		"2023|2022-06-30|R.2.8|result|12|11|11|NULL|NULL|NULL|NULL|2444|2400|NULL|NULL|share|1222"}},
	// Table 1 at 2022-06-30: P1 (SO 1, 1000.00, declared 100.02), P4 (SO 2, 300.01, 50.00), P5
	// (SO 3, 90.00, nothing declared); P3 is selected only on 2022-07-15, P2 is cancelled. All of
	// it in the first report's year.
	{"mart_apr_financial", "SELECT report_year, so_code, support_type, selected_operations, selected_operations_in_year, eligible_cost_cents, declared_cents, declared_in_year_cents, declared_in_year_eur FROM mart_apr_financial WHERE support_type = 'all' ORDER BY so = 0, so", []string{
		"2023|1|all|1|1|100000|10002|10002|100.02", "2023|2|all|1|1|30001|5000|5000|50.00",
		"2023|3|all|1|1|9000|0|0|0.00", "2023|4|all|0|0|0|0|0|0.00", "2023|TA|all|0|0|0|0|0|0.00"}},
	{"mart_apr_so4", "SELECT report_year, so4_count, indicator, achieved_in_year, achieved_value FROM mart_apr_so4 ORDER BY ALL", []string{
		"2023|admitted|R.4.5|0|0", "2023|resettled|R.4.4|0|0", "2023|transferred|R.4.3|0|0"}},
	// No half-year is expected by 2022-06-30 (the first, 2022-H1, from 2022-08-31). O.1.1.1 and
	// O.3.1 have targets (5, 15) and nothing achieved; O.1.1's 40 selected is 40.0 % of 100, R.2.8's
	// 240.0 % of its target share, R.1.5's 0.0 %.
	{"mart_apr_issues", "SELECT report_year, issue, subject, value, reference, pct_tenths, evidence FROM mart_apr_issues ORDER BY ALL", []string{
		"2023|no_progress_in_year|O.1.1.1|0|5|NULL|O.1.1.1: nothing achieved in the accounting year 2021-01-01 - 2022-06-30, although the selected operations are expected to deliver 5 participants (0 achieved by then).",
		"2023|no_progress_in_year|O.3.1|0|15|NULL|O.3.1: nothing achieved in the accounting year 2021-01-01 - 2022-06-30, although the selected operations are expected to deliver 15 participants (0 achieved by then).",
		"2023|selected_above_target|R.2.8|12|50|2400|R.2.8: the selected operations are expected to deliver 240.0 % of the target share (50 % of O.2.3.1); outside 50-150 %.",
		"2023|selected_below_target|O.1.1|40|100|400|O.1.1: the selected operations are expected to deliver 40 participants, 40.0 % of the 2029 target of 100; outside 50-150 %.",
		"2023|selected_below_target|R.1.5|0|80|0|R.1.5: the selected operations are expected to deliver 0.0 % of the target share (80 % of O.1.1); outside 50-150 %."}},
	// At 2022-12-31 P1, P3 (selected 2022-07-15), P4 and P5 are selected; P2 is cancelled. P4's
	// beneficiary is a university, which testcat does not count as a legal person: not named.
	// P3 is completed: its end date is the actual one. 750.00 / 1000.00 = 75.0 %.
	{"mart_operations_list", "SELECT cutoff_date, project_id, beneficiary_published, beneficiary_type, action, so, status, end_date, end_date_actual, total_cost_eur, cofinancing_rate_tenths, fund, location, intervention_field, type_of_action, implementation_modality FROM mart_operations_list ORDER BY ALL", []string{
		"2022-12-31|P1|true|ngo|1A1|1|ongoing|2023-12-31|false|1000.00|750|AMIF|FI|001|002|000",
		"2022-12-31|P3|true|state_authority|OS1|1|completed|2022-12-31|true|200.00|1000|AMIF|FI|001|002|000",
		"2022-12-31|P4|false|university|2A2|2|ongoing|2023-06-30|false|300.01|750|AMIF|FI|007|011|001",
		"2022-12-31|P5|true|ngo|SA3|3|ongoing|2023-12-31|false|90.00|900|AMIF|FI|021|002|004"}},
	{"mart_operation_indicators", "SELECT project_id, indicator, target, achieved_value FROM mart_operation_indicators WHERE project_id IN ('P1', 'P4') ORDER BY ALL", []string{
		"P1|O.1.1|40|9", "P1|O.1.1.1|5|0", "P1|O.2.3|7|4", "P4|O.2.3|20|13", "P4|O.2.3.1|10|9", "P4|R.2.8|12|11"}},
	// At 2022-12-31, O.1.1 (participants, protected) is 10 = 9 (1A1) + 1 (OS1): OS1's 1 is a small
	// count, and alone in its row the SO's 10 would give it away (n = 1, R = 1 is not within
	// n + 3 … 4(n - 1) + 1), so the smallest other non-zero cell, 1A1's 9, is withheld too. O.2.3:
	// 17 = 4 (1A1, small) + 13 (2A2, withheld). At 2022-06-30 nothing is small.
	{"mart_opendata_indicators", "SELECT cutoff_date, indicator, level, action, achieved_value, suppression, published_value FROM mart_opendata_indicators WHERE indicator IN ('O.1.1', 'O.2.3') ORDER BY ALL", []string{
		"2022-06-30|O.1.1|action|1A1|6||6", "2022-06-30|O.1.1|so||6||6",
		"2022-06-30|O.2.3|action|1A1|0||0", "2022-06-30|O.2.3|action|2A2|8||8", "2022-06-30|O.2.3|so||8||8",
		"2022-12-31|O.1.1|action|1A1|9|secondary|..", "2022-12-31|O.1.1|action|OS1|1|primary|<5", "2022-12-31|O.1.1|so||10||10",
		"2022-12-31|O.2.3|action|1A1|4|primary|<5", "2022-12-31|O.2.3|action|2A2|13|secondary|..", "2022-12-31|O.2.3|so||17||17"}},
}
