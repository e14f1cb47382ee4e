-- Compares the kept bases (basis_keep_*.sql): the versions in force in one state only
-- (basis_moved), the projects whose register row or targets differ (basis_changed); leaves in
-- basis_in_force every version in force in either state (side) that moved or belongs to a
-- changed project, and in basis_projects the changed projects and those of the moved versions.
CREATE OR REPLACE TEMP TABLE basis_moved AS
SELECT version_hash, project_id FROM current_in_force ANTI JOIN previous_in_force USING (version_hash)
UNION ALL
SELECT version_hash, project_id FROM previous_in_force ANTI JOIN current_in_force USING (version_hash);

CREATE OR REPLACE TEMP TABLE basis_changed AS
WITH rows_differ AS (
    (SELECT * FROM previous_projects EXCEPT SELECT * FROM current_projects)
    UNION ALL
    (SELECT * FROM current_projects EXCEPT SELECT * FROM previous_projects)
), targets_differ AS (
    (SELECT * FROM previous_targets EXCEPT SELECT * FROM current_targets)
    UNION ALL
    (SELECT * FROM current_targets EXCEPT SELECT * FROM previous_targets)
)
SELECT project_id FROM rows_differ
UNION
-- Targets matter only for projects in a register (they hang on its rows).
SELECT project_id FROM targets_differ
WHERE project_id IN (SELECT project_id FROM previous_projects UNION SELECT project_id FROM current_projects);

CREATE OR REPLACE TEMP TABLE basis_projects AS
SELECT project_id FROM basis_changed UNION SELECT project_id FROM basis_moved;

CREATE OR REPLACE TEMP TABLE basis_in_force AS
SELECT side, version_hash, project_id, period_start, period_end, submitted_at, source_file
FROM (SELECT 'previous' AS side, * FROM previous_in_force UNION ALL SELECT 'current', * FROM current_in_force)
WHERE version_hash IN (SELECT version_hash FROM basis_moved)
   OR project_id IN (SELECT project_id FROM basis_changed);
