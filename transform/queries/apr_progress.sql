-- Returns the progress table of each annual performance report (mart_apr_progress), as
-- metrics.APRProgress carries it.
SELECT report_year, cutoff_date, so, indicator, kind, unit, selected_value, achieved_value, achieved_in_year,
       milestone_2024, milestone_pct_tenths, achieved_at_milestone, milestone_met,
       target_2029, target_pct_tenths, selected_pct_of_target_tenths, projected_2029, on_track,
       target_type IS NOT NULL AS is_measured, coalesce(baseline, 0), coalesce(baseline_unit, ''), coalesce(reference_year, 0),
       coalesce(target_type, ''), coalesce(denominator, ''), target_share_pct, coalesce(denominator_achieved, 0),
       achieved_share_tenths, coalesce(result_basis, '')
FROM mart_apr_progress
ORDER BY report_year, so, indicator
