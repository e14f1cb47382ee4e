-- The touched projects' inputs that need no parameter: their versions from the warehouse (a
-- table: delta and delta_old both read it, and it is one scan of a million versions), and their
-- operations from the cache (the register is the same), in delta and delta_old alike.
CREATE OR REPLACE TABLE delta.src_report_versions AS
SELECT v.* FROM main.src_report_versions v SEMI JOIN delta.touched t USING (project_id);

CREATE OR REPLACE VIEW delta.int_operations AS
SELECT o.* FROM cache.int_operations o SEMI JOIN delta.touched t USING (project_id);

CREATE OR REPLACE VIEW delta_old.int_operations AS SELECT * FROM delta.int_operations;
