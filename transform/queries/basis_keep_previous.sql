-- Keeps what the pass as of the previous run knew, as views over the models' tables (nothing
-- replaces them any more): as basis_keep_current.sql does for now.
CREATE OR REPLACE TEMP VIEW previous_in_force AS
SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
FROM stg_report_versions v SEMI JOIN int_reports_in_force f USING (version_hash);

CREATE OR REPLACE TEMP VIEW previous_projects AS
SELECT p.project_id, p.action, p.status, coalesce(a.so, 0) AS so, coalesce(a.support_type, '') AS support_type,
       p.selected_on, p.eligible_cost_cents, p.eu_contribution_cents
FROM stg_projects p LEFT JOIN cat_actions a ON a.code = p.action;

CREATE OR REPLACE TEMP VIEW previous_targets AS SELECT project_id, indicator, target FROM stg_project_targets;
