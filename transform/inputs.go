package transform

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/warehouse"
)

// Inputs are the tables Go creates before the models run; models name them in their
// "-- depends:" headers like other models.
var Inputs = append([]string{
	"src_report_versions", "src_report_rows", "src_projects", "src_project_targets", "src_runs",
	"src_quarantine", "src_warnings", "src_files",
	"cat_sos", "cat_support_types", "cat_actions", "cat_indicators", "cat_goals", "cat_allocations", "cat_rules",
	"cutoffs", "params", "in_force_versions",
}, slices.Concat(transmissionInputs, aprInputs, siteInputs, presendInputs)...)

// Horizon is the date projections reach: the end of the programme's implementation (targets are
// for 2029).
var Horizon = domain.NewDate(2029, time.December, 31)

var (
	qSourceFilesTable    = sqlQuery("source_files_table")
	qSources             = sqlQuery("sources")
	qCatalogueTables     = sqlQuery("catalogue_tables")
	qCutoffsTable        = sqlQuery("cutoffs_table")
	qCutoffCalendarTable = sqlQuery("cutoff_calendar_table")
	qParams              = sqlQuery("params")
	qInForceNewest       = sqlQuery("in_force_newest")
	qOverlappingProjects = sqlQuery("overlapping_projects")
	qOverlappingVersions = sqlQuery("overlapping_versions")
	qResolvedInGoTable   = sqlQuery("resolved_in_go_table")
	qInForceReplaceByGo  = sqlQuery("in_force_replace_resolved")
)

// sourceTables are the warehouse tables the models read, each through the view src_<table>
// (queries/sources.sql). The report site's marts read the findings and the files read
// (mart_report_status).
var sourceTables = []string{warehouse.TableReportVersions, warehouse.TableReportRows, warehouse.TableProjects,
	warehouse.TableProjectTargets, warehouse.TableRuns, warehouse.TableQuarantine, warehouse.TableWarnings,
	warehouse.TableFiles}

// createSources makes the views src_<table> over the files of committed runs only, as the
// warehouse lists them; a table with no committed files yet is read from an empty file of its
// schema written under tempDir, so that every model runs on a warehouse with no reports.
func createSources(ctx context.Context, conn *sql.Conn, root, tempDir string) error {
	var rows [][]any
	for _, table := range sourceTables {
		files, err := warehouse.CommittedFiles(root, table)
		if err != nil {
			return err
		}
		// A table with no committed file is read from an empty file of its schema; so is the
		// register always, beside its snapshots: those written before a column was added lack
		// it, and the empty file of today's schema gives every column (NULL in older files).
		if len(files) == 0 || table == warehouse.TableProjects {
			empty, err := warehouse.EmptyFile(tempDir, table)
			if err != nil {
				return err
			}
			files = append(files, empty)
		}
		for _, f := range files {
			rows = append(rows, []any{table, f})
		}
	}
	if err := execQuery(ctx, conn, qSourceFilesTable); err != nil {
		return err
	}
	if err := appendRows(ctx, conn, "source_files", rows); err != nil {
		return err
	}
	return execQuery(ctx, conn, qSources)
}

// readVersions reads what domain.ResolveInForce needs of the versions q returns.
func readVersions(ctx context.Context, conn *sql.Conn, q namedQuery, args ...queryArg) ([]domain.Version, error) {
	var vs []domain.Version
	err := query(ctx, conn, q, func(r *sql.Rows) error {
		var v domain.Version
		var start, end, submitted time.Time
		if err := r.Scan(&v.Hash, &v.Key.ProjectID, &start, &end, &submitted); err != nil {
			return err
		}
		v.Key.PeriodStart, v.Key.PeriodEnd, v.SubmittedAt = domain.DateOf(start.UTC()), domain.DateOf(end.UTC()), submitted.UTC()
		vs = append(vs, v)
		return nil
	}, args...)
	return vs, err
}

