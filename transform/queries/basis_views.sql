-- What the models' tables say now, as the changes since the previous run need it (temporary
-- views, so they follow the tables when a pass as of another time replaces them): the versions
-- in force with where they came from (basis_versions_now), the register with each project's SO
-- and support type (basis_projects_now), and the targets (basis_targets_now).
CREATE OR REPLACE TEMP VIEW basis_versions_now AS
SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
FROM stg_report_versions v SEMI JOIN int_reports_in_force f USING (version_hash);

CREATE OR REPLACE TEMP VIEW basis_projects_now AS
SELECT p.project_id, p.action, p.status, coalesce(a.so, 0) AS so, coalesce(a.support_type, '') AS support_type,
       p.selected_on, p.eligible_cost_cents, p.eu_contribution_cents
FROM stg_projects p LEFT JOIN cat_actions a ON a.code = p.action;

CREATE OR REPLACE TEMP VIEW basis_targets_now AS SELECT project_id, indicator, target FROM stg_project_targets;
