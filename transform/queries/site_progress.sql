-- The progress and status of every indicator at the requested cut-offs (mart_indicator_progress).
SELECT cutoff_date, so, indicator, main, selected_value, achieved_value, milestone_2024, target_2029,
       projected_value, achieved_permille_of_target, selected_permille_of_target,
       projected_permille_of_target, milestone_check_date, achieved_at_milestone_check,
       achieved_permille_of_milestone, status
FROM mart_indicator_progress
WHERE requested
