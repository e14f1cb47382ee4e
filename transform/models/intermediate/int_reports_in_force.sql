-- The report versions in force (decided as domain.ResolveInForce decides, see resolveInForce),
-- one per report key, with when the report was first submitted in any version
-- (in_force_versions carries it): completeness judges lateness by that, so a correction sent
-- later does not make a punctual report late. run_id, file_sha256 and copies_in_file say which
-- stored copy's rows are the version's items; stored_once that they are all rows of its hash.
-- depends: stg_report_versions, in_force_versions
-- key: version_hash
CREATE OR REPLACE TABLE int_reports_in_force AS
SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at,
       f.first_submitted_at, v.run_id, v.file_sha256, v.copies_in_file, v.stored_once
FROM stg_report_versions v
JOIN in_force_versions f USING (version_hash);