// snapshotInForce names the snapshot of table in force at t: the latest ingested by then (ties
// by run id, as stg_snapshots orders them), "" if none.
func snapshotInForce(snaps []warehouse.Snapshot, table string, t time.Time) string {
	best, ok := latestSnapshot(snaps, table, t)
	if !ok {
		return ""
	}
	return best.Run + "@" + best.At.Format(time.RFC3339Nano)
}

// latestSnapshot is the snapshot of table in force at t, if there is one.
func latestSnapshot(snaps []warehouse.Snapshot, table string, t time.Time) (warehouse.Snapshot, bool) {
	var best *warehouse.Snapshot
	for i := range snaps {
		sn := &snaps[i]
		if sn.Table != table || sn.At.After(t) {
			continue
		}
		if best == nil || sn.At.After(best.At) || (sn.At.Equal(best.At) && sn.Run > best.Run) {
			best = sn
		}
	}
	if best == nil {
		return warehouse.Snapshot{}, false
	}
	return *best, true
}

// loadCatalogue puts the catalogue into small tables, so that the models join against the same
// data the rest of Mittari checks with.
func loadCatalogue(ctx context.Context, conn *sql.Conn, cat *catalogue.Catalogue) error {
	if err := execQuery(ctx, conn, qCatalogueTables); err != nil {
		return err
	}
	var sos, types, actions, indicators, goals, allocations, rules [][]any
	for _, s := range cat.SOs {
		sos = append(sos, []any{int32(s.SO)})
	}
	for i, st := range domain.SupportTypes {
		types = append(types, []any{string(st), int32(i)})
	}
	for _, a := range cat.Actions {
		measure := a.Measure
		if measure == "" {
			// Operating support and specific actions belong to no measure; in breakdowns by
			// measure they stand as themselves (OS1, SA3).
			measure = a.Code
		}
		actions = append(actions, []any{a.Code, int32(a.SO), measure, string(a.SupportType)})
	}
	for _, ind := range cat.Indicators {
		indicators = append(indicators, []any{ind.Code, int32(ind.SO), string(ind.Kind), ind.Unit, ind.Parent})
	}
	for _, g := range cat.Goals {
		var milestone any
		if g.Milestone2024 != nil {
			milestone = *g.Milestone2024
		}
		goals = append(goals, []any{g.Indicator, milestone, g.Target2029})
	}
	for _, al := range cat.Allocations {
		allocations = append(allocations, []any{int32(al.SO), string(al.SupportType), int64(al.Amount)})
	}
	for _, r := range cat.Rules {
		rules = append(rules, []any{r.ID, string(r.Kind), r.Lesser, r.Greater, string(r.Severity)})
	}
	for table, rows := range map[string][][]any{"cat_sos": sos, "cat_support_types": types, "cat_actions": actions,
		"cat_indicators": indicators, "cat_goals": goals, "cat_allocations": allocations, "cat_rules": rules} {
		if err := appendRows(ctx, conn, table, rows); err != nil {
			return err
		}
	}
	return nil
}

// loadCutoffs creates the cutoffs table: every Art 42 cut-off from the programme start to the
// last one requested, so that projections see the whole cumulative path, with requested marking
// those the caller asked for.
func loadCutoffs(ctx context.Context, conn *sql.Conn, requested []domain.Cutoff) error {
	if err := execQuery(ctx, conn, qCutoffsTable); err != nil {
		return err
	}
	want := map[domain.Date]bool{}
	var last domain.Date
	for _, c := range requested {
		want[c.Date] = true
		last = max(last, c.Date)
	}
	var rows [][]any
	for _, c := range domain.CutoffsThrough(last) {
		rows = append(rows, []any{c.Date.Time(), c.Version(), c.HasIndicators(), c.TransmissionDeadline().Time(), want[c.Date]})
	}
	return appendRows(ctx, conn, "cutoffs", rows)
}

