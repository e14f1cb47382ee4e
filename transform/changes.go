package transform

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"mittari/domain"
	"mittari/metrics"
)

var (
	qMovedVersionsTables = sqlQuery("moved_versions_tables")
	qVersionItems        = sqlQuery("version_items")
	qBasisViews          = sqlQuery("basis_views")
	qBasisKeepCurrent    = sqlQuery("basis_keep_current")
	qBasisKeepPrevious   = sqlQuery("basis_keep_previous")
	qBasisFindMoved      = sqlQuery("basis_find_moved")
	qBasisVersions       = sqlQuery("basis_versions")
	qBasisRegister       = sqlQuery("basis_register")
	qBasisTargets        = sqlQuery("basis_targets")
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
	if err := execQuery(ctx, conn, qMovedVersionsTables); err != nil {
		return nil, err
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
	err := query(ctx, conn, qVersionItems, func(r *sql.Rows) error {
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

// keepBasis keeps what the pass just run knew, for readBases: the versions in force with where
// they came from, and the register and targets with each project's SO and support type
// (queries/basis_views.sql). Those of now are copied (the pass as of the previous run is about
// to replace the models' tables), those of the previous run are views.
func keepBasis(ctx context.Context, conn *sql.Conn, current bool) error {
	if current {
		return execQueries(ctx, conn, qBasisViews, qBasisKeepCurrent)
	}
	return execQuery(ctx, conn, qBasisKeepPrevious)
}

// findMoved compares the kept bases in SQL (queries/basis_find_moved.sql): the versions in force
// in one state only, the projects whose register row or targets differ, and leaves in
// basis_in_force and basis_projects what readBases reads.
func findMoved(ctx context.Context, conn *sql.Conn) error {
	return execQuery(ctx, conn, qBasisFindMoved)
}

// readBases fills the inForce and projects of both states with what changes needs (see
// findMoved, or previousByDelta, which leave basis_in_force and basis_projects). On a nightly
// run that is a handful of rows, whatever the size of the warehouse.
func readBases(ctx context.Context, conn *sql.Conn, before, now *state) error {
	sides := map[string]*state{"previous": before, "current": now}
	for _, st := range sides {
		st.inForce, st.projects = map[string]versionMeta{}, map[string]projectState{}
	}
	err := query(ctx, conn, qBasisVersions, func(r *sql.Rows) error {
		var side string
		var v versionMeta
		var start, end, submitted time.Time
		if err := r.Scan(&side, &v.Hash, &v.Key.ProjectID, &start, &end, &submitted, &v.SourceFile); err != nil {
			return err
		}
		v.Key.PeriodStart, v.Key.PeriodEnd, v.SubmittedAt = domain.DateOf(start.UTC()), domain.DateOf(end.UTC()), submitted.UTC()
		sides[side].inForce[v.Hash] = v
		return nil
	})
	if err != nil {
		return err
	}
	err = query(ctx, conn, qBasisRegister, func(r *sql.Rows) error {
		var side, id string
		var p projectState
		var selected time.Time
		if err := r.Scan(&side, &id, &p.Action, &p.Status, &p.SO, &p.SupportType, &selected, &p.Eligible, &p.EU); err != nil {
			return err
		}
		p.SelectedOn = domain.DateOf(selected.UTC())
		p.Targets = map[string]int64{}
		sides[side].projects[id] = p
		return nil
	})
	if err != nil {
		return err
	}
	return query(ctx, conn, qBasisTargets, func(r *sql.Rows) error {
		var side, id, ind string
		var v int64
		if err := r.Scan(&side, &id, &ind, &v); err != nil {
			return err
		}
		if p, ok := sides[side].projects[id]; ok {
			p.Targets[ind] = v
		}
		return nil
	})
}
