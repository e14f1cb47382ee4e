-- Per cut-off, selected operation and catalogue indicator: the operation's target (selected
-- value) and what its reports in force achieved in periods ending on or before the cut-off. The
-- SO is the indicator's own, whatever the SO of the project's action.
-- depends: int_selected_operations_at_cutoff, stg_project_targets, int_report_values, cat_indicators
-- key: cutoff_date, project_id, indicator
CREATE OR REPLACE TABLE int_project_indicator_values AS
WITH targets AS (
    SELECT s.cutoff_date, s.project_id, t.indicator, sum(t.target) AS selected_value
    FROM int_selected_operations_at_cutoff s
    JOIN stg_project_targets t USING (project_id)
    GROUP BY ALL
), achieved AS (
    SELECT s.cutoff_date, s.project_id, r.item AS indicator, sum(r.value) AS achieved_value
    FROM int_selected_operations_at_cutoff s
    JOIN int_report_values r ON r.project_id = s.project_id AND r.period_end <= s.cutoff_date
    WHERE r.item <> 'expenditure_eur'
    GROUP BY ALL
)
SELECT cutoff_date, project_id, indicator, i.so,
       coalesce(t.selected_value, 0)::BIGINT AS selected_value,
       coalesce(a.achieved_value, 0)::BIGINT AS achieved_value
FROM targets t
FULL JOIN achieved a USING (cutoff_date, project_id, indicator)
JOIN cat_indicators i ON i.code = indicator;
