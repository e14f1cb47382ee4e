-- The report versions in force (decided as domain.ResolveInForce decides, see resolveInForce),
-- one per report key, with when the report was first submitted in any version
-- (in_force_versions carries it): completeness judges lateness by that, so a correction sent
-- later does not make a punctual report late. run_id, file_sha256 and copies_in_file say which
-- stored copy's rows are the version's items; stored_once that they are all rows of its hash.
-- resolveInForce takes these columns from stg_report_versions as it picks the versions.
-- depends: in_force_versions
-- key: version_hash
CREATE OR REPLACE TABLE int_reports_in_force AS
SELECT version_hash, project_id, period_start, period_end, submitted_at,
       first_submitted_at, run_id, file_sha256, copies_in_file, stored_once
FROM in_force_versions;
