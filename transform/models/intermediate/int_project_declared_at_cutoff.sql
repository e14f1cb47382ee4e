-- Per cut-off and selected operation: the eligible expenditure declared in its reports in force
-- for periods ending on or before the cut-off, in integer cents (0 when nothing was declared);
-- a running total per project looked up for each cut-off with an ASOF join.
-- depends: int_selected_operations_at_cutoff, int_report_values
-- key: cutoff_date, project_id
CREATE OR REPLACE TABLE int_project_declared_at_cutoff AS
WITH per_period AS (
    SELECT project_id, period_end, sum(amount_cents) AS cents
    FROM int_report_values
    WHERE item = 'expenditure_eur'
    GROUP BY project_id, period_end
), running AS (
    SELECT project_id, period_end,
           sum(cents) OVER (PARTITION BY project_id ORDER BY period_end
                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS declared_to_date
    FROM per_period
)
SELECT s.cutoff_date, s.project_id, coalesce(d.declared_to_date, 0)::BIGINT AS declared_cents
FROM int_selected_operations_at_cutoff s
ASOF LEFT JOIN running d ON d.project_id = s.project_id AND d.period_end <= s.cutoff_date;
