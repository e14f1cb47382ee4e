-- The items of the reports in force: one row per report and item, indicator counts in value and
-- expenditure in amount_cents (exact integer cents).
-- depends: stg_report_rows, int_reports_in_force
-- key: version_hash, item
CREATE OR REPLACE TABLE int_report_values AS
SELECT f.version_hash, f.project_id, f.period_start, f.period_end, r.item, r.value, r.amount_cents
FROM int_reports_in_force f
JOIN stg_report_rows r USING (version_hash);
