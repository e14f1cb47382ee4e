-- What the operations selected by each forecast cut-off (every requested 31 December and
-- 30 June) still have to claim, per SO of their actions: the sums over operations of
-- mart_forecast's per-operation method (its header states it), and how many operations have
-- something to claim. A sum over projects, each of which adds what its own operation and
-- reports give: the transform's cache keeps it (summedModels), and a nightly run takes off what
-- the projects it recomputes added as of the cache and adds what they add now, instead of
-- going through every operation at every cut-off again.
-- depends: cutoffs, int_operations, int_operation_expenditure
-- key: cutoff_date, so
CREATE OR REPLACE TABLE int_forecast_contributions AS
WITH forecasts AS (
    SELECT cutoff_date, forecast_due(cutoff_date) AS due_date
    FROM cutoffs
    WHERE requested AND month(cutoff_date) IN (6, 12)
), windows AS (
    SELECT cutoff_date, due_date, year(due_date) AS year,
           make_date(year(due_date), 12, 31) AS end_current, make_date(year(due_date) + 1, 12, 31) AS end_next
    FROM forecasts
), declared AS (
    SELECT w.cutoff_date, e.project_id, sum(e.amount_cents) AS declared_cents
    FROM windows w
    JOIN int_operation_expenditure e ON e.counts_from <= w.cutoff_date
    GROUP BY ALL
), operations AS (
    SELECT w.*, o.project_id, o.so, o.start_date, o.end_date, o.eu_contribution_cents,
           CASE WHEN o.eligible_cost_cents > 0
                THEN (CAST(coalesce(d.declared_cents, 0) AS HUGEINT) * o.eu_contribution_cents * 2 + o.eligible_cost_cents)
                     // (2 * CAST(o.eligible_cost_cents AS HUGEINT))
                ELSE 0 END AS eu_declared
    FROM windows w
    JOIN int_operations o ON o.selected_cutoff <= w.cutoff_date
    LEFT JOIN declared d ON d.cutoff_date = w.cutoff_date AND d.project_id = o.project_id
), paced AS (
    SELECT *, eu_contribution_cents - eu_declared AS remaining,
           (cutoff_date - start_date) + 1 AS elapsed_days,
           end_current - cutoff_date AS current_days,
           end_next - end_current AS next_days,
           end_date - cutoff_date AS days_left
    FROM operations
), claims AS (
    SELECT *,
           CASE WHEN end_date <= end_current THEN remaining
                WHEN eu_declared > 0 AND elapsed_days > 0 THEN least(remaining, eu_declared * current_days // elapsed_days)
                ELSE least(remaining, remaining * current_days // days_left) END AS current_cents
    FROM paced
    WHERE remaining > 0
), per_operation AS (
    SELECT *,
           CASE WHEN end_date <= end_current THEN 0
                WHEN end_date <= end_next THEN remaining - current_cents
                WHEN eu_declared > 0 AND elapsed_days > 0 THEN least(remaining - current_cents, eu_declared * next_days // elapsed_days)
                ELSE least(remaining - current_cents, remaining * next_days // days_left) END AS next_cents
    FROM claims
)
SELECT cutoff_date, so, sum(current_cents)::BIGINT AS current_cents, sum(next_cents)::BIGINT AS next_cents,
       count(*)::BIGINT AS operations
FROM per_operation
GROUP BY cutoff_date, so;
