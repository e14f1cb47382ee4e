-- The report versions received as of params.as_of: one row per version (content hash). A version
-- stored more than once (the same content in two files or runs) keeps its first copy received;
-- version_id names that copy, and the report rows with that id are the version's items, each
-- once (every copy carries the same items and values, its hash being of its content).
-- Versions stored twice are few (ingest never stores a hash it holds): only they go through the
-- window that picks the first copy. They are found by grouping the 64-bit hash() of the content
-- hash, not the 64-character hash itself (the string grouping was a large part of this model:
-- BENCHMARKS.md); equal content hashes have equal hash(), and a rare collision of two
-- different ones only sends both through the window, which partitions by the content hash
-- itself, so each still keeps its own first copy. The warehouse columns nothing reads
-- (run_id, file_sha256, place, items) stay out of the table; run_id and file_sha256 order copies.
-- depends: src_report_versions, params
-- key: version_hash
CREATE OR REPLACE TABLE stg_report_versions AS
WITH copied AS (
    SELECT hash(v.version_hash) AS h
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
    GROUP BY h
    HAVING count(*) > 1
)
SELECT v.version_id, v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at,
       v.ingested_at, v.source_file
FROM src_report_versions v, params p
WHERE v.ingested_at <= p.as_of AND hash(v.version_hash) NOT IN (SELECT h FROM copied)
UNION ALL
SELECT version_id, version_hash, project_id, period_start, period_end, submitted_at, ingested_at, source_file
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.version_hash
                                   ORDER BY v.ingested_at, v.run_id, v.file_sha256, v.version_id) AS copy_no
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of AND hash(v.version_hash) IN (SELECT h FROM copied)
)
WHERE copy_no = 1;
