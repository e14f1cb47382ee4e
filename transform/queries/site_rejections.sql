-- The rejected reports and files still outstanding (mart_report_status), newest rejection first,
-- capped at ? rows, with how many there are.
-- params: limit
SELECT subject_kind, subject, coalesce(project_id, ''), period_start, period_end, rejections,
       last_rejected_at, last_rejected_file, last_rejected_file_sha256, count(*) OVER () AS total
FROM mart_report_status
WHERE status = 'outstanding'
ORDER BY last_rejected_at DESC, subject_kind DESC, subject
LIMIT $limit
