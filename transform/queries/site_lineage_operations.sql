-- The selected operations behind the money of each SO and support type at every requested
-- cut-off (int_operations, as mart_sfc_financial counts them: selected by the cut-off), the
-- largest eligible cost first: at most $limit_latest per SO and support type at the latest requested
-- cut-off and $limit_earlier at the earlier ones, each with how many there are.
-- params: limit_latest, limit_earlier
WITH requested AS (
    SELECT cutoff_date, cutoff_date = max(cutoff_date) OVER () AS latest FROM cutoffs WHERE requested
), ranked AS (
    SELECT c.cutoff_date, c.latest, o.so, o.support_type, o.project_id, o.action, o.eligible_cost_cents, o.eu_contribution_cents,
           row_number() OVER (PARTITION BY c.cutoff_date, o.so, o.support_type ORDER BY o.eligible_cost_cents DESC, o.project_id) AS n,
           count(*) OVER (PARTITION BY c.cutoff_date, o.so, o.support_type) AS total
    FROM requested c
    JOIN int_operations o ON o.selected_cutoff <= c.cutoff_date
)
SELECT cutoff_date, so, support_type, project_id, action, eligible_cost_cents, eu_contribution_cents, total
FROM ranked
WHERE n <= CASE WHEN latest THEN $limit_latest ELSE $limit_earlier END
ORDER BY cutoff_date, so, support_type, n
