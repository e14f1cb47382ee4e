-- Per cut-off and selected operation: the eligible expenditure declared in its reports in force
-- for periods ending on or before the cut-off, in integer cents (0 when nothing was declared).
-- depends: int_selected_operations_at_cutoff, int_report_values
-- key: cutoff_date, project_id
CREATE OR REPLACE TABLE int_project_declared_at_cutoff AS
SELECT s.cutoff_date, s.project_id,
       coalesce(sum(r.amount_cents), 0)::BIGINT AS declared_cents
FROM int_selected_operations_at_cutoff s
LEFT JOIN int_report_values r
  ON r.project_id = s.project_id AND r.period_end <= s.cutoff_date AND r.item = 'expenditure_eur'
GROUP BY s.cutoff_date, s.project_id;
