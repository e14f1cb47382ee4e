package transform

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"mittari/domain"
	"mittari/internal/errs"
)

// openDuckDB opens an in-memory database with its resources set explicitly (stack-notes pitfall
// 6: the defaults take 80 % of RAM and spill into ./.tmp) and returns the one connection every
// statement uses, so that session settings and tables are shared.
func openDuckDB(ctx context.Context, threads int, memoryLimit, tempDir string) (*sql.DB, *sql.Conn, error) {
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, nil, errs.E(errs.Op("transform.openDuckDB"), errs.Internal, err)
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, errs.E(errs.Op("transform.openDuckDB"), errs.Internal, err)
	}
	settings := []string{
		fmt.Sprintf("SET threads = %d", threads),
		fmt.Sprintf("SET memory_limit = %s", sqlString(memoryLimit)),
		fmt.Sprintf("SET temp_directory = %s", sqlString(tempDir)),
		"SET TimeZone = 'UTC'",
		// Nothing relies on the order of a table's rows (every read sorts), so DuckDB may build
		// tables out of order, with less memory and more parallelism.
		"SET preserve_insertion_order = false",
		// eur() is the one place cents become euros, as DECIMAL(38,2): never DOUBLE, and wide
		// enough for any sum of BIGINT cents (DECIMAL(18,0) overflowed past 10^16 euros).
		"CREATE OR REPLACE MACRO eur(cents) AS (CAST(cents AS DECIMAL(38,0)) * 0.01)::DECIMAL(38,2)",
		// pct_tenths() is the one place a ratio becomes a percentage: part / whole in tenths of a
		// per cent, rounded half away from zero in 128-bit integers (exact for any cents), NULL
		// when there is nothing to compare with (whole missing or not positive) and for a ratio
		// beyond 64 bits (over 10^15 %, only with a whole of a few cents).
		"CREATE OR REPLACE MACRO pct_tenths(part, whole) AS CASE WHEN whole > 0 AND " +
			"abs(CAST(part AS HUGEINT)) * 1000 // whole < 9223372036854775807 THEN " +
			"(sign(part) * ((abs(CAST(part AS HUGEINT)) * 2000 + whole) // (2 * CAST(whole AS HUGEINT))))::BIGINT END",
		// pct() shows tenths of a per cent as a DECIMAL with one decimal, for readers of the marts.
		"CREATE OR REPLACE MACRO pct(tenths) AS (CAST(tenths AS DECIMAL(18,0)) * 0.1)::DECIMAL(18,1)",
		// The Art 42 cut-offs are 31 Mar, 30 Jun, 31 Aug, 31 Oct and 31 Dec from 2021-12-31 on
		// (domain.IsCutoffDate): a fact counting from date d counts at cut-off C exactly when
		// this first cut-off on or after d is <= C, which turns every per-cut-off figure into a
		// running total over a handful of cut-offs instead of a cut-off × project join.
		"CREATE OR REPLACE MACRO first_cutoff_on_or_after(d) AS greatest(DATE '" + domain.FirstCutoff.String() + "', " +
			"CASE WHEN month(d) <= 3 THEN make_date(year(d), 3, 31) WHEN month(d) <= 6 THEN make_date(year(d), 6, 30) " +
			"WHEN month(d) <= 8 THEN make_date(year(d), 8, 31) WHEN month(d) <= 10 THEN make_date(year(d), 10, 31) " +
			"ELSE make_date(year(d), 12, 31) END)",
	}
	for _, s := range settings {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			conn.Close()
			db.Close()
			return nil, nil, errs.E(errs.Op("transform.openDuckDB"), errs.Path(s), errs.Config, err)
		}
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
