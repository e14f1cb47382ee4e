package transform

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"mittari/internal/errs"
)

var (
	qSession = sqlQuery("session")
	// macros.sql is a model file, beside the models that use its macros.
	macrosFile = "models/macros.sql"
)

// openDuckDB opens an in-memory database with its resources set explicitly (stack-notes pitfall
// 6: the defaults take 80 % of RAM and spill into ./.tmp), loads the cut-off calendar and
// creates the macros (which read it), and returns the one connection every statement uses, so
// that session settings and tables are shared.
func openDuckDB(ctx context.Context, threads int, memoryLimit, tempDir string) (*sql.DB, *sql.Conn, error) {
	const op errs.Op = "transform.openDuckDB"
	config := url.Values{
		"threads":        {strconv.Itoa(threads)},
		"memory_limit":   {memoryLimit},
		"temp_directory": {tempDir},
		// Nothing relies on the order of a table's rows (every read sorts, and the marts are
		// written in the order of their key), so DuckDB may build tables out of order, with less
		// memory and more parallelism.
		"preserve_insertion_order": {"false"},
	}
	connector, err := duckdb.NewConnector("?"+config.Encode(), nil)
	if err != nil {
		return nil, nil, errs.E(op, errs.Config, err)
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, errs.E(op, errs.Internal, err)
	}
	macros, err := modelFiles.ReadFile(macrosFile)
	if err == nil {
		err = execQuery(ctx, conn, qSession)
	}
	if err == nil {
		err = loadCutoffCalendar(ctx, conn)
	}
	if err == nil {
		if _, err = conn.ExecContext(ctx, string(macros)); err != nil {
			err = errs.E(op, errs.Path("transform/"+macrosFile), errs.Internal, err)
		}
	}
	if err != nil {
		conn.Close()
		db.Close()
		return nil, nil, err
	}
	return db, conn, nil
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// appendRows bulk-loads rows into an existing table through DuckDB's appender.
func appendRows(ctx context.Context, conn *sql.Conn, table string, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		driverConn, ok := dc.(*duckdb.Conn)
		if !ok {
			return errs.E(errs.Op("transform.appendRows"), errs.Path(table), errs.Internal, fmt.Errorf("unexpected driver connection %T", dc))
		}
		a, err := duckdb.NewAppenderFromConn(driverConn, "", table)
		if err != nil {
			return errs.E(errs.Op("transform.appendRows"), errs.Path(table), errs.Internal, err)
		}
		for _, r := range rows {
			vals := make([]driver.Value, len(r))
			for i, v := range r {
				vals[i] = v
			}
			if err := a.AppendRow(vals...); err != nil {
				a.Close()
				return errs.E(errs.Op("transform.appendRows"), errs.Path(table), errs.Internal, err)
			}
		}
		if err := a.Close(); err != nil {
			return errs.E(errs.Op("transform.appendRows"), errs.Path(table), errs.Internal, err)
		}
		return nil
	})
}
