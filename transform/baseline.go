package transform

import (
	"context"
	"fmt"

	"mittari/internal/errs"
)

// reportCSVColumns is the report CSV of the spec, every column as text (DuckDB validates nothing).
const reportCSVColumns = "{'project_id': 'VARCHAR', 'period_start': 'VARCHAR', 'period_end': 'VARCHAR', " +
	"'submitted_at': 'VARCHAR', 'item': 'VARCHAR', 'value': 'VARCHAR'}"

// CopyCSVToParquet is the engine-native baseline the benchmarks compare ingest with: DuckDB's
// own `COPY (SELECT * FROM read_csv(...)) TO '....parquet'` over the same report files. It
// validates nothing, so it is the floor a validating ingest can approach, not beat.
func CopyCSVToParquet(ctx context.Context, glob, out string, threads int, memoryLimit, tempDir string) (rows int64, err error) {
	db, conn, err := openDuckDB(ctx, threads, memoryLimit, tempDir)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	defer conn.Close()
	// The schema is given rather than sniffed: sniffing every one of thousands of files would
	// make the baseline slower than DuckDB needs to be, and a baseline should be hard to beat.
	q := fmt.Sprintf("COPY (SELECT * FROM read_csv(%s, header = true, auto_detect = false, columns = %s)) TO %s (FORMAT parquet, COMPRESSION zstd)",
		sqlString(glob), reportCSVColumns, sqlString(out))
	res, err := conn.ExecContext(ctx, q)
	if err != nil {
		return 0, errs.E(errs.Op("transform.CopyCSVToParquet"), errs.Path(glob), errs.IO, err)
	}
	rows, _ = res.RowsAffected()
	return rows, nil
}
