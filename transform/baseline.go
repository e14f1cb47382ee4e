package transform

import (
	"context"
	"fmt"

	"mittari/internal/errs"
)

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
	q := fmt.Sprintf("COPY (SELECT * FROM read_csv(%s, header = true, union_by_name = true)) TO %s (FORMAT parquet, COMPRESSION zstd)",
		sqlString(glob), sqlString(out))
	res, err := conn.ExecContext(ctx, q)
	if err != nil {
		return 0, errs.E("transform.CopyCSVToParquet", glob, errs.IO, err)
	}
	rows, _ = res.RowsAffected()
	return rows, nil
}
