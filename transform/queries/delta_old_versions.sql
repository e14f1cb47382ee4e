-- What the cache saw of the touched projects' versions: those of its runs ($cached_runs), as
-- delta_old's source (a run committed after the cache was written may hold versions ingested
-- before; delta_old's params.as_of leaves out those received after the cache's as_of).
-- params: cached_runs
CREATE OR REPLACE TABLE delta_old.src_report_versions AS
SELECT * FROM delta.src_report_versions WHERE list_contains(CAST($cached_runs AS VARCHAR[]), run_id)
