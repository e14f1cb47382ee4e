-- The project targets in force as of params.as_of (stg_snapshots), one row per project and
-- indicator. Ingest drops a second row of the same project and indicator
-- (register.target_duplicate), so only pairs found twice are added up; they are found by grouping
-- the 64-bit hash() of the pair, and a rare collision only sends both pairs to the grouping by the
-- pair itself (markedly cheaper than grouping every pair: BENCHMARKS.md).
-- depends: src_project_targets, stg_snapshots
-- key: project_id, indicator
CREATE OR REPLACE TABLE stg_project_targets AS
WITH targets AS NOT MATERIALIZED (
    SELECT t.project_id, t.indicator, t.target
    FROM src_project_targets t
    JOIN stg_snapshots s ON s.source = 'project_targets' AND s.run_id = t.run_id AND s.ingested_at = t.ingested_at
), twice AS (
    SELECT hash(project_id, indicator) AS h FROM targets GROUP BY h HAVING count(*) > 1
)
SELECT project_id, indicator, target::BIGINT AS target
FROM targets
WHERE hash(project_id, indicator) NOT IN (SELECT h FROM twice)
UNION ALL
SELECT project_id, indicator, sum(target)::BIGINT
FROM targets
WHERE hash(project_id, indicator) IN (SELECT h FROM twice)
GROUP BY project_id, indicator;
