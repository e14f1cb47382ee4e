-- Returns the projects that get a page of their own (site_projects, made by site/projects.sql),
-- in project order, with how many the register holds in all.
SELECT project_id, title, beneficiary, beneficiary_type, action, so,
       support_type, start_date, end_date, selected_on, status, eligible_cost_cents, eu_contribution_cents, total
FROM site_projects ORDER BY project_id
