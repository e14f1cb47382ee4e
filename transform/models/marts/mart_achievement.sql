-- Progress of each indicator towards its 2024 milestone and 2029 target per cut-off. Ratios of
-- counts (not money) as DOUBLE, NULL when the goal is missing or zero.
-- depends: mart_sfc_indicators
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_achievement AS
SELECT cutoff_date, so, indicator, selected_value, achieved_value, milestone_2024, target_2029,
       CASE WHEN milestone_2024 > 0 THEN achieved_value / milestone_2024 END AS achieved_of_milestone,
       CASE WHEN target_2029 > 0 THEN achieved_value / target_2029 END AS achieved_of_target,
       CASE WHEN target_2029 > 0 THEN selected_value / target_2029 END AS selected_of_target
FROM mart_sfc_indicators;
