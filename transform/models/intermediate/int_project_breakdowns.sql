-- Each project's selected value (its target, once the project is selected) and achieved value
-- (what its reports in force count) per indicator at the latest requested cut-off: the
-- breakdown by project of mart_indicator_breakdowns. A row depends on its own project's
-- targets, operation and reports only, so a nightly run recomputes only the projects that
-- received reports (see cache.go).
-- depends: cutoffs, cat_indicators, int_operations, stg_project_targets, int_item_contributions
-- key: project_id, indicator
CREATE OR REPLACE TABLE int_project_breakdowns AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), project_items AS (
    SELECT t.project_id, t.indicator, t.target AS selected_value, 0 AS achieved_value
    FROM stg_project_targets t
    SEMI JOIN (SELECT o.project_id FROM int_operations o, latest l WHERE o.selected_on <= l.cutoff_date) s
      ON s.project_id = t.project_id
    UNION ALL
    SELECT project_id, item, 0, value_sum
    FROM int_item_contributions
    WHERE grain = 'project' AND item <> 'expenditure_eur'
)
SELECT p.project_id, p.indicator, i.so,
       sum(p.selected_value)::BIGINT AS selected_value,
       coalesce(sum(p.achieved_value), 0)::BIGINT AS achieved_value
FROM project_items p
JOIN cat_indicators i ON i.code = p.indicator
GROUP BY p.project_id, p.indicator, i.so;
