-- The sources the models read: a view src_<table> per warehouse table over the files listed in
-- source_files (committed runs only: an uncommitted run's partitions are invisible), with run_id
-- taken from each file's run_id= folder as text. A table with no committed file yet is read from
-- an empty file of its schema, so that every model runs on an empty warehouse. A view reads the
-- list held in a variable each time it is used, so it is kept for the session.
SET VARIABLE src_report_versions_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'report_versions');
SET VARIABLE src_report_rows_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'report_rows');
SET VARIABLE src_projects_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'projects');
SET VARIABLE src_project_targets_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'project_targets');
SET VARIABLE src_runs_files = (SELECT list(path ORDER BY path) FROM source_files WHERE source = 'runs');

CREATE OR REPLACE VIEW src_report_versions AS
SELECT * FROM read_parquet(getvariable('src_report_versions_files'),
                           hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW src_report_rows AS
SELECT * FROM read_parquet(getvariable('src_report_rows_files'),
                           hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW src_projects AS
SELECT * FROM read_parquet(getvariable('src_projects_files'),
                           hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW src_project_targets AS
SELECT * FROM read_parquet(getvariable('src_project_targets_files'),
                           hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW src_runs AS
SELECT * FROM read_parquet(getvariable('src_runs_files'),
                           hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true);
