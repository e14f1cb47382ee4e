-- The engine-native baseline of the benchmarks: DuckDB's own CSV reader copying report files to
-- one Parquet file, every column as text (it validates nothing). The schema is given rather than
-- sniffed: sniffing each of thousands of files would make the baseline slower than DuckDB needs
-- to be, and a baseline should be hard to beat. Returns the number of rows copied.
-- params: glob, out
COPY (
    SELECT * FROM read_csv($glob, header = true, auto_detect = false,
                           columns = {'project_id': 'VARCHAR', 'period_start': 'VARCHAR', 'period_end': 'VARCHAR',
                                      'submitted_at': 'VARCHAR', 'item': 'VARCHAR', 'value': 'VARCHAR'})
) TO $out (FORMAT parquet, COMPRESSION zstd)
