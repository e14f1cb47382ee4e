-- The sources the models read: a view src_<table> per warehouse table over the files listed in
-- source_files (committed runs only: an uncommitted run's partitions are invisible), with run_id
-- taken from each file's run_id= folder as text (warehouse_files). A table with no committed
-- file yet is read from an empty file of its schema, so that every model runs on an empty
-- warehouse. A view reads its list of files from a variable each time it is used, so the
-- variables are kept for the session.
CREATE OR REPLACE MACRO warehouse_files(files) AS TABLE
SELECT * FROM read_parquet(files, hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);

SET VARIABLE src_report_versions_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'report_versions');
SET VARIABLE src_report_rows_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'report_rows');
SET VARIABLE src_projects_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'projects');
SET VARIABLE src_project_targets_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'project_targets');
SET VARIABLE src_runs_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'runs');
SET VARIABLE src_quarantine_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'quarantine');
SET VARIABLE src_warnings_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'warnings');
SET VARIABLE src_files_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'files');

CREATE OR REPLACE VIEW src_report_versions AS SELECT * FROM warehouse_files(getvariable('src_report_versions_files'));
CREATE OR REPLACE VIEW src_report_rows AS SELECT * FROM warehouse_files(getvariable('src_report_rows_files'));
CREATE OR REPLACE VIEW src_projects AS SELECT * FROM warehouse_files(getvariable('src_projects_files'));
CREATE OR REPLACE VIEW src_project_targets AS SELECT * FROM warehouse_files(getvariable('src_project_targets_files'));
CREATE OR REPLACE VIEW src_runs AS SELECT * FROM warehouse_files(getvariable('src_runs_files'));
CREATE OR REPLACE VIEW src_quarantine AS SELECT * FROM warehouse_files(getvariable('src_quarantine_files'));
CREATE OR REPLACE VIEW src_warnings AS SELECT * FROM warehouse_files(getvariable('src_warnings_files'));
CREATE OR REPLACE VIEW src_files AS SELECT * FROM warehouse_files(getvariable('src_files_files'));
