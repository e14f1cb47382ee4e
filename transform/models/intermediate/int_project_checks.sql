-- The pre-send checks that concern one operation each (mart_presend_checks states the rules):
-- C03 per selected operation, and C09 per operation with a half-year report not received. A
-- row depends on its own project's operation and reports only, so the transform's cache keeps
-- them per project (cachedProjectModels) and a nightly run recomputes only the projects that
-- received reports, instead of every operation at every cut-off.
-- depends: cutoffs, cat_action_rates, int_operations, int_expected_reports
-- key: project_id, cutoff_date, rule
CREATE OR REPLACE TABLE int_project_checks AS
WITH req AS (
    SELECT cutoff_date, version FROM cutoffs WHERE requested
)
-- C03 per selected operation, with its action's highest rate.
SELECT o.project_id, c.cutoff_date, c.version, 'C03' AS rule, 'register' AS tbl, CAST(o.so AS VARCHAR) AS so_code,
       'operation ' || o.project_id AS row_label, 'eu_contribution_eur' AS figure,
       CAST(eur(o.eu_contribution_cents) AS VARCHAR) AS value,
       r.rate_pct || ' % of the eligible cost ' || CAST(eur(o.eligible_cost_cents) AS VARCHAR) || ' EUR' AS bound_figure,
       CAST(eur((CAST(o.eligible_cost_cents AS HUGEINT) * r.rate_pct + 50) // 100) AS VARCHAR) AS bound,
       'action ' || o.action AS detail
FROM req c
JOIN int_operations o ON o.selected_cutoff <= c.cutoff_date
JOIN cat_action_rates r ON r.action = o.action
WHERE CAST(o.eu_contribution_cents AS HUGEINT) * 100 > CAST(o.eligible_cost_cents AS HUGEINT) * r.rate_pct + 50
UNION ALL
-- C09: a selected operation's half-year report not received, due (int_expected_reports, by the
-- catalogue's reporting deadlines) more than six months (one reporting period) before the cut-off.
SELECT e.project_id, c.cutoff_date, c.version, 'C09' AS rule, 'reports' AS tbl, CAST(o.so AS VARCHAR) AS so_code,
       e.project_id AS row_label, 'half-year reports' AS figure, CAST(count(*) AS VARCHAR) AS value,
       'due' AS bound_figure, strftime(arg_min(e.due_date, e.half_start), '%Y-%m-%d') AS bound,
       strftime(min(e.half_start), '%Y-%m-%d') || '..' || strftime(min(e.half_end), '%Y-%m-%d') AS detail
FROM req c
JOIN int_expected_reports e ON NOT e.received AND e.expected_from <= c.cutoff_date
 AND CAST(e.due_date + INTERVAL 6 MONTH AS DATE) < c.cutoff_date
JOIN int_operations o ON o.project_id = e.project_id AND o.selected_cutoff <= c.cutoff_date
GROUP BY e.project_id, c.cutoff_date, c.version, o.so;
