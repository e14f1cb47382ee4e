package transform

import (
	"context"

	"mittari/internal/errs"
)

var qCopyCSVToParquet = sqlQuery("copy_csv_to_parquet")

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
	text, params, err := qCopyCSVToParquet.statement([]queryArg{param("glob", glob), param("out", out)})
	if err != nil {
		return 0, err
	}
	res, err := conn.ExecContext(ctx, text, params...)
	if err != nil {
		return 0, errs.E(errs.Op("transform.CopyCSVToParquet"), errs.Path(glob), errs.IO, err)
	}
	rows, _ = res.RowsAffected()
	return rows, nil
}
