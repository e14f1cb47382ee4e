package transform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// Inputs are the tables Go creates before the models run; models name them in their
// "-- depends:" headers like other models.
var Inputs = append([]string{
	"src_report_versions", "src_report_rows", "src_projects", "src_project_targets", "src_runs",
	"src_quarantine", "src_warnings", "src_files",
	"cat_sos", "cat_support_types", "cat_actions", "cat_indicators", "cat_goals", "cat_allocations", "cat_rules",
	"cutoffs", "params", "in_force_versions",
}, append(transmissionInputs, siteInputs...)...)

// Horizon is the date projections reach: the end of the programme's implementation (targets are
// for 2029).
var Horizon = domain.NewDate(2029, time.December, 31)

// createSources makes one view per warehouse table over the files of committed runs only (an
// uncommitted run's partitions are invisible, warehouse.CommitRun). A table with no committed
// files yet gets a view over an empty file of the same schema, so that every model runs on a
// warehouse with no reports.
func createSources(ctx context.Context, conn *sql.Conn, root, tempDir string) error {
	runs, err := warehouse.CommittedRuns(root)
	if err != nil {
		return err
	}
	type source struct {
		table string
		empty func(path string) error
	}
	sources := []source{
		{warehouse.TableReportVersions, emptyParquet[warehouse.ReportVersionRow]},
		{warehouse.TableReportRows, emptyParquet[warehouse.ReportRow]},
		{warehouse.TableProjects, emptyParquet[warehouse.ProjectRow]},
		{warehouse.TableProjectTargets, emptyParquet[warehouse.ProjectTargetRow]},
		{warehouse.TableRuns, emptyParquet[warehouse.RunRow]},
		// The report site's marts read the findings and the files read (mart_report_status).
		{warehouse.TableQuarantine, emptyParquet[warehouse.FindingRow]},
		{warehouse.TableWarnings, emptyParquet[warehouse.FindingRow]},
		{warehouse.TableFiles, emptyParquet[warehouse.FileRow]},
	}
	for _, s := range sources {
		var files []string
		for _, run := range runs {
			fs, err := filepath.Glob(filepath.Join(warehouse.PartitionDir(root, s.table, run), "*.parquet"))
			if err != nil {
				return errs.E(errs.Op("transform.createSources"), errs.Path(root), errs.IO, err)
			}
			files = append(files, fs...)
		}
		sort.Strings(files)
		var q string
		if len(files) > 0 {
			quoted := make([]string, len(files))
			for i, f := range files {
				quoted[i] = sqlString(f)
			}
			q = fmt.Sprintf("CREATE OR REPLACE VIEW src_%s AS SELECT * FROM read_parquet([%s], hive_partitioning = true, hive_types = {'run_id': VARCHAR}, union_by_name = true)",
				s.table, strings.Join(quoted, ", "))
			if s.table == warehouse.TableProjects {
				// Snapshots written before a column was added to the register lack it: an empty
				// file of today's schema gives every column, NULL in the older files.
				empty := filepath.Join(tempDir, "schema_"+s.table+".parquet")
				if err := s.empty(empty); err != nil {
					return errs.E(errs.Op("transform.createSources"), errs.Path(empty), errs.IO, err)
				}
				q += " UNION ALL BY NAME SELECT * FROM read_parquet(" + sqlString(empty) + ")"
			}
		} else {
			empty := filepath.Join(tempDir, "empty_"+s.table+".parquet")
			if err := s.empty(empty); err != nil {
				return errs.E(errs.Op("transform.createSources"), errs.Path(empty), errs.IO, err)
			}
			q = fmt.Sprintf("CREATE OR REPLACE VIEW src_%s AS SELECT *, CAST(NULL AS VARCHAR) AS run_id FROM read_parquet(%s)",
				s.table, sqlString(empty))
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.createSources"), errs.Path(filepath.Join(root, s.table)), errs.IO, err)
		}
	}
	return nil
}

// readVersions reads what domain.ResolveInForce needs of the versions that the FROM (and WHERE)
// clause from gives.
func readVersions(ctx context.Context, conn *sql.Conn, what, from string) ([]domain.Version, error) {
	var vs []domain.Version
	err := query(ctx, conn, what, `SELECT version_hash, project_id, period_start, period_end, submitted_at `+from,
		func(r *sql.Rows) error {
			var v domain.Version
			var start, end, submitted time.Time
			if err := r.Scan(&v.Hash, &v.Key.ProjectID, &start, &end, &submitted); err != nil {
				return err
			}
			v.Key.PeriodStart, v.Key.PeriodEnd, v.SubmittedAt = domain.DateOf(start.UTC()), domain.DateOf(end.UTC()), submitted.UTC()
			vs = append(vs, v)
			return nil
		})
	return vs, err
}

