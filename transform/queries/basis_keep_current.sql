-- Keeps what the pass as of now knew, as tables (the pass as of the previous run is about to
-- replace the models' tables): the versions in force with where they came from, and the
-- register and targets with each project's SO and support type.
CREATE OR REPLACE TEMP TABLE current_in_force AS
SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
FROM stg_report_versions v SEMI JOIN int_reports_in_force f USING (version_hash);

CREATE OR REPLACE TEMP TABLE current_projects AS
SELECT p.project_id, p.action, p.status, coalesce(a.so, 0) AS so, coalesce(a.support_type, '') AS support_type,
       p.selected_on, p.eligible_cost_cents, p.eu_contribution_cents
FROM stg_projects p LEFT JOIN cat_actions a ON a.code = p.action;

CREATE OR REPLACE TEMP TABLE current_targets AS SELECT project_id, indicator, target FROM stg_project_targets;
