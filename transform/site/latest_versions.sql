-- The report versions the newest run that accepted any brought, as mart_run_intake counts them
-- (a version stored twice counts in the run that received it first; a correction is a further
-- version of a report received before), capped at ? rows.
WITH latest AS (
    SELECT run_id FROM mart_run_intake WHERE versions > 0 ORDER BY started_at DESC, run_id DESC LIMIT 1
), firsts AS (
    SELECT v.version_hash, arg_min(v.run_id, v.ingested_at) AS run_id, min(v.ingested_at) AS ingested_at,
           any_value(v.project_id) AS project_id, any_value(v.period_start) AS period_start,
           any_value(v.period_end) AS period_end, any_value(v.submitted_at) AS submitted_at,
           arg_min(v.submitted_at_text, v.ingested_at) AS submitted_at_text,
           arg_min(v.source_file, v.ingested_at) AS source_file
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
    GROUP BY v.version_hash
), ordered AS (
    SELECT *, row_number() OVER (PARTITION BY project_id, period_start, period_end
                                 ORDER BY ingested_at, submitted_at, version_hash) AS nth
    FROM firsts
)
SELECT o.project_id, o.period_start, o.period_end, o.submitted_at_text, o.source_file, o.nth > 1 AS correction,
       count(*) OVER () AS total
FROM ordered o SEMI JOIN latest l USING (run_id)
ORDER BY o.project_id, o.period_start, o.submitted_at, o.version_hash
LIMIT ?
