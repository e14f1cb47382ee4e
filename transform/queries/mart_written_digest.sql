-- Returns the content digest a mart file was written with (write_mart.sql records it in the
-- file's key-value metadata as mittari_content); no row for a file without one.
-- params: path
SELECT decode(value) FROM parquet_kv_metadata($path) WHERE decode(key) = 'mittari_content'
