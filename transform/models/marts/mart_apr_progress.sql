-- The progress table of each annual performance report (AMIF Art 35; accounting_years holds the
-- reports whose accounting year has ended, from domain.AccountingYear): every indicator at the
-- report's cut-off (30 June N−1), cumulative, and what its accounting year added: the difference
-- from the 30 June N−2 cut-off, which is mart_achievement.achieved_in_year (the whole value for
-- the first report, which has no earlier June cut-off).
-- The 2024 milestone is judged on the value of 2024-12-31 once that cut-off is before the
-- report's (milestone_met; NULL before, when milestone_pct_tenths is the progress towards it so
-- far). A result indicator is measured as mart_result_achievement measures it: a share target has
-- no target_2029 and no projection, and its target_pct_tenths compares the achieved share with the
-- target share. on_track: the projection to 2029 reaches the number target.
-- depends: accounting_years, mart_achievement, mart_sfc_indicators, mart_projections, mart_result_achievement, cat_programme
-- key: report_year, indicator
CREATE OR REPLACE TABLE mart_apr_progress AS
SELECT y.report_year, y.period_start, y.period_end, y.cutoff_date, y.previous_cutoff_date, a.so, a.indicator, n.kind, n.unit,
       a.selected_value, a.achieved_value, a.achieved_in_year, a.milestone_2024,
       a.pct_of_milestone_at_check_tenths AS milestone_pct_tenths,
       CASE WHEN a.milestone_2024 IS NOT NULL AND y.cutoff_date > p.milestone_date
            THEN a.achieved_at_milestone_check END AS achieved_at_milestone,
       CASE WHEN a.milestone_2024 IS NOT NULL AND y.cutoff_date > p.milestone_date
            THEN a.achieved_at_milestone_check >= a.milestone_2024 END AS milestone_met,
       CASE WHEN r.target_type IS DISTINCT FROM 'share' THEN a.target_2029 END AS target_2029,
       -- A result indicator's shares are mart_result_achievement's alone: where it has none (a share
       -- target whose denominator is 0), the catalogue's number target is not a fallback.
       CASE WHEN r.indicator IS NOT NULL THEN r.achieved_pct_of_target_tenths
            ELSE a.achieved_pct_of_target_tenths END AS target_pct_tenths,
       CASE WHEN r.indicator IS NOT NULL THEN r.selected_pct_of_target_tenths
            ELSE a.selected_pct_of_target_tenths END AS selected_pct_of_target_tenths,
       CASE WHEN r.target_type IS DISTINCT FROM 'share' THEN j.projected_value END AS projected_2029,
       CASE WHEN r.target_type IS DISTINCT FROM 'share' AND a.target_2029 IS NOT NULL
            THEN j.projected_value >= a.target_2029 END AS on_track,
       r.baseline, r.baseline_unit, r.reference_year, r.target_type, r.denominator, r.target_share_pct,
       r.denominator_achieved, r.achieved_share_tenths, r.basis AS result_basis
FROM accounting_years y
JOIN mart_achievement a ON a.cutoff_date = y.cutoff_date
JOIN mart_sfc_indicators n ON n.cutoff_date = a.cutoff_date AND n.indicator = a.indicator
LEFT JOIN mart_projections j ON j.cutoff_date = a.cutoff_date AND j.indicator = a.indicator
LEFT JOIN mart_result_achievement r ON r.cutoff_date = a.cutoff_date AND r.indicator = a.indicator
CROSS JOIN cat_programme p;