// registerSnapshot is one snapshot of the register (table projects) or of the targets
// (project_targets): the run that wrote it, and when (ingest stamps every row of a run with the
// run's start).
type registerSnapshot struct {
	table, run string
	at         time.Time
}

// loadSnapshots lists the snapshots of the committed runs from the first row of each file,
// without scanning the tables (a nightly run asks which snapshot is in force twice).
func loadSnapshots(root string) ([]registerSnapshot, error) {
	runs, err := warehouse.CommittedRuns(root)
	if err != nil {
		return nil, err
	}
	type stamp struct {
		IngestedAt time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	}
	var out []registerSnapshot
	for _, table := range []string{warehouse.TableProjects, warehouse.TableProjectTargets} {
		for _, run := range runs {
			files, err := filepath.Glob(filepath.Join(warehouse.PartitionDir(root, table, run), "*.parquet"))
			if err != nil {
				return nil, errs.E(errs.Op("transform.loadSnapshots"), errs.Path(root), errs.IO, err)
			}
			for _, path := range files {
				f, err := os.Open(path)
				if err != nil {
					return nil, errs.E(errs.Op("transform.loadSnapshots"), errs.Path(path), errs.IO, err)
				}
				r := parquet.NewGenericReader[stamp](f)
				buf := make([]stamp, 1)
				n, err := r.Read(buf)
				r.Close()
				f.Close()
				if err != nil && !errors.Is(err, io.EOF) {
					return nil, errs.E(errs.Op("transform.loadSnapshots"), errs.Path(path), errs.IO, err)
				}
				if n == 1 {
					out = append(out, registerSnapshot{table: table, run: run, at: buf[0].IngestedAt.UTC()})
					break
				}
			}
		}
	}
	return out, nil
}

// snapshotInForce names the snapshot of table in force at t: the latest ingested by then (ties
// by run id, as the staging models order them), "" if none.
func snapshotInForce(snaps []registerSnapshot, table string, t time.Time) string {
	best, ok := latestSnapshot(snaps, table, t)
	if !ok {
		return ""
	}
	return best.run + "@" + best.at.Format(time.RFC3339Nano)
}

// latestSnapshot is the snapshot of table in force at t, if there is one.
func latestSnapshot(snaps []registerSnapshot, table string, t time.Time) (registerSnapshot, bool) {
	var best *registerSnapshot
	for i := range snaps {
		sn := &snaps[i]
		if sn.table != table || sn.at.After(t) {
			continue
		}
		if best == nil || sn.at.After(best.at) || (sn.at.Equal(best.at) && sn.run > best.run) {
			best = sn
		}
	}
	if best == nil {
		return registerSnapshot{}, false
	}
	return *best, true
}

// emptyParquet writes a Parquet file with T's schema and no rows.
func emptyParquet[T any](path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := parquet.NewGenericWriter[T](f)
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadCatalogue puts the catalogue into small tables, so that the models join against the same
// data the rest of Mittari checks with.
func loadCatalogue(ctx context.Context, conn *sql.Conn, cat *catalogue.Catalogue) error {
	ddl := []string{
		"CREATE OR REPLACE TABLE cat_sos (so INTEGER PRIMARY KEY)",
		"CREATE OR REPLACE TABLE cat_support_types (support_type VARCHAR PRIMARY KEY, rank INTEGER)",
		"CREATE OR REPLACE TABLE cat_actions (code VARCHAR PRIMARY KEY, so INTEGER, measure VARCHAR, support_type VARCHAR)",
		"CREATE OR REPLACE TABLE cat_indicators (code VARCHAR PRIMARY KEY, so INTEGER, kind VARCHAR, unit VARCHAR, parent VARCHAR)",
		"CREATE OR REPLACE TABLE cat_goals (indicator VARCHAR PRIMARY KEY, milestone_2024 BIGINT, target_2029 BIGINT)",
		"CREATE OR REPLACE TABLE cat_allocations (so INTEGER, support_type VARCHAR, amount_cents BIGINT)",
		"CREATE OR REPLACE TABLE cat_rules (id VARCHAR, kind VARCHAR, lesser VARCHAR, greater VARCHAR, severity VARCHAR)",
	}
	for _, q := range ddl {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.loadCatalogue"), errs.Path(q), errs.Internal, err)
		}
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
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TABLE cutoffs (cutoff_date DATE PRIMARY KEY, version VARCHAR, requested BOOLEAN)"); err != nil {
		return errs.E(errs.Op("transform.loadCutoffs"), errs.Internal, err)
	}
	want := map[domain.Date]bool{}
	var last domain.Date
	for _, c := range requested {
		want[c.Date] = true
		last = max(last, c.Date)
	}
	var rows [][]any
	for _, c := range domain.CutoffsThrough(last) {
		rows = append(rows, []any{c.Date.Time(), c.Version(), want[c.Date]})
	}
	return appendRows(ctx, conn, "cutoffs", rows)
}

