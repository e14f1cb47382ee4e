-- The selected operations behind the money of each SO and support type at the latest requested
-- cut-off (int_operations, as mart_sfc_financial counts them): at most ? per SO and support type,
-- the largest eligible cost first.
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), ranked AS (
    SELECT o.so, o.support_type, o.project_id, o.action, o.eligible_cost_cents, o.eu_contribution_cents,
           row_number() OVER (PARTITION BY o.so, o.support_type ORDER BY o.eligible_cost_cents DESC, o.project_id) AS n,
           count(*) OVER (PARTITION BY o.so, o.support_type) AS total
    FROM int_operations o, latest l
    WHERE o.selected_cutoff <= l.cutoff_date
)
SELECT so, support_type, project_id, action, eligible_cost_cents, eu_contribution_cents, total
FROM ranked
WHERE n <= ?
ORDER BY so, support_type, n
