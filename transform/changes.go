package transform

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// changes compares the Commission tables as the previous run saw them with now and, for every
// figure that moved, lists what moved it: report versions in force now but not then (or then but
// not now) that carry the figure's item for a period ending by the cut-off, and register or
// target changes of projects that count in it. Everything comes from the warehouse; nothing is
// kept between runs.
func changes(ctx context.Context, conn *sql.Conn, before, now *state) ([]metrics.Change, error) {
	var added, removed []versionMeta
	for h, v := range now.inForce {
		if _, ok := before.inForce[h]; !ok {
			added = append(added, v)
		}
	}
	for h, v := range before.inForce {
		if _, ok := now.inForce[h]; !ok {
			removed = append(removed, v)
		}
	}
	// Items are needed for the moved versions and for every version of a project whose register
	// row changed (its reports count or stop counting with it); both sets are small.
	var hashes []string
	for _, v := range added {
		hashes = append(hashes, v.Hash)
	}
	for _, v := range removed {
		hashes = append(hashes, v.Hash)
	}
	var changedProjects []string
	for id := range unionKeys(before.projects, now.projects) {
		then, okThen := before.projects[id]
		cur, okNow := now.projects[id]
		if okThen != okNow || !sameProject(then, cur) {
			changedProjects = append(changedProjects, id)
		}
	}
	items, err := versionItems(ctx, conn, hashes, changedProjects)
	if err != nil {
		return nil, err
	}
	type moved struct {
		v    versionMeta
		verb string
	}
	var diff []moved
	for _, v := range added {
		diff = append(diff, moved{v, "now in force"})
	}
	for _, v := range removed {
		diff = append(diff, moved{v, "no longer in force"})
	}
	sort.Slice(diff, func(i, j int) bool {
		a, b := diff[i].v, diff[j].v
		if a.Key != b.Key {
			return a.Key.String() < b.Key.String()
		}
		return a.SubmittedAt.Before(b.SubmittedAt)
	})

	// reportsFor lists the moved versions of projects matching inScope that carry item and end
	// by the cut-off.
	reportsFor := func(c domain.Date, item string, inScope func(projectID string) bool) []string {
		var out []string
		for _, d := range diff {
			if d.v.Key.PeriodEnd > c || !inScope(d.v.Key.ProjectID) || !items[d.v.Hash][item] {
				continue
			}
			out = append(out, fmt.Sprintf("report %s submitted %s (version %s, %s) %s",
				d.v.Key, d.v.SubmittedAt.Format("2006-01-02T15:04:05Z07:00"), shortHash(d.v.Hash), d.v.SourceFile, d.verb))
		}
		return out
	}
	// registerFor lists projects whose register row or target changed in a way that matters to
	// a figure, as judged by differs.
	registerFor := func(differs func(id string, then, now projectState, okThen, okNow bool) bool) []string {
		var out []string
		for _, id := range changedProjects {
			then, okThen := before.projects[id]
			cur, okNow := now.projects[id]
			if differs(id, then, cur, okThen, okNow) {
				out = append(out, "project register: "+describeProjectChange(id, then, cur, okThen, okNow))
			}
		}
		sort.Strings(out)
		return out
	}

	var out []metrics.Change
	beforeInd := map[string]metrics.IndicatorValue{}
	for _, v := range before.indicators {
		beforeInd[v.Cutoff.String()+" "+v.Indicator] = v
	}
	for _, v := range now.indicators {
		b := beforeInd[v.Cutoff.String()+" "+v.Indicator]
		c := v.Cutoff.Date
		selectedAt := func(p projectState, ok bool) bool {
			return ok && p.Status != string(domain.StatusCancelled) && p.SelectedOn <= c
		}
		if b.Selected != v.Selected {
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: v.Indicator + " selected_value",
				Before: fmt.Sprint(b.Selected), After: fmt.Sprint(v.Selected),
				Reports: registerFor(func(_ string, then, cur projectState, okThen, okNow bool) bool {
					tv, nv := int64(0), int64(0)
					if selectedAt(then, okThen) {
						tv = then.Targets[v.Indicator]
					}
					if selectedAt(cur, okNow) {
						nv = cur.Targets[v.Indicator]
					}
					return tv != nv
				})})
		}
		if b.Achieved != v.Achieved {
			inScope := func(id string) bool {
				return selectedAt(before.projects[id], hasProject(before, id)) || selectedAt(now.projects[id], hasProject(now, id))
			}
			reports := reportsFor(c, v.Indicator, inScope)
			reports = append(reports, registerFor(func(id string, then, cur projectState, okThen, okNow bool) bool {
				return selectedAt(then, okThen) != selectedAt(cur, okNow) && projectReported(before, now, items, id, v.Indicator, c)
			})...)
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: v.Indicator + " achieved_value",
				Before: fmt.Sprint(b.Achieved), After: fmt.Sprint(v.Achieved), Reports: reports})
		}
	}

	beforeFin := map[string]metrics.FinancialValue{}
	for _, v := range before.financial {
		beforeFin[fmt.Sprintf("%s %d %s", v.Cutoff, v.SO, v.SupportType)] = v
	}
	for _, v := range now.financial {
		b := beforeFin[fmt.Sprintf("%s %d %s", v.Cutoff, v.SO, v.SupportType)]
		c := v.Cutoff.Date
		counts := func(p projectState, ok bool) bool {
			return ok && p.Status != string(domain.StatusCancelled) && p.SelectedOn <= c && p.SO == v.SO &&
				(v.SupportType == "all" || p.SupportType == v.SupportType)
		}
		registerMoved := func(field func(projectState) int64) []string {
			return registerFor(func(_ string, then, cur projectState, okThen, okNow bool) bool {
				tc, nc := counts(then, okThen), counts(cur, okNow)
				return tc != nc || (tc && field(then) != field(cur))
			})
		}
		prefix := v.SupportType + " "
		if b.SelectedOperations != v.SelectedOperations {
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: prefix + "selected_operations",
				Before: fmt.Sprint(b.SelectedOperations), After: fmt.Sprint(v.SelectedOperations),
				Reports: registerMoved(func(projectState) int64 { return 0 })})
		}
		if b.EligibleCost != v.EligibleCost {
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: prefix + "eligible_cost_eur",
				Before: b.EligibleCost.String(), After: v.EligibleCost.String(),
				Reports: registerMoved(func(p projectState) int64 { return p.Eligible })})
		}
		if b.EUContribution != v.EUContribution {
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: prefix + "eu_contribution_eur",
				Before: b.EUContribution.String(), After: v.EUContribution.String(),
				Reports: registerMoved(func(p projectState) int64 { return p.EU })})
		}
		if b.Declared != v.Declared {
			inScope := func(id string) bool {
				return counts(before.projects[id], hasProject(before, id)) || counts(now.projects[id], hasProject(now, id))
			}
			reports := reportsFor(c, domain.ExpenditureItem, inScope)
			reports = append(reports, registerFor(func(id string, then, cur projectState, okThen, okNow bool) bool {
				return counts(then, okThen) != counts(cur, okNow) && projectReported(before, now, items, id, domain.ExpenditureItem, c)
			})...)
			out = append(out, metrics.Change{Cutoff: v.Cutoff, SO: v.SO, Figure: prefix + "declared_expenditure_eur",
				Before: b.Declared.String(), After: v.Declared.String(), Reports: reports})
		}
	}
	return out, nil
}

