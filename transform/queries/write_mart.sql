-- Copies a mart to a Parquet file in the order of its key (from its "-- key:" header), so that
-- two computations of the same warehouse write the same bytes. The mart's name and key are
-- filled in: a COPY names its table and columns, it cannot take them as parameters.
-- fills: mart, key
-- params: path
COPY (SELECT * FROM {{mart}} ORDER BY {{key}}) TO $path (FORMAT parquet, COMPRESSION zstd, PRESERVE_ORDER true)
