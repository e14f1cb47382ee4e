package transform

import (
	"context"
	"database/sql"
	"time"

	"mittari/domain"
	"mittari/metrics"
	"mittari/warehouse"
)

var (
	qTouchedSinceTable       = sqlQuery("touched_since_table")
	qTouchedVersionsTable    = sqlQuery("touched_versions_table")
	qTouchedVersionsThen     = sqlQuery("touched_versions_then")
	qTouchedInForceThenTable = sqlQuery("touched_in_force_then_table")
	qPreviousBasis           = sqlQuery("previous_basis")
	qPreviousItemSums        = sqlQuery("previous_item_sums")
)

// sameRegister says whether the register and targets snapshots in force at a and at b are the
// same ones (stg_snapshots picks the latest snapshot ingested by as_of, ties by run id).
func sameRegister(snaps []warehouse.Snapshot, a, b time.Time) bool {
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
	prev := param("previous_as_of", sqlTimestamp(prevAsOf))
	err := execQuery(ctx, conn, qTouchedSinceTable, prev)
	if err == nil {
		err = execQuery(ctx, conn, qTouchedVersionsTable)
	}
	if err != nil {
		return nil, err
	}
	vs, err := readVersions(ctx, conn, qTouchedVersionsThen, prev)
	if err != nil {
		return nil, err
	}
	inForce, _ := domain.ResolveInForce(vs)
	if err := execQuery(ctx, conn, qTouchedInForceThenTable); err != nil {
		return nil, err
	}
	hashes := make([][]any, 0, len(inForce))
	for _, v := range inForce {
		hashes = append(hashes, []any{v.Hash})
	}
	if err := appendRows(ctx, conn, "touched_in_force_then", hashes); err != nil {
		return nil, err
	}
	// The versions in force now that left since prevAsOf or came into force since are all of
	// touched projects. With the register unchanged no project changed, so these are all
	// readBases needs.
	if err := execQueries(ctx, conn, qBasisViews, qPreviousBasis); err != nil {
		return nil, err
	}

	before := &state{asOf: prevAsOf,
		indicators: append([]metrics.IndicatorValue(nil), now.indicators...),
		financial:  append([]metrics.FinancialValue(nil), now.financial...)}
	// The items of the moved versions, by the first cut-off they count at (as in
	// int_item_contributions; the operations are the same then and now) and signed: what they
	// added to now's figures, to be taken off again.
	err = query(ctx, conn, qPreviousItemSums, func(r *sql.Rows) error {
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
