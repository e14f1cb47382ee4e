-- The report versions received as of params.as_of: one row per version (content hash). A version
-- stored more than once (the same content in two files or runs) keeps its first copy, so that its
-- rows are counted once. copies_in_file says how many times that copy's file holds the version:
-- the file's rows of the version are then repeated that many times, and sums over them are
-- divided by it (exactly: every copy carries the same items and values).
-- depends: src_report_versions, params
-- key: version_hash
CREATE OR REPLACE TABLE stg_report_versions AS
SELECT version_hash, project_id, period_start, period_end, submitted_at, ingested_at,
       run_id, file_sha256, source_file, place, copies_in_file
FROM (
    SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.ingested_at,
           v.run_id, v.file_sha256, v.source_file, v.place,
           row_number() OVER (PARTITION BY v.version_hash
                              ORDER BY v.ingested_at, v.run_id, v.file_sha256, v.place) AS copy_no,
           count(*) OVER (PARTITION BY v.version_hash, v.run_id, v.file_sha256) AS copies_in_file
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
)
WHERE copy_no = 1;
