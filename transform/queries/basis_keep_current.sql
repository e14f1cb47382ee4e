-- Keeps what the pass as of now knew (basis_views.sql), as tables: the pass as of the previous
-- run is about to replace the models' tables.
CREATE OR REPLACE TEMP TABLE current_in_force AS SELECT * FROM basis_versions_now;
CREATE OR REPLACE TEMP TABLE current_projects AS SELECT * FROM basis_projects_now;
CREATE OR REPLACE TEMP TABLE current_targets AS SELECT * FROM basis_targets_now;
