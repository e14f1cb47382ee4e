-- Each project's targets (the targets snapshot in force as of params.as_of, stg_snapshots; a pair listed twice
-- added up as stg_project_targets does) and achieved values at the latest requested cut-off
-- (int_project_breakdowns), for the projects in site_projects, with the share of the target in
-- per mille, rounded half away from zero.
WITH targets AS (
    SELECT t.project_id, t.indicator, sum(t.target)::BIGINT AS target
    FROM src_project_targets t JOIN stg_snapshots s ON s.source = 'project_targets' AND s.run_id = t.run_id AND s.ingested_at = t.ingested_at
    WHERE t.project_id IN (SELECT project_id FROM site_projects)
    GROUP BY ALL
), achieved AS (
    SELECT project_id, indicator, achieved_value
    FROM int_project_breakdowns
    WHERE project_id IN (SELECT project_id FROM site_projects)
), joined AS (
    SELECT coalesce(t.project_id, a.project_id) AS project_id, coalesce(t.indicator, a.indicator) AS indicator,
           t.target, coalesce(a.achieved_value, 0)::BIGINT AS achieved
    FROM targets t FULL OUTER JOIN achieved a ON a.project_id = t.project_id AND a.indicator = t.indicator
)
SELECT project_id, indicator, target, achieved,
       CASE WHEN target > 0 THEN sign(achieved) * ((2000 * abs(CAST(achieved AS HUGEINT)) + target) // (2 * target)) END::BIGINT AS achieved_permille_of_target
FROM joined
ORDER BY project_id, indicator
