-- The Commission's indicator table: per cut-off, every catalogue indicator of every SO (zeros
-- included) with the selected value (sum of the selected operations' targets), the achieved value
-- (sum of their reports in force with period_end <= cut-off), and the 2024 milestone and 2029
-- target of the catalogue.
-- depends: cutoffs, cat_indicators, cat_goals, int_indicator_members_at_cutoff
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_sfc_indicators AS
WITH totals AS (
    SELECT cutoff_date, indicator, sum(selected_value) AS selected_value, sum(achieved_value) AS achieved_value
    FROM int_indicator_members_at_cutoff
    GROUP BY ALL
)
SELECT c.cutoff_date, c.version, c.requested, i.so, i.code AS indicator, i.kind, i.unit,
       coalesce(t.selected_value, 0)::BIGINT AS selected_value,
       coalesce(t.achieved_value, 0)::BIGINT AS achieved_value,
       g.milestone_2024, g.target_2029
FROM cutoffs c
CROSS JOIN cat_indicators i
LEFT JOIN totals t ON t.cutoff_date = c.cutoff_date AND t.indicator = i.code
LEFT JOIN cat_goals g ON g.indicator = i.code;
