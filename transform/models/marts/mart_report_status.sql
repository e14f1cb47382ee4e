-- Every report the warehouse has heard of as of params.as_of, accepted or rejected, and every
-- file that could not be read, with its status:
--   outstanding  rejected, and no accepted version of the report (for a file: no readable copy
--                at the same path) arrived after its last rejection: the beneficiary still has
--                to correct it;
--   corrected    rejected, and an accepted version arrived after (or in the same run as) its
--                last rejection;
--   received     never rejected (its versions may still be out of force: domain.ResolveInForce
--                decides that, see int_reports_in_force).
-- A rejection is an error row of the quarantine table. Its report key is read from the
-- finding's report text ("<project> <start>..<end>[ submitted <time>]"); a finding without one
-- (a file that could not be read, a register row dropped) is about its file (subject_kind
-- 'file', subject its path).
-- depends: src_report_versions, src_quarantine, src_files, params
-- key: subject_kind, subject
CREATE OR REPLACE TABLE mart_report_status AS
WITH accepted AS (
    SELECT v.project_id, v.period_start, v.period_end,
           count(DISTINCT v.version_hash)::BIGINT AS versions_accepted, max(v.ingested_at) AS last_accepted_at
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
    GROUP BY ALL
), errors AS (
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
), rejected AS (
    SELECT CASE WHEN period_start IS NULL OR period_end IS NULL THEN 'file' ELSE 'report' END AS subject_kind,
           CASE WHEN period_start IS NULL OR period_end IS NULL THEN NULL ELSE project_id END AS project_id,
           CASE WHEN period_start IS NULL OR period_end IS NULL THEN NULL ELSE period_start END AS period_start,
           CASE WHEN period_start IS NULL OR period_end IS NULL THEN NULL ELSE period_end END AS period_end,
           source_file, file_sha256, ingested_at
    FROM keyed
), rejections AS (
    -- One rejection per subject and file.
    SELECT subject_kind, project_id, period_start, period_end,
           CASE WHEN subject_kind = 'file' THEN source_file END AS file_path,
           count(DISTINCT file_sha256)::BIGINT AS rejections, max(ingested_at) AS last_rejected_at,
           arg_max(source_file, ingested_at) AS last_rejected_file,
           arg_max(file_sha256, ingested_at) AS last_rejected_file_sha256
    FROM rejected
    GROUP BY ALL
), files_read AS (
    SELECT f.path, max(f.ingested_at) AS last_read_at
    FROM src_files f, params p
    WHERE f.ingested_at <= p.as_of AND f.outcome IN ('read', 'register')
    GROUP BY ALL
), reports AS (
    SELECT 'report' AS subject_kind,
           coalesce(a.project_id, r.project_id) AS project_id,
           coalesce(a.period_start, r.period_start) AS period_start,
           coalesce(a.period_end, r.period_end) AS period_end,
           coalesce(a.versions_accepted, 0)::BIGINT AS versions_accepted, a.last_accepted_at,
           coalesce(r.rejections, 0)::BIGINT AS rejections, r.last_rejected_at,
           r.last_rejected_file, r.last_rejected_file_sha256
    FROM accepted a
    FULL OUTER JOIN (SELECT * FROM rejections WHERE subject_kind = 'report') r
      ON r.project_id = a.project_id AND r.period_start = a.period_start AND r.period_end = a.period_end
), files AS (
    SELECT 'file' AS subject_kind, r.file_path, f.last_read_at, r.rejections, r.last_rejected_at,
           r.last_rejected_file, r.last_rejected_file_sha256
    FROM rejections r
    LEFT JOIN files_read f ON f.path = r.file_path AND f.last_read_at >= r.last_rejected_at
    WHERE r.subject_kind = 'file'
)
SELECT subject_kind,
       project_id || ' ' || strftime(period_start, '%Y-%m-%d') || '..' || strftime(period_end, '%Y-%m-%d') AS subject,
       project_id, period_start, period_end, versions_accepted, last_accepted_at, rejections,
       last_rejected_at, last_rejected_file, last_rejected_file_sha256,
       CASE WHEN rejections = 0 THEN 'received'
            WHEN last_accepted_at >= last_rejected_at THEN 'corrected'
            ELSE 'outstanding' END AS status
FROM reports
UNION ALL
SELECT subject_kind, file_path, NULL, NULL, NULL, 0, last_read_at, rejections, last_rejected_at,
       last_rejected_file, last_rejected_file_sha256,
       CASE WHEN last_read_at IS NOT NULL THEN 'corrected' ELSE 'outstanding' END
FROM files;
