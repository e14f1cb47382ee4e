-- The selected operations behind the money of each SO and support type at every requested
-- cut-off (int_operations, as mart_sfc_financial counts them: selected by the cut-off), the
-- largest eligible cost first: at most $limit_latest per SO and support type at the latest requested
-- cut-off and $limit_earlier at the earlier ones, each with how many there are.
-- The operations selected by a cut-off are those of every selection cut-off up to it, so its
-- first N are among the first N of each of those (candidates): the ranking per cut-off goes
-- through at most N operations per SO, support type and selection cut-off, not through every
-- operation at every cut-off.
-- params: limit_latest, limit_earlier
WITH requested AS (
    SELECT cutoff_date, cutoff_date = max(cutoff_date) OVER () AS latest FROM cutoffs WHERE requested
), sizes AS (
    SELECT so, support_type, selected_cutoff, count(*) AS operations FROM int_operations GROUP BY ALL
), totals AS (
    SELECT c.cutoff_date, s.so, s.support_type, sum(s.operations)::BIGINT AS total
    FROM requested c JOIN sizes s ON s.selected_cutoff <= c.cutoff_date
    GROUP BY ALL
), candidates AS (
    SELECT so, support_type, selected_cutoff, project_id, action, eligible_cost_cents, eu_contribution_cents
    FROM int_operations
    QUALIFY row_number() OVER (PARTITION BY so, support_type, selected_cutoff ORDER BY eligible_cost_cents DESC, project_id)
            <= greatest($limit_latest, $limit_earlier)
), ranked AS (
    SELECT c.cutoff_date, c.latest, o.so, o.support_type, o.project_id, o.action, o.eligible_cost_cents, o.eu_contribution_cents,
           row_number() OVER (PARTITION BY c.cutoff_date, o.so, o.support_type ORDER BY o.eligible_cost_cents DESC, o.project_id) AS n
    FROM requested c
    JOIN candidates o ON o.selected_cutoff <= c.cutoff_date
)
SELECT r.cutoff_date, r.so, r.support_type, r.project_id, r.action, r.eligible_cost_cents, r.eu_contribution_cents, t.total
FROM ranked r JOIN totals t USING (cutoff_date, so, support_type)
WHERE r.n <= CASE WHEN r.latest THEN $limit_latest ELSE $limit_earlier END
ORDER BY r.cutoff_date, r.so, r.support_type, r.n
