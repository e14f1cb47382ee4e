-- The register and targets snapshots in force as of params.as_of, one row per source table
-- ('projects', 'project_targets'): the latest snapshot ingested at or before it, ties by run id.
-- Every model and query that reads the register or the targets joins this one choice.
-- depends: src_projects, src_project_targets, params
-- key: source
CREATE OR REPLACE TABLE stg_snapshots AS
WITH ingested AS (
    SELECT 'projects' AS source, run_id, ingested_at FROM src_projects
    UNION ALL
    SELECT 'project_targets', run_id, ingested_at FROM src_project_targets
), latest AS (
    SELECT i.source, max({'ingested_at': i.ingested_at, 'run_id': i.run_id}) AS s
    FROM ingested i, params p
    WHERE i.ingested_at <= p.as_of
    GROUP BY i.source
)
SELECT source, s.run_id AS run_id, s.ingested_at AS ingested_at FROM latest;
