-- Every report or file that was ever rejected, as of params.as_of, with its status:
--   outstanding  no accepted version of the report (for a file: no readable copy at the same
--                path) arrived after its last rejection: the beneficiary still has to correct it;
--   corrected    an accepted version (a readable copy) arrived after, or in the same run as, its
--                last rejection.
-- A rejection is an error row of the quarantine table. Its report key is read from the
-- finding's report text ("<project> <start>..<end>[ submitted <time>]"); a finding without one
-- (a file that could not be read, a register row dropped) is about its file (subject_kind
-- 'file', subject its path). Only rejected reports are looked up among the accepted versions, so
-- the mart costs what the quarantine holds, not what the warehouse does.
-- depends: src_report_versions, src_quarantine, src_files, params
-- key: subject_kind, subject
CREATE OR REPLACE TABLE mart_report_status AS
WITH errors AS (
    SELECT q.source_file, q.file_sha256, q.ingested_at,
           regexp_extract(q.report, '^(.+?) ([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})( submitted .*)?$',
                          ['project_id', 'period_start', 'period_end']) AS k
    FROM src_quarantine q, params p
    WHERE q.ingested_at <= p.as_of AND q.severity = 'error'
), keyed AS (
    SELECT source_file, file_sha256, ingested_at, nullif(k.project_id, '') AS project_id,
           TRY_CAST(nullif(k.period_start, '') AS DATE) AS period_start,
           TRY_CAST(nullif(k.period_end, '') AS DATE) AS period_end
    FROM errors
), rejections AS (
    -- One rejection per subject and file.
    SELECT period_start IS NOT NULL AND period_end IS NOT NULL AS is_report,
           CASE WHEN period_start IS NOT NULL AND period_end IS NOT NULL THEN project_id END AS project_id,
           CASE WHEN period_end IS NOT NULL THEN period_start END AS period_start,
           CASE WHEN period_start IS NOT NULL THEN period_end END AS period_end,
           CASE WHEN period_start IS NULL OR period_end IS NULL THEN source_file END AS file_path,
           count(DISTINCT file_sha256)::BIGINT AS rejections, max(ingested_at) AS last_rejected_at,
           arg_max(source_file, ingested_at) AS last_rejected_file,
           arg_max(file_sha256, ingested_at) AS last_rejected_file_sha256
    FROM keyed
    GROUP BY ALL
), accepted AS (
    SELECT v.project_id, v.period_start, v.period_end, max(v.ingested_at) AS last_accepted_at
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
      AND v.project_id IN (SELECT project_id FROM rejections WHERE is_report)
    GROUP BY ALL
), files_read AS (
    SELECT f.path, max(f.ingested_at) AS last_read_at
    FROM src_files f, params p
    WHERE f.ingested_at <= p.as_of AND f.outcome IN ('read', 'register')
      AND f.path IN (SELECT file_path FROM rejections WHERE NOT is_report)
    GROUP BY ALL
)
SELECT CASE WHEN r.is_report THEN 'report' ELSE 'file' END AS subject_kind,
       CASE WHEN r.is_report
            THEN r.project_id || ' ' || strftime(r.period_start, '%Y-%m-%d') || '..' || strftime(r.period_end, '%Y-%m-%d')
            ELSE r.file_path END AS subject,
       r.project_id, r.period_start, r.period_end, r.rejections, r.last_rejected_at,
       r.last_rejected_file, r.last_rejected_file_sha256,
       coalesce(a.last_accepted_at, f.last_read_at) AS last_accepted_at,
       CASE WHEN coalesce(a.last_accepted_at, f.last_read_at) >= r.last_rejected_at THEN 'corrected'
            ELSE 'outstanding' END AS status
FROM rejections r
-- Equalities only: a file's rejection has no report key and a report's no file path (both NULL),
-- so neither meets the other's rows; a condition on r alone would make these nested-loop joins.
LEFT JOIN accepted a
  ON a.project_id = r.project_id AND a.period_start = r.period_start AND a.period_end = r.period_end
LEFT JOIN files_read f ON f.path = r.file_path;