// loadCutoffCalendar creates cutoff_calendar, which first_cutoff_on_or_after reads, from
// domain's calendar.
func loadCutoffCalendar(ctx context.Context, conn *sql.Conn) error {
	if err := execQuery(ctx, conn, qCutoffCalendarTable); err != nil {
		return err
	}
	return appendRows(ctx, conn, "cutoff_calendar", cutoffCalendar())
}

// cutoffCalendar is domain's cut-off calendar as the rows of cutoff_calendar: for every day of a
// leap year (so every month and day there is), the first cut-off on or after it (by
// domain.IsCutoffDate), as its month, day and the years after the day's own, and
// domain.FirstCutoff. The calendar repeats every year, so the day of the year decides.
func cutoffCalendar() [][]any {
	const leapYear = 2024
	var rows [][]any
	for d := domain.NewDate(leapYear, time.January, 1); d.Year() == leapYear; d++ {
		c := d
		for !domain.IsCutoffDate(c) {
			c++
		}
		day, cut := d.Time(), c.Time()
		rows = append(rows, []any{int32(day.Month()), int32(day.Day()), int32(cut.Month()), int32(cut.Day()),
			int32(cut.Year() - leapYear), domain.FirstCutoff.Time()})
	}
	return rows
}

// setParams (re)creates the one-row params table the models read: the time the figures are
// known as of, the programme start and the projection horizon.
func setParams(ctx context.Context, conn *sql.Conn, asOf time.Time) error {
	return execQuery(ctx, conn, qParams, param("as_of", sqlTimestamp(asOf)),
		param("programme_start", domain.ProgrammeStart.String()), param("horizon", Horizon.String()))
}

// sqlTimestamp is t as DuckDB reads a TIMESTAMPTZ, in UTC to the microsecond.
func sqlTimestamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999+00") }

// versionMeta is what the in-force rule needs of a received version, plus where it came from.
type versionMeta struct {
	domain.Version
	SourceFile string
}

// inputProviders are the inputs Go makes while the models run (see runModels).
func inputProviders(ctx context.Context, conn *sql.Conn) map[string]provider {
	return map[string]provider{
		"in_force_versions": func() error { return resolveInForce(ctx, conn) },
	}
}

// resolveInForce decides which of the versions known as of the params' as_of
// (stg_report_versions) are in force, exactly as domain.ResolveInForce does, and leaves them
// in in_force_versions, each with when its report was first submitted in any version.
//
// domain.ResolveInForce is sequential, but in a project whose distinct report keys never overlap
// it rejects nothing: every version passes the overlap check and replaces the one of its key, so
// the newest version of each key (by submitted_at, then hash) is in force. SQL picks those for
// every project first; only the projects with overlapping keys (or a key ending before it
// starts) go through domain.ResolveInForce in Go, and their rows are replaced. The rule works
// project by project, so resolving those projects alone gives what resolving everything would
// give for them.
//
// in_force_versions carries every column int_reports_in_force gives: the window that picks the
// versions has them at hand, and taking them there saves joining a million versions back to
// stg_report_versions on their hashes. Its rows are one per distinct report key, so the overlap
// check runs on them instead of on a DISTINCT of every version's key, a grouping that cost as
// much as the check (BENCHMARKS.md).
func resolveInForce(ctx context.Context, conn *sql.Conn) error {
	if err := execQueries(ctx, conn, qInForceNewest, qOverlappingProjects); err != nil {
		return err
	}
	vs, err := readVersions(ctx, conn, qOverlappingVersions)
	if err != nil || len(vs) == 0 {
		return err
	}
	inForce, _ := domain.ResolveInForce(vs)
	hashes := make([][]any, 0, len(inForce))
	for _, v := range inForce {
		hashes = append(hashes, []any{v.Hash})
	}
	if err := execQuery(ctx, conn, qResolvedInGoTable); err != nil {
		return err
	}
	if err := appendRows(ctx, conn, "resolved_in_go", hashes); err != nil {
		return err
	}
	return execQuery(ctx, conn, qInForceReplaceByGo)
}
