-- Returns the targets, in either state (side), of the projects that explain changes
-- (basis_projects): project_id, indicator, target.
SELECT 'previous' AS side, project_id, indicator, target
FROM previous_targets SEMI JOIN basis_projects USING (project_id)
UNION ALL
SELECT 'current', project_id, indicator, target
FROM current_targets SEMI JOIN basis_projects USING (project_id)
