-- Returns what domain.ResolveInForce needs of every version of the projects with overlapping
-- reports: version_hash, project_id, period_start, period_end, submitted_at.
SELECT version_hash, project_id, period_start, period_end, submitted_at
FROM stg_report_versions SEMI JOIN overlapping_projects USING (project_id)
