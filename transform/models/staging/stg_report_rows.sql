-- The items of the report versions received as of params.as_of, taken from the copy
-- stg_report_versions kept: one row per version and item.
-- depends: src_report_rows, stg_report_versions
-- key: version_hash, item
CREATE OR REPLACE TABLE stg_report_rows AS
SELECT r.version_hash, v.project_id, v.period_start, v.period_end, r.item,
       first(r.value) AS value, first(r.amount_cents) AS amount_cents
FROM src_report_rows r
JOIN stg_report_versions v
  ON v.version_hash = r.version_hash AND v.run_id = r.run_id AND v.file_sha256 = r.file_sha256
GROUP BY r.version_hash, v.project_id, v.period_start, v.period_end, r.item;
