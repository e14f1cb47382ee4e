-- Returns the versions in force that explain changes, in either state (side: 'previous' or
-- 'current'), with their key, submission and file: basis_in_force, which basis_find_moved.sql
-- or previous_basis.sql leave.
SELECT side, version_hash, project_id, period_start, period_end, submitted_at, source_file
FROM basis_in_force
