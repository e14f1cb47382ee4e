-- The Commission's indicator table: per cut-off, every catalogue indicator of every SO (zeros
-- included) with the selected value (sum of the selected operations' targets), the achieved value
-- (sum of their reports in force with period_end <= cut-off), and the 2024 milestone and 2029
-- target of the catalogue.
-- depends: cutoffs, cat_indicators, cat_goals, int_project_indicator_values
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_sfc_indicators AS
SELECT c.cutoff_date, c.version, c.requested, i.so, i.code AS indicator, i.kind, i.unit,
       coalesce(sum(v.selected_value), 0)::BIGINT AS selected_value,
       coalesce(sum(v.achieved_value), 0)::BIGINT AS achieved_value,
       g.milestone_2024, g.target_2029
FROM cutoffs c
CROSS JOIN cat_indicators i
LEFT JOIN int_project_indicator_values v ON v.cutoff_date = c.cutoff_date AND v.indicator = i.code
LEFT JOIN cat_goals g ON g.indicator = i.code
GROUP BY c.cutoff_date, c.version, c.requested, i.so, i.code, i.kind, i.unit, g.milestone_2024, g.target_2029;
