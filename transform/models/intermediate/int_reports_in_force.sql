-- The report versions in force (domain.ResolveInForce decided which, in Go), one per report key,
-- with when the report was first submitted in any version: completeness judges lateness by that,
-- so a correction sent later does not make a punctual report late.
-- depends: stg_report_versions, in_force_versions
-- key: version_hash
CREATE OR REPLACE TABLE int_reports_in_force AS
SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at,
       (SELECT min(a.submitted_at) FROM stg_report_versions a
         WHERE a.project_id = v.project_id AND a.period_start = v.period_start
           AND a.period_end = v.period_end) AS first_submitted_at
FROM stg_report_versions v
JOIN in_force_versions f USING (version_hash);
