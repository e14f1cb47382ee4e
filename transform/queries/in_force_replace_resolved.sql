-- Replaces the rows of in_force_versions of the projects with overlapping reports by the
-- versions Go decided are in force (resolved_in_go), with the same columns, first_submitted_at
-- still over every version of the report key.
DELETE FROM in_force_versions WHERE project_id IN (SELECT project_id FROM overlapping_projects);

INSERT INTO in_force_versions
SELECT version_hash, version_id, project_id, period_start, period_end, submitted_at, first_submitted_at
FROM (
    SELECT *, min(submitted_at) OVER (PARTITION BY project_id, period_start, period_end) AS first_submitted_at
    FROM stg_report_versions SEMI JOIN overlapping_projects USING (project_id)
) SEMI JOIN resolved_in_go USING (version_hash);
