-- Returns which items (item) each moved version, and each version of a changed project, carries
-- (version_hash), from moved_versions and changed_projects. Every stored copy of a version
-- carries the same items (its hash is of its content), so any copy will do. The few versions
-- first, then their rows: joined the other way round, ten million rows would meet a million
-- versions.
WITH wanted AS (
    SELECT version_id, version_hash FROM src_report_versions
    WHERE version_hash IN (SELECT version_hash FROM moved_versions)
       OR project_id IN (SELECT project_id FROM changed_projects)
)
SELECT DISTINCT w.version_hash, r.item
FROM src_report_rows r JOIN wanted w ON w.version_id = r.version_id
