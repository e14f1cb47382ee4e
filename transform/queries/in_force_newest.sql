-- in_force_versions as if no project had overlapping reports: the newest version of each report
-- key (by submitted_at, then hash) of stg_report_versions, with every column
-- int_reports_in_force gives, and when the report was first submitted in any version (which
-- completeness judges lateness by). In a project whose report keys never overlap,
-- domain.ResolveInForce rejects nothing, so this is its answer; resolveInForce replaces the
-- projects where keys do overlap (overlapping_projects). One row per report key.
CREATE OR REPLACE TABLE in_force_versions AS
SELECT version_hash, version_id, project_id, period_start, period_end, submitted_at, first_submitted_at
FROM (
    SELECT version_hash, version_id, project_id, period_start, period_end, submitted_at,
           min(submitted_at) OVER report AS first_submitted_at,
           row_number() OVER (report ORDER BY submitted_at DESC, version_hash DESC) AS newest_first
    FROM stg_report_versions
    WINDOW report AS (PARTITION BY project_id, period_start, period_end)
)
WHERE newest_first = 1