// setParams (re)creates the one-row params table the models read: the time the figures are
// known as of, the programme start and the projection horizon.
func setParams(ctx context.Context, conn *sql.Conn, asOf time.Time) error {
	q := fmt.Sprintf("CREATE OR REPLACE TABLE params AS SELECT CAST(%s AS TIMESTAMPTZ) AS as_of, DATE %s AS programme_start, DATE %s AS horizon",
		sqlString(asOf.UTC().Format("2006-01-02 15:04:05.999999+00")), sqlString(domain.ProgrammeStart.String()), sqlString(Horizon.String()))
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return errs.E(errs.Op("transform.setParams"), errs.Internal, err)
	}
	return nil
}

// inForceColumns are the columns of in_force_versions, as int_reports_in_force gives them.
const inForceColumns = inForceVersionColumns + `, first_submitted_at`

// inForceVersionColumns are those of them taken from stg_report_versions: the window that picks
// the versions carries only these (not the version's file or ingestion time).
const inForceVersionColumns = `version_hash, version_id, project_id, period_start, period_end, submitted_at`

// versionMeta is what the in-force rule needs of a received version, plus where it came from.
type versionMeta struct {
	domain.Version
	SourceFile string
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
// in_force_versions carries every column int_reports_in_force gives (inForceColumns): the window
// that picks the versions has them at hand, and taking them there saves joining a million
// versions back to stg_report_versions on their hashes. Its rows are one per distinct report
// key, so the overlap check runs on them instead of on a DISTINCT of every version's key
// (measured at 1.27 M versions: that grouping cost as much as the check).
func resolveInForce(ctx context.Context, conn *sql.Conn) error {
	// Sorted by start (then end), a key overlaps an earlier one exactly when it starts on or
	// before the latest end among the keys before it.
	steps := []string{
		// The same pass notes when each report was first submitted (any version), which
		// completeness judges lateness by.
		`CREATE OR REPLACE TABLE in_force_versions AS
		SELECT ` + inForceColumns + ` FROM (
			SELECT ` + inForceVersionColumns + `, min(submitted_at) OVER report AS first_submitted_at,
			       row_number() OVER (report ORDER BY submitted_at DESC, version_hash DESC) AS newest_first
			FROM stg_report_versions
			WINDOW report AS (PARTITION BY project_id, period_start, period_end)
		)
		WHERE newest_first = 1`,
		`CREATE OR REPLACE TEMP TABLE overlapping_projects AS
		WITH ordered AS (
			SELECT project_id, period_start, period_end,
			       max(period_end) OVER (PARTITION BY project_id ORDER BY period_start, period_end
			                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_earlier_end
			FROM in_force_versions
		)
		SELECT DISTINCT project_id FROM ordered
		WHERE period_start <= latest_earlier_end OR period_start > period_end`,
	}
	for _, q := range steps {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.resolveInForce"), errs.Internal, err)
		}
	}
	vs, err := readVersions(ctx, conn, "versions of projects with overlapping reports",
		`FROM stg_report_versions SEMI JOIN overlapping_projects USING (project_id)`)
	if err != nil || len(vs) == 0 {
		return err
	}
	inForce, _ := domain.ResolveInForce(vs)
	hashes := make([][]any, 0, len(inForce))
	for _, v := range inForce {
		hashes = append(hashes, []any{v.Hash})
	}
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE resolved_in_go (version_hash VARCHAR)`); err != nil {
		return errs.E(errs.Op("transform.resolveInForce"), errs.Internal, err)
	}
	if err := appendRows(ctx, conn, "resolved_in_go", hashes); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM in_force_versions WHERE project_id IN (SELECT project_id FROM overlapping_projects)`,
		`INSERT INTO in_force_versions
		SELECT ` + inForceColumns + ` FROM (
			SELECT *, min(submitted_at) OVER (PARTITION BY project_id, period_start, period_end) AS first_submitted_at
			FROM stg_report_versions SEMI JOIN overlapping_projects USING (project_id)
		) SEMI JOIN resolved_in_go USING (version_hash)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return errs.E(errs.Op("transform.resolveInForce"), errs.Internal, err)
		}
	}
	return nil
}
