-- The table Go fills with the Parquet files each source view reads (sources.sql): for each
-- warehouse table (source), the files of its committed runs, or an empty file of its schema
-- when it has none (warehouse.CommittedFiles, warehouse.EmptyFile).
CREATE OR REPLACE TABLE source_files (source VARCHAR, path VARCHAR)
