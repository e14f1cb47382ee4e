-- The report versions in force (decided as domain.ResolveInForce decides, see resolveInForce),
-- one per report key, with when the report was first submitted in any version
-- (in_force_versions carries it): completeness judges lateness by that, so a correction sent
-- later does not make a punctual report late. version_id names the stored copy whose report rows
-- are the version's items. resolveInForce takes these columns from stg_report_versions as it
-- picks the versions.
-- A view: the versions are in_force_versions' rows as they stand, and a copy of a million of them
-- would cost its time and hold the versions twice in memory.
-- depends: in_force_versions
-- key: version_hash
CREATE OR REPLACE VIEW int_reports_in_force AS
SELECT version_hash, version_id, project_id, period_start, period_end, submitted_at,
       first_submitted_at
FROM in_force_versions;
