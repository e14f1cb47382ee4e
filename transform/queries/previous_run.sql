-- Returns the run the changes compare with (run_id), and the moment whose figures it saw
-- (seen_at): the committed run that started last strictly before $as_of, and the latest
-- ingested_at of its rows (ingest stamps them with the run's start), never before its start.
-- A non-empty $since names the run instead (transform.Options.ChangesSince: the run the last
-- published outputs reflect); none is found when it is not a committed run started before
-- $as_of. No row when there is no such run.
-- params: as_of, since
WITH prev AS (
    SELECT run_id, started_at FROM src_runs WHERE started_at < CAST($as_of AS TIMESTAMPTZ)
    AND ($since = '' OR run_id = $since)
    ORDER BY started_at DESC, run_id DESC LIMIT 1
), stamps AS (
    SELECT run_id, ingested_at FROM src_report_versions
    UNION ALL SELECT run_id, ingested_at FROM src_projects
    UNION ALL SELECT run_id, ingested_at FROM src_project_targets
)
SELECT prev.run_id, greatest(prev.started_at, coalesce(max(stamps.ingested_at), prev.started_at)) AS seen_at
FROM prev LEFT JOIN stamps USING (run_id)
GROUP BY prev.run_id, prev.started_at
