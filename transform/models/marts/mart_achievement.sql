-- Progress of each indicator towards its 2024 milestone and 2029 target per cut-off. Ratios of
-- counts (not money) as DOUBLE, NULL when the goal is missing or zero; the same as percentages in
-- tenths of a per cent (pct_tenths), rounded once here for every report and export.
-- The milestone is set for the end of 2024 (cat_programme.milestone_date): a cut-off after it is
-- judged on the value achieved then (milestone_check_date, achieved_at_milestone_check), one
-- before it on its own value. achieved_in_year is the change since the same cut-off a year
-- earlier (the whole value before the programme's second year): the annual report's "in the
-- year" figures.
-- depends: mart_sfc_indicators, cat_programme
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_achievement AS
WITH checked AS (
    SELECT n.*, CASE WHEN n.cutoff_date > p.milestone_date THEN p.milestone_date ELSE n.cutoff_date END AS milestone_check_date
    FROM mart_sfc_indicators n
    CROSS JOIN cat_programme p
)
SELECT n.cutoff_date, n.so, n.indicator, n.selected_value, n.achieved_value, n.milestone_2024, n.target_2029,
       CASE WHEN n.milestone_2024 > 0 THEN n.achieved_value / n.milestone_2024 END AS achieved_of_milestone,
       CASE WHEN n.target_2029 > 0 THEN n.achieved_value / n.target_2029 END AS achieved_of_target,
       CASE WHEN n.target_2029 > 0 THEN n.selected_value / n.target_2029 END AS selected_of_target,
       pct_tenths(n.achieved_value, n.milestone_2024) AS achieved_pct_of_milestone_tenths,
       pct_tenths(n.achieved_value, n.target_2029) AS achieved_pct_of_target_tenths,
       pct_tenths(n.selected_value, n.target_2029) AS selected_pct_of_target_tenths,
       n.milestone_check_date,
       coalesce(m.achieved_value, 0)::BIGINT AS achieved_at_milestone_check,
       pct_tenths(coalesce(m.achieved_value, 0), n.milestone_2024) AS pct_of_milestone_at_check_tenths,
       (n.achieved_value - coalesce(y.achieved_value, 0))::BIGINT AS achieved_in_year
FROM checked n
LEFT JOIN mart_sfc_indicators m ON m.cutoff_date = n.milestone_check_date AND m.indicator = n.indicator
LEFT JOIN mart_sfc_indicators y ON y.cutoff_date = CAST(n.cutoff_date - INTERVAL 1 YEAR AS DATE) AND y.indicator = n.indicator;
