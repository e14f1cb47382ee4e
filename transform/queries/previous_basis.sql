-- The bases of the changes when the register and targets were the same at the previous run:
-- the versions in force now that came into force since (+1) and those then that left since (-1)
-- are all of touched projects (delta_versions); basis_in_force holds them with the side they are
-- in force on, basis_projects their projects; the register and targets are now's on both sides
-- (basis_views.sql).
CREATE OR REPLACE TEMP TABLE delta_versions AS
WITH touched_now AS (
    SELECT version_hash FROM int_reports_in_force SEMI JOIN touched_projects USING (project_id)
)
SELECT version_hash, 1 AS sign FROM touched_now ANTI JOIN touched_in_force_then USING (version_hash)
UNION ALL
SELECT version_hash, -1 FROM touched_in_force_then ANTI JOIN touched_now USING (version_hash);

CREATE OR REPLACE TEMP TABLE basis_in_force AS
SELECT CASE WHEN d.sign > 0 THEN 'current' ELSE 'previous' END AS side,
       v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
FROM delta_versions d JOIN touched_versions v USING (version_hash);

CREATE OR REPLACE TEMP TABLE basis_projects AS SELECT DISTINCT project_id FROM basis_in_force;

CREATE OR REPLACE TEMP VIEW previous_projects AS SELECT * FROM basis_projects_now;
CREATE OR REPLACE TEMP VIEW current_projects AS SELECT * FROM basis_projects_now;
CREATE OR REPLACE TEMP VIEW previous_targets AS SELECT * FROM basis_targets_now;
CREATE OR REPLACE TEMP VIEW current_targets AS SELECT * FROM basis_targets_now;
