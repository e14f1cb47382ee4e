package transform

import (
	"context"
	"database/sql"
	"embed"
	"time"

	"mittari/catalogue"
	"mittari/internal/errs"
	"mittari/metrics"
)

// The pre-send checks and the restatements of the versions sent (mart_presend_checks,
// mart_restatements) read, beyond the warehouse and the catalogue, what was sent: the pipeline
// reads out/sent/ and gives it as Options.Sent, which goes into the tables below before the
// models run. The findings and restatements come back through the queries of presend/.

// presendInputs are the tables loadPresend makes.
var presendInputs = []string{"sent_versions", "sent_columns", "sent_values", "sent_acknowledged", "cat_action_rates"}

func init() { Inputs = append(Inputs, presendInputs...) }

// checksListed bounds the findings read per rule and cut-off; the counts are read in full, and
// the mart (out/marts/mart_presend_checks.parquet) holds every finding.
const checksListed = 50

//go:embed presend/*.sql
var presendQueries embed.FS

func presendQuery(name string) string {
	b, err := presendQueries.ReadFile("presend/" + name + ".sql")
	if err != nil {
		panic(err) // embedded above; a missing name is a programming error
	}
	return string(b)
}

// loadPresend makes the tables of what was sent (empty when nothing was) and the actions'
// co-financing rates.
func loadPresend(ctx context.Context, conn *sql.Conn, sent *metrics.SentInputs, cat *catalogue.Catalogue) error {
	ddl := []string{
		// A figure of a file sent, or of mart_transmission_figures, in hundredths of its unit
		// (cents, a count × 100, a percentage with one decimal × 100) as a BIGINT: the files
		// write at most two decimals, and a BIGINT holds any sum the bounds allow (domain/bounds.go),
		// where parsing text into DECIMAL(38,2) is far slower (BENCHMARKS.md). NULL for an empty
		// or unreadable cell.
		`CREATE OR REPLACE MACRO hundredths(v) AS CASE WHEN nullif(v, '') IS NOT NULL THEN
			TRY_CAST(replace(v, '.', '') AS BIGINT) * CASE length(v) - coalesce(nullif(strpos(v, '.'), 0), length(v))
				WHEN 0 THEN 100 WHEN 1 THEN 10 WHEN 2 THEN 1 END END`,
		// figure_text writes hundredths of a unit as the export writes the figure: a count whole,
		// euros with two decimals, a percentage with one; '' for NULL.
		`CREATE OR REPLACE MACRO figure_text(h, unit) AS CASE
			WHEN h IS NULL THEN ''
			WHEN unit = 'count' THEN CAST(h // 100 AS VARCHAR)
			WHEN unit = 'eur' THEN CASE WHEN h < 0 THEN '-' ELSE '' END || CAST(abs(h) // 100 AS VARCHAR) || '.' || lpad(CAST(abs(h) % 100 AS VARCHAR), 2, '0')
			ELSE CASE WHEN h < 0 THEN '-' ELSE '' END || CAST(abs(h) // 100 AS VARCHAR) || '.' || CAST((abs(h) % 100) // 10 AS VARCHAR) END`,
		`CREATE OR REPLACE TABLE sent_versions (folder VARCHAR PRIMARY KEY, version VARCHAR, work INTEGER,
			cutoff_date DATE, figures_as_of TIMESTAMPTZ)`,
		// The tables each folder holds, with the figure columns of each (from the file's header).
		`CREATE OR REPLACE TABLE sent_columns (folder VARCHAR, tbl VARCHAR, figure VARCHAR)`,
		`CREATE OR REPLACE TABLE sent_values (folder VARCHAR, tbl VARCHAR, so_code VARCHAR, row_label VARCHAR,
			figure VARCHAR, value VARCHAR)`,
		`CREATE OR REPLACE TABLE sent_acknowledged (folder VARCHAR, tbl VARCHAR, so_code VARCHAR, row_label VARCHAR,
			figure VARCHAR, value VARCHAR)`,
		// The highest rate an action's operations may have: its rate, or the alternative rate
		// the plan allows for part of it.
		`CREATE OR REPLACE TABLE cat_action_rates (action VARCHAR PRIMARY KEY, rate_pct INTEGER)`,
	}
	for _, q := range ddl {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.loadPresend"), errs.Internal, err)
		}
	}
	var rates [][]any
	for _, a := range cat.Actions {
		if r := max(a.CofinancingPct, a.AltCofinancingPct); r > 0 {
			rates = append(rates, []any{a.Code, int32(r)})
		}
	}
	if err := appendRows(ctx, conn, "cat_action_rates", rates); err != nil {
		return err
	}
	if sent == nil {
		return nil
	}
	var versions, columns, values, acks [][]any
	for _, v := range sent.Versions {
		versions = append(versions, []any{v.Folder, v.Version, int32(v.Work), v.Cutoff.Date.Time(), v.FiguresAsOf.UTC()})
		for _, t := range v.Tables {
			for _, f := range t.Figures {
				columns = append(columns, []any{v.Folder, t.Name, f})
			}
		}
	}
	for _, f := range sent.Figures {
		values = append(values, []any{f.Folder, f.Table, f.SO, f.Row, f.Figure, f.Value})
	}
	for _, a := range sent.Acknowledged {
		acks = append(acks, []any{a.Folder, a.Table, a.SO, a.Row, a.Figure, a.Value})
	}
	for _, t := range []struct {
		name string
		rows [][]any
	}{{"sent_versions", versions}, {"sent_columns", columns}, {"sent_values", values}, {"sent_acknowledged", acks}} {
		if err := appendRows(ctx, conn, t.name, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// queryPresend runs the query name of presend/ with args and calls scan for each row.
func queryPresend(ctx context.Context, conn *sql.Conn, name string, args []any, scan func(*sql.Rows) error) error {
	defer traced("presend/" + name)()
	rows, err := conn.QueryContext(ctx, presendQuery(name), args...)
	if err != nil {
		return errs.E(errs.Op("transform.readPresend"), errs.Path("presend/"+name+".sql"), errs.Internal, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return errs.E(errs.Op("transform.readPresend"), errs.Path("presend/"+name+".sql"), errs.Internal, err)
		}
	}
	if err := rows.Err(); err != nil {
		return errs.E(errs.Op("transform.readPresend"), errs.Path("presend/"+name+".sql"), errs.Internal, err)
	}
	return nil
}

// readPresend reads the pre-send checks of the requested cut-offs and the restatements of the
// versions sent into res, with the versions sent the figures were computed against.
func readPresend(ctx context.Context, conn *sql.Conn, sent *metrics.SentInputs, res *metrics.Results) error {
	if sent != nil {
		res.Sent, res.SentState = sent.Versions, sent.State
	}
	err := queryPresend(ctx, conn, "check_counts", nil, func(r *sql.Rows) error {
		var v metrics.CheckCount
		var c time.Time
		if err := r.Scan(&c, &v.Rule, &v.Findings); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		res.CheckCounts = append(res.CheckCounts, v)
		return nil
	})
	if err != nil {
		return err
	}
	err = queryPresend(ctx, conn, "checks", []any{checksListed}, func(r *sql.Rows) error {
		var v metrics.CheckFinding
		var c time.Time
		if err := r.Scan(&c, &v.Rule, &v.Table, &v.SO, &v.Row, &v.Figure, &v.Value, &v.BoundFigure, &v.Bound, &v.Detail); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		res.Checks = append(res.Checks, v)
		return nil
	})
	if err != nil {
		return err
	}
	return queryPresend(ctx, conn, "restatements", nil, func(r *sql.Rows) error {
		var v metrics.Restatement
		var c time.Time
		var movedBy []any
		if err := r.Scan(&v.Folder, &v.Version, &v.Work, &c, &v.Table, &v.SO, &v.Row, &v.Figure, &v.Sent, &v.Now,
			&v.Acknowledged, &movedBy, &v.MovedByTotal); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		for _, m := range movedBy {
			if s, ok := m.(string); ok {
				v.MovedBy = append(v.MovedBy, s)
			}
		}
		res.Restatements = append(res.Restatements, v)
		return nil
	})
}
