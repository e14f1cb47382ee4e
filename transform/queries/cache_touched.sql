-- delta.touched: the projects with a version the cache did not see, known as of params.as_of:
-- a version of a run the cache did not know ($cached_runs), or ingested after the cache was made
-- ($cached_at; a run it knew cannot have such rows, but the test costs nothing).
-- params: cached_runs, cached_at
CREATE OR REPLACE TABLE delta.touched AS
SELECT DISTINCT v.project_id FROM src_report_versions v, params p
WHERE v.ingested_at <= p.as_of
  AND (NOT list_contains(CAST($cached_runs AS VARCHAR[]), v.run_id) OR v.ingested_at > CAST($cached_at AS TIMESTAMPTZ))
