-- Copies a mart to a Parquet file in the order of its key (from its "-- key:" header), so that
-- two computations of the same warehouse write the same bytes, and records the digest of its
-- content ($digest, from mart_digest.sql) in the file's key-value metadata, so that a later run
-- with the same content leaves the file alone. The mart's name and key are filled in: a COPY
-- names its table and columns, it cannot take them as parameters.
-- fills: mart, key
-- params: path, digest
COPY (SELECT * FROM {{mart}} ORDER BY {{key}})
TO $path (FORMAT parquet, COMPRESSION zstd, PRESERVE_ORDER true, KV_METADATA {mittari_content: $digest})
