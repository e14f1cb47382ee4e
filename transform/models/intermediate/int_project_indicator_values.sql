-- Per cut-off, selected operation and catalogue indicator: the operation's target (selected
-- value) and what its reports in force achieved in periods ending on or before the cut-off. The
-- SO is the indicator's own, whatever the SO of the project's action.
-- The achieved value is a running total per project and indicator over period ends, looked up
-- for each cut-off with an ASOF join: linear in the reports, where a plain join on
-- period_end <= cut-off would multiply them by the number of cut-offs.
-- depends: int_selected_operations_at_cutoff, stg_project_targets, int_report_values, cat_indicators
-- key: cutoff_date, project_id, indicator
CREATE OR REPLACE TABLE int_project_indicator_values AS
WITH targets AS (
    SELECT s.cutoff_date, s.project_id, t.indicator, t.target AS selected_value
    FROM int_selected_operations_at_cutoff s
    JOIN stg_project_targets t USING (project_id)
), per_period AS (
    SELECT project_id, item AS indicator, period_end, sum(value) AS value
    FROM int_report_values
    WHERE item <> 'expenditure_eur'
    GROUP BY project_id, item, period_end
), running AS (
    SELECT project_id, indicator, period_end,
           sum(value) OVER (PARTITION BY project_id, indicator ORDER BY period_end
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS achieved_to_date
    FROM per_period
), reported AS (
    SELECT s.cutoff_date, s.project_id, i.indicator
    FROM int_selected_operations_at_cutoff s
    JOIN (SELECT DISTINCT project_id, indicator FROM per_period) i USING (project_id)
), achieved AS (
    SELECT r.cutoff_date, r.project_id, r.indicator, a.achieved_to_date AS achieved_value
    FROM reported r
    ASOF JOIN running a
      ON a.project_id = r.project_id AND a.indicator = r.indicator AND a.period_end <= r.cutoff_date
)
SELECT cutoff_date, project_id, indicator, i.so,
       coalesce(t.selected_value, 0)::BIGINT AS selected_value,
       coalesce(a.achieved_value, 0)::BIGINT AS achieved_value
FROM targets t
FULL JOIN achieved a USING (cutoff_date, project_id, indicator)
JOIN cat_indicators i ON i.code = indicator;
