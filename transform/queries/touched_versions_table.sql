-- touched_versions: every version of the touched projects, taken once here rather than joined
-- from a million versions by each step after.
CREATE OR REPLACE TEMP TABLE touched_versions AS
SELECT * FROM stg_report_versions SEMI JOIN touched_projects USING (project_id)
