package transform

import (
	"context"
	"database/sql"
	"time"

	"mittari/catalogue"
	"mittari/metrics"
)

// The pre-send checks and the restatements of the versions sent (mart_presend_checks,
// mart_restatements) read, beyond the warehouse and the catalogue, what was sent: the pipeline
// reads out/sent/ and gives it as Options.Sent, which goes into the tables below before the
// models run. The findings and restatements come back through the queries queries/presend_*.sql.

// presendInputs are the tables loadPresend makes.
var presendInputs = []string{"sent_versions", "sent_columns", "sent_values", "sent_acknowledged", "cat_action_rates"}

// checksListed bounds the findings read per rule and cut-off; the counts are read in full, and
// the mart (out/marts/mart_presend_checks.parquet) holds every finding.
const checksListed = 50

// presendQueries are the queries of the checks and restatements, by the name readPresend gives
// them (queries/presend_<name>.sql).
var presendQueries = map[string]namedQuery{}

func init() {
	for _, name := range []string{"tables", "check_counts", "checks", "restatements"} {
		presendQueries[name] = sqlQuery("presend_" + name)
	}
}

// loadPresend makes the tables of what was sent (empty when nothing was) and the actions'
// co-financing rates.
func loadPresend(ctx context.Context, conn *sql.Conn, sent *metrics.SentInputs, cat *catalogue.Catalogue) error {
	if err := execQuery(ctx, conn, presendQueries["tables"]); err != nil {
		return err
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

// queryPresend runs the query name of queries/presend_<name>.sql with args and calls scan for
// each row.
func queryPresend(ctx context.Context, conn *sql.Conn, name string, args []queryArg, scan func(*sql.Rows) error) error {
	defer traced("presend_" + name)()
	return query(ctx, conn, presendQueries[name], scan, args...)
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
	err = queryPresend(ctx, conn, "checks", []queryArg{param("limit", checksListed)}, func(r *sql.Rows) error {
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
