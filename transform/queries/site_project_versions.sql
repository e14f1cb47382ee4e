-- Every version received by params.as_of of the reports of the projects in site_projects, each
-- once (a version stored twice keeps the copy received first, as stg_report_versions does).
SELECT version_hash, version_id, project_id, period_start, period_end, submitted_at, submitted_at_text,
       ingested_at, run_id, source_file, place
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.version_hash ORDER BY v.ingested_at, v.run_id, v.file_sha256, v.version_id) AS copy_no
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of AND v.project_id IN (SELECT project_id FROM site_projects)
)
WHERE copy_no = 1
ORDER BY project_id, period_start, period_end, submitted_at, version_hash
