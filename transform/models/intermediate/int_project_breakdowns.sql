-- Each project's selected value (its target, once the project is selected) and achieved value
-- (what its reports in force count) per indicator at the latest requested cut-off: the
-- breakdown by project of mart_indicator_breakdowns. A row depends on its own project's
-- targets, operation and reports only, so a nightly run recomputes only the projects that
-- received reports (see cache.go).
-- A project's targets and its achieved values are each unique by project and indicator
-- (stg_project_targets, the 'project' grain of int_item_contributions), so they meet in a full
-- outer join rather than a grouping of both (grouping every row on project ids again was most
-- of the breakdowns' time: BENCHMARKS.md).
-- depends: cutoffs, cat_indicators, int_operations, stg_project_targets, int_item_contributions
-- key: project_id, indicator
CREATE OR REPLACE TABLE int_project_breakdowns AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), selected_targets AS (
    SELECT t.project_id, t.indicator, t.target
    FROM stg_project_targets t
    SEMI JOIN (SELECT o.project_id FROM int_operations o, latest l WHERE o.selected_on <= l.cutoff_date) s
      ON s.project_id = t.project_id
), achieved AS (
    SELECT project_id, item AS indicator, value_sum
    FROM int_item_contributions
    WHERE grain = 'project' AND item <> 'expenditure_eur'
), project_items AS (
    SELECT coalesce(t.project_id, a.project_id) AS project_id, coalesce(t.indicator, a.indicator) AS indicator,
           coalesce(t.target, 0) AS selected_value, coalesce(a.value_sum, 0) AS achieved_value
    FROM selected_targets t
    FULL OUTER JOIN achieved a ON a.project_id = t.project_id AND a.indicator = t.indicator
)
SELECT p.project_id, p.indicator, i.so,
       p.selected_value::BIGINT AS selected_value,
       p.achieved_value::BIGINT AS achieved_value
FROM project_items p
JOIN cat_indicators i ON i.code = p.indicator;
