-- Returns the result indicators as the programme measures them, at the requested cut-offs
-- (mart_result_achievement), as metrics.ResultAchievement carries them.
SELECT cutoff_date, so, indicator, selected_value, achieved_value, target_2029, achieved_pct_of_target_tenths,
       selected_pct_of_target_tenths, baseline, baseline_unit, reference_year, target_type, denominator, target_share_pct,
       coalesce(denominator_achieved, 0), achieved_share_tenths, basis
FROM mart_result_achievement
WHERE requested
ORDER BY cutoff_date, so, indicator
