-- Copies a mart to a Parquet file. The mart's name is filled in: a COPY names its table, it
-- cannot take it as a parameter.
-- fills: mart
-- params: path
COPY (SELECT * FROM {{mart}}) TO $path (FORMAT parquet, COMPRESSION zstd, PRESERVE_ORDER true)
