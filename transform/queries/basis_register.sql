-- Returns the register rows, in either state (side), of the projects that explain changes
-- (basis_projects), with each project's SO and support type.
SELECT 'previous' AS side, project_id, action, status, so, support_type, selected_on,
       eligible_cost_cents, eu_contribution_cents
FROM previous_projects SEMI JOIN basis_projects USING (project_id)
UNION ALL
SELECT 'current', project_id, action, status, so, support_type, selected_on,
       eligible_cost_cents, eu_contribution_cents
FROM current_projects SEMI JOIN basis_projects USING (project_id)
