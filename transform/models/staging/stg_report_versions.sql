-- The report versions received as of params.as_of: one row per version (content hash). A version
-- stored more than once (the same content in two files or runs) keeps its first copy received;
-- version_id names that copy, and the report rows with that id are the version's items, each
-- once (every copy carries the same items and values, its hash being of its content).
-- Versions stored twice are few: only they go through the window that picks the first copy.
-- depends: src_report_versions, params
-- key: version_hash
CREATE OR REPLACE TABLE stg_report_versions AS
WITH received AS (
    SELECT v.version_id, v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at,
           v.ingested_at, v.run_id, v.file_sha256, v.source_file
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
), stored_twice AS (
    SELECT version_hash FROM received GROUP BY version_hash HAVING count(*) > 1
)
SELECT * FROM received ANTI JOIN stored_twice USING (version_hash)
UNION ALL
SELECT * EXCLUDE (copy_no) FROM (
    SELECT r.*, row_number() OVER (PARTITION BY version_hash ORDER BY ingested_at, run_id, file_sha256, version_id) AS copy_no
    FROM received r SEMI JOIN stored_twice USING (version_hash)
)
WHERE copy_no = 1;
