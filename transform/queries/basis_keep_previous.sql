-- Names what the pass as of the previous run knew (basis_views.sql) as its side of the bases:
-- views, since nothing replaces the models' tables after it.
CREATE OR REPLACE TEMP VIEW previous_in_force AS SELECT * FROM basis_versions_now;
CREATE OR REPLACE TEMP VIEW previous_projects AS SELECT * FROM basis_projects_now;
CREATE OR REPLACE TEMP VIEW previous_targets AS SELECT * FROM basis_targets_now;
