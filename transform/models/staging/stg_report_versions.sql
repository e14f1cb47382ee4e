-- The report versions received as of params.as_of: one row per version (content hash). A version
-- stored more than once (the same content in two files or runs) keeps its first copy, so that its
-- rows are counted once. copies_in_file says how many times that copy's file holds the version:
-- the file's rows of the version are then repeated that many times, and sums over them are
-- divided by it (exactly: every copy carries the same items and values).
-- stored_once says the warehouse (every committed run, whatever as_of) holds this version in one
-- copy only: every report row with its hash is then that copy's, so a join of report rows to it
-- needs the hash alone (a 64-character key instead of three, the bulk of the one scan of
-- report rows). Versions stored twice anywhere go through the window that picks the first copy
-- received; they are few. Copies in one file share run_id and file_sha256, so which of them
-- comes first does not matter.
-- depends: src_report_versions, params
-- key: version_hash
CREATE OR REPLACE TABLE stg_report_versions AS
WITH received AS (
    SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.ingested_at,
           v.run_id, v.file_sha256, v.source_file
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
), stored_twice AS (
    SELECT version_hash FROM src_report_versions GROUP BY version_hash HAVING count(*) > 1
)
SELECT *, 1 AS copies_in_file, true AS stored_once FROM received ANTI JOIN stored_twice USING (version_hash)
UNION ALL
SELECT * EXCLUDE (copy_no), false FROM (
    SELECT r.*, count(*) OVER (PARTITION BY version_hash, run_id, file_sha256) AS copies_in_file,
           row_number() OVER (PARTITION BY version_hash ORDER BY ingested_at, run_id, file_sha256) AS copy_no
    FROM received r SEMI JOIN stored_twice USING (version_hash)
)
WHERE copy_no = 1;