func hasProject(s *state, id string) bool { _, ok := s.projects[id]; return ok }

// projectReported says whether a report of the project in force in either state carries item
// for a period ending by c; only then can the project's (de)selection have moved an achieved or
// declared sum.
func projectReported(before, now *state, items map[string]map[string]bool, id, item string, c domain.Date) bool {
	for _, s := range []*state{before, now} {
		for h, v := range s.inForce {
			if v.Key.ProjectID == id && v.Key.PeriodEnd <= c && items[h][item] {
				return true
			}
		}
	}
	return false
}

func unionKeys[V any](a, b map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func sameProject(a, b projectState) bool {
	if a.Action != b.Action || a.Status != b.Status || a.SO != b.SO || a.SupportType != b.SupportType ||
		a.SelectedOn != b.SelectedOn || a.Eligible != b.Eligible || a.EU != b.EU || len(a.Targets) != len(b.Targets) {
		return false
	}
	for k, v := range a.Targets {
		if w, ok := b.Targets[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// versionItems reads which items each given version, and each version of the given projects,
// carries: every stored copy of a version carries the same items (its hash is of its content),
// so any copy will do, whichever state's tables the session holds.
func versionItems(ctx context.Context, conn *sql.Conn, hashes, projects []string) (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	if len(hashes) == 0 && len(projects) == 0 {
		return out, nil
	}
	for _, ddl := range []string{"CREATE OR REPLACE TEMP TABLE moved_versions (version_hash VARCHAR)",
		"CREATE OR REPLACE TEMP TABLE changed_projects (project_id VARCHAR)"} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return nil, errs.E(errs.Op("transform.versionItems"), errs.Internal, err)
		}
	}
	rows := make([][]any, len(hashes))
	for i, h := range hashes {
		rows[i] = []any{h}
	}
	if err := appendRows(ctx, conn, "moved_versions", rows); err != nil {
		return nil, err
	}
	rows = make([][]any, len(projects))
	for i, p := range projects {
		rows[i] = []any{p}
	}
	if err := appendRows(ctx, conn, "changed_projects", rows); err != nil {
		return nil, err
	}
	// The few versions first, then their rows: joined the other way round, ten million rows
	// would meet a million versions.
	err := query(ctx, conn, "moved report items", `WITH wanted AS (
			SELECT version_id, version_hash FROM src_report_versions
			WHERE version_hash IN (SELECT version_hash FROM moved_versions)
			   OR project_id IN (SELECT project_id FROM changed_projects)
		)
		SELECT DISTINCT w.version_hash, r.item
		FROM src_report_rows r JOIN wanted w ON w.version_id = r.version_id`, func(r *sql.Rows) error {
		var h, item string
		if err := r.Scan(&h, &item); err != nil {
			return err
		}
		if out[h] == nil {
			out[h] = map[string]bool{}
		}
		out[h][item] = true
		return nil
	})
	return out, err
}

func describeProjectChange(id string, then, now projectState, okThen, okNow bool) string {
	switch {
	case !okThen:
		return id + " added"
	case !okNow:
		return id + " removed"
	}
	var parts []string
	if then.Status != now.Status {
		parts = append(parts, fmt.Sprintf("status %s → %s", then.Status, now.Status))
	}
	if then.SelectedOn != now.SelectedOn {
		parts = append(parts, fmt.Sprintf("selected_on %s → %s", then.SelectedOn, now.SelectedOn))
	}
	if then.Action != now.Action {
		parts = append(parts, fmt.Sprintf("action %s → %s", then.Action, now.Action))
	}
	if then.Eligible != now.Eligible {
		parts = append(parts, fmt.Sprintf("eligible cost %s → %s", domain.Cents(then.Eligible), domain.Cents(now.Eligible)))
	}
	if then.EU != now.EU {
		parts = append(parts, fmt.Sprintf("EU contribution %s → %s", domain.Cents(then.EU), domain.Cents(now.EU)))
	}
	var inds []string
	for ind := range then.Targets {
		inds = append(inds, ind)
	}
	for ind := range now.Targets {
		if _, ok := then.Targets[ind]; !ok {
			inds = append(inds, ind)
		}
	}
	sort.Strings(inds)
	for _, ind := range inds {
		if then.Targets[ind] != now.Targets[ind] {
			parts = append(parts, fmt.Sprintf("target %s %d → %d", ind, then.Targets[ind], now.Targets[ind]))
		}
	}
	if len(parts) == 0 {
		return id + " unchanged"
	}
	return id + " " + strings.Join(parts, ", ")
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// keepBasis keeps what the pass just run knew, under the given prefix, for readBases: the
// versions in force with where they came from, and the register and targets with each project's
// SO and support type. Views suffice unless another pass is about to replace the tables (copy).
func keepBasis(ctx context.Context, conn *sql.Conn, prefix string, copy bool) error {
	kind := "VIEW"
	if copy {
		kind = "TABLE"
	}
	for _, q := range []string{
		`CREATE OR REPLACE TEMP %s %s_in_force AS
		SELECT v.version_hash, v.project_id, v.period_start, v.period_end, v.submitted_at, v.source_file
		FROM stg_report_versions v SEMI JOIN int_reports_in_force f USING (version_hash)`,
		`CREATE OR REPLACE TEMP %s %s_projects AS
		SELECT p.project_id, p.action, p.status, coalesce(a.so, 0) AS so, coalesce(a.support_type, '') AS support_type,
		       p.selected_on, p.eligible_cost_cents, p.eu_contribution_cents
		FROM stg_projects p LEFT JOIN cat_actions a ON a.code = p.action`,
		`CREATE OR REPLACE TEMP %s %s_targets AS SELECT project_id, indicator, target FROM stg_project_targets`,
	} {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(q, kind, prefix)); err != nil {
			return errs.E(errs.Op("transform.keepBasis"), errs.Path(prefix), errs.Internal, err)
		}
	}
	return nil
}

// findMoved compares the kept bases in SQL: the versions in force in one state only (moved),
// the projects whose register row or targets differ (changed), and leaves in basis_in_force
// every version in force in either state (side) that moved or belongs to a changed project, and
// in basis_projects the changed projects and those of the moved versions.
func findMoved(ctx context.Context, conn *sql.Conn) error {
	for _, q := range []string{
		`CREATE OR REPLACE TEMP TABLE basis_moved AS
		SELECT version_hash, project_id FROM current_in_force ANTI JOIN previous_in_force USING (version_hash)
		UNION ALL
		SELECT version_hash, project_id FROM previous_in_force ANTI JOIN current_in_force USING (version_hash)`,
		`CREATE OR REPLACE TEMP TABLE basis_changed AS
		WITH rows_differ AS (
			(SELECT * FROM previous_projects EXCEPT SELECT * FROM current_projects)
			UNION ALL
			(SELECT * FROM current_projects EXCEPT SELECT * FROM previous_projects)
		), targets_differ AS (
			(SELECT * FROM previous_targets EXCEPT SELECT * FROM current_targets)
			UNION ALL
			(SELECT * FROM current_targets EXCEPT SELECT * FROM previous_targets)
		)
		SELECT project_id FROM rows_differ
		UNION
		-- Targets matter only for projects in a register (they hang on its rows).
		SELECT project_id FROM targets_differ
		WHERE project_id IN (SELECT project_id FROM previous_projects UNION SELECT project_id FROM current_projects)`,
		`CREATE OR REPLACE TEMP TABLE basis_projects AS
		SELECT project_id FROM basis_changed UNION SELECT project_id FROM basis_moved`,
		`CREATE OR REPLACE TEMP TABLE basis_in_force AS
		SELECT side, version_hash, project_id, period_start, period_end, submitted_at, source_file
		FROM (SELECT 'previous' AS side, * FROM previous_in_force UNION ALL SELECT 'current', * FROM current_in_force)
		WHERE version_hash IN (SELECT version_hash FROM basis_moved)
		   OR project_id IN (SELECT project_id FROM basis_changed)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.findMoved"), errs.Internal, err)
		}
	}
	return nil
}

// readBases fills the inForce and projects of both states with what changes needs (see
// findMoved, or previousByDelta, which leave basis_in_force and basis_projects). On a nightly
// run that is a handful of rows, whatever the size of the warehouse.
func readBases(ctx context.Context, conn *sql.Conn, before, now *state) error {
	for _, side := range []struct {
		prefix string
		st     *state
	}{{"previous", before}, {"current", now}} {
		st := side.st
		st.inForce, st.projects = map[string]versionMeta{}, map[string]projectState{}
		err := query(ctx, conn, side.prefix+" versions in force", fmt.Sprintf(`SELECT version_hash, project_id,
			period_start, period_end, submitted_at, source_file
			FROM basis_in_force WHERE side = '%s'`, side.prefix), func(r *sql.Rows) error {
			var v versionMeta
			var start, end, submitted time.Time
			if err := r.Scan(&v.Hash, &v.Key.ProjectID, &start, &end, &submitted, &v.SourceFile); err != nil {
				return err
			}
			v.Key.PeriodStart, v.Key.PeriodEnd, v.SubmittedAt = domain.DateOf(start.UTC()), domain.DateOf(end.UTC()), submitted.UTC()
			st.inForce[v.Hash] = v
			return nil
		})
		if err != nil {
			return err
		}
		err = query(ctx, conn, side.prefix+" register", fmt.Sprintf(`SELECT project_id, action, status, so, support_type,
			selected_on, eligible_cost_cents, eu_contribution_cents
			FROM %s_projects SEMI JOIN basis_projects USING (project_id)`, side.prefix), func(r *sql.Rows) error {
			var id string
			var p projectState
			var selected time.Time
			if err := r.Scan(&id, &p.Action, &p.Status, &p.SO, &p.SupportType, &selected, &p.Eligible, &p.EU); err != nil {
				return err
			}
			p.SelectedOn = domain.DateOf(selected.UTC())
			p.Targets = map[string]int64{}
			st.projects[id] = p
			return nil
		})
		if err != nil {
			return err
		}
		err = query(ctx, conn, side.prefix+" targets", fmt.Sprintf(`SELECT project_id, indicator, target
			FROM %s_targets SEMI JOIN basis_projects USING (project_id)`, side.prefix), func(r *sql.Rows) error {
			var id, ind string
			var v int64
			if err := r.Scan(&id, &ind, &v); err != nil {
				return err
			}
			if p, ok := st.projects[id]; ok {
				p.Targets[ind] = v
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
