-- The report versions the newest run that stored any brought (mart_run_intake), each marked as
-- a correction when a version of its report had been stored before; capped at ? rows, with how
-- many there are.
-- params: limit
WITH latest AS (
    SELECT run_id FROM mart_run_intake WHERE versions > 0 ORDER BY started_at DESC, run_id DESC LIMIT 1
), these AS (
    SELECT v.project_id, v.period_start, v.period_end, v.submitted_at, v.submitted_at_text, v.source_file,
           v.version_hash, v.ingested_at
    FROM src_report_versions v SEMI JOIN latest l USING (run_id)
), earlier AS (
    SELECT DISTINCT t.project_id, t.period_start, t.period_end
    FROM these t
    JOIN src_report_versions v
      ON v.project_id = t.project_id AND v.period_start = t.period_start AND v.period_end = t.period_end
     AND v.ingested_at < t.ingested_at
)
SELECT t.project_id, t.period_start, t.period_end, t.submitted_at_text, t.source_file,
       e.project_id IS NOT NULL AS correction, count(*) OVER () AS total
FROM these t
LEFT JOIN earlier e USING (project_id, period_start, period_end)
ORDER BY t.project_id, t.period_start, t.submitted_at, t.version_hash
LIMIT $limit
