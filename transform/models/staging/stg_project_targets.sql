-- The project targets in force as of params.as_of: the latest snapshot ingested at or before it,
-- one row per project and indicator.
-- depends: src_project_targets, params
-- key: project_id, indicator
CREATE OR REPLACE TABLE stg_project_targets AS
WITH snapshot AS (
    SELECT s.run_id, s.ingested_at
    FROM src_project_targets s, params p
    WHERE s.ingested_at <= p.as_of
    ORDER BY s.ingested_at DESC, s.run_id DESC
    LIMIT 1
)
SELECT t.project_id, t.indicator, sum(t.target)::BIGINT AS target
FROM src_project_targets t
JOIN snapshot s ON s.run_id = t.run_id AND s.ingested_at = t.ingested_at
GROUP BY t.project_id, t.indicator;
