package transform

import (
	"context"
	"database/sql"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/warehouse"
)

// sameRegister says whether the register and targets snapshots in force at a and at b are the
// same ones (stg_projects and stg_project_targets take the latest snapshot ingested by as_of).
func sameRegister(snaps []registerSnapshot, a, b time.Time) bool {
	for _, table := range []string{warehouse.TableProjects, warehouse.TableProjectTargets} {
		if snapshotInForce(snaps, table, a) != snapshotInForce(snaps, table, b) {
			return false
		}
	}
	return true
}

// previousByDelta derives the state as of prevAsOf from the current one when the register and
// targets are the same in both (see session.previous). It needs the current models' tables, and
// leaves what readBases reads.
func previousByDelta(ctx context.Context, conn *sql.Conn, prevAsOf time.Time, now *state) (*state, error) {
	prev := sqlString(prevAsOf.UTC().Format("2006-01-02 15:04:05.999999+00"))
	// A version received by prevAsOf was then stored as it is now: stg_report_versions keeps a
	// version's first copy, and that copy had been ingested by then.
	// Everything below reads the versions of the touched projects only: taken once here, not
	// joined from a million versions each time.
	for _, q := range []string{
		`CREATE OR REPLACE TEMP TABLE touched_projects AS
		SELECT DISTINCT project_id FROM stg_report_versions WHERE ingested_at > CAST(` + prev + ` AS TIMESTAMPTZ)`,
		`CREATE OR REPLACE TEMP TABLE touched_versions AS
		SELECT * FROM stg_report_versions SEMI JOIN touched_projects USING (project_id)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, errs.E(errs.Op("transform.previousByDelta"), errs.Internal, err)
		}
	}
	vs, err := readVersions(ctx, conn, "versions of projects touched since the previous run",
		`FROM touched_versions WHERE ingested_at <= CAST(`+prev+` AS TIMESTAMPTZ)`)
	if err != nil {
		return nil, err
	}
	inForce, _ := domain.ResolveInForce(vs)
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE touched_in_force_then (version_hash VARCHAR)"); err != nil {
		return nil, errs.E(errs.Op("transform.previousByDelta"), errs.Internal, err)
	}
	hashes := make([][]any, 0, len(inForce))
	for _, v := range inForce {
		hashes = append(hashes, []any{v.Hash})
	}
	if err := appendRows(ctx, conn, "touched_in_force_then", hashes); err != nil {
		return nil, err
	}
	// The versions in force now that left since prevAsOf or came into force since are all of
	// touched projects: +1 for in force now, not then; -1 then, not now. With the register
	// unchanged no project changed, so these are all readBases needs.
	for _, q := range []string{
		`CREATE OR REPLACE TEMP TABLE delta_versions AS
		WITH touched_now AS (
			SELECT version_hash FROM int_reports_in_force SEMI JOIN touched_projects USING (project_id)
		)
		SELECT version_hash, 1 AS sign FROM touched_now ANTI JOIN touched_in_force_then USING (version_hash)
		UNION ALL
		SELECT version_hash, -1 FROM touched_in_force_then ANTI JOIN touched_now USING (version_hash)`,
		`CREATE OR REPLACE TEMP TABLE basis_in_force AS
		SELECT CASE WHEN d.sign > 0 THEN 'current' ELSE 'previous' END AS side,
		       v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
		FROM delta_versions d JOIN touched_versions v USING (version_hash)`,
		`CREATE OR REPLACE TEMP TABLE basis_projects AS SELECT DISTINCT project_id FROM basis_in_force`,
		`CREATE OR REPLACE TEMP VIEW previous_projects AS
		SELECT p.project_id, p.action, p.status, coalesce(a.so, 0) AS so, coalesce(a.support_type, '') AS support_type,
		       p.selected_on, p.eligible_cost_cents, p.eu_contribution_cents
		FROM stg_projects p LEFT JOIN cat_actions a ON a.code = p.action`,
		`CREATE OR REPLACE TEMP VIEW current_projects AS SELECT * FROM previous_projects`,
		`CREATE OR REPLACE TEMP VIEW previous_targets AS SELECT project_id, indicator, target FROM stg_project_targets`,
		`CREATE OR REPLACE TEMP VIEW current_targets AS SELECT * FROM previous_targets`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, errs.E(errs.Op("transform.previousByDelta"), errs.Internal, err)
		}
	}

	before := &state{asOf: prevAsOf,
		indicators: append([]metrics.IndicatorValue(nil), now.indicators...),
		financial:  append([]metrics.FinancialValue(nil), now.financial...)}
	// The items of the moved versions, by the first cut-off they count at (as in
	// int_item_contributions; the operations are the same then and now) and signed: what they
	// added to now's figures, to be taken off again.
	err = query(ctx, conn, "items of the versions moved since the previous run", `SELECT r.item, o.so, o.support_type,
		first_cutoff_on_or_after(greatest(v.period_end, o.selected_on)) AS counts_from,
		(sum(coalesce(r.value, r.amount_cents)) * v.sign)::BIGINT AS amount
		FROM src_report_rows r
		JOIN (SELECT v.*, d.sign FROM touched_versions v JOIN delta_versions d USING (version_hash)) v
		  ON v.version_id = r.version_id
		JOIN int_operations o ON o.project_id = v.project_id
		GROUP BY r.item, o.so, o.support_type, counts_from, v.sign`, func(r *sql.Rows) error {
		var item, supportType string
		var so domain.SO
		var from time.Time
		var amount int64
		if err := r.Scan(&item, &so, &supportType, &from, &amount); err != nil {
			return err
		}
		countsFrom := domain.DateOf(from.UTC())
		if item == domain.ExpenditureItem {
			for i, f := range before.financial {
				if f.Cutoff.Date >= countsFrom && f.SO == so && (f.SupportType == supportType || f.SupportType == domain.SupportTypeAll) {
					before.financial[i].Declared -= domain.Cents(amount)
				}
			}
			return nil
		}
		for i, v := range before.indicators {
			if v.Cutoff.Date >= countsFrom && v.Indicator == item {
				before.indicators[i].Achieved -= amount
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return before, nil
}
