package transform

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"mittari/internal/errs"
	"mittari/warehouse"
)

// The nightly run takes in a few reports, yet a full transform reads every report row of the
// warehouse. The cache lets it recompute only the projects that received versions:
//
//   - A full run writes, after its models, the tables below to a DuckDB file (atomically: a
//     temporary file renamed over the old one), with a fingerprint of everything they were
//     computed from: the cache's format, the code (codeIdentity: the SQL and the build), the
//     catalogue, the cut-offs, the register and targets snapshots in force, the committed runs
//     and as_of.
//   - A later run whose fingerprint matches (the same register, catalogue, cut-offs and code,
//     and only runs added since) takes the projects whose versions arrived since the cache was
//     written (touched) and runs the per-project models over those projects' inputs alone
//     (schema delta), and again as of the cache's as_of (schema delta_old: what the cache
//     holds for them). Every other project's rows come from the cache. The marts run in full
//     over the result. The cache file is not changed: every incremental run patches the last
//     full run's state, and once the touched projects are many (maxTouchedShare) a full run
//     writes a new cache.
//
// That is exact because of how the models are built (their comments say why): the register
// models depend on the register, targets and catalogue only; the rows of stg_report_versions,
// int_reports_in_force, int_expected_reports and int_project_breakdowns, and
// int_item_contributions' 'project' grain, depend on their own project's inputs only and carry
// its project_id; and the 'member' grain of int_item_contributions is a sum over projects, so
// that taking off what the touched projects' old versions in force added and adding what their
// new ones add gives the new sums. The version tables, the register's rows and targets, and the
// 'project' grain of the contributions (a million rows each, and slow to write) are not cached:
// after an incremental run, stg_report_versions, int_reports_in_force, stg_projects,
// stg_project_targets and that grain hold the touched projects only, which is all that reads
// them then needs (int_project_breakdowns is cached itself, and the
// changes since the previous run concern only projects that received versions since, which are
// touched: see computeNow). TestIncrementalMatchesFull holds the incremental path to a full run on random
// histories.

var (
	qCommittedRuns          = sqlQuery("committed_runs")
	qAttachCache            = sqlQuery("attach_cache")
	qDetachCache            = sqlQuery("detach_cache")
	qCacheMeta              = sqlQuery("cache_meta")
	qDeltaSchemas           = sqlQuery("delta_schemas")
	qCacheTouched           = sqlQuery("cache_touched")
	qCacheSizes             = sqlQuery("cache_sizes")
	qVersionsOutsideTouched = sqlQuery("versions_outside_touched")
	qDeltaInputs            = sqlQuery("delta_inputs")
	qDeltaProjects          = sqlQuery("delta_projects")
	qDeltaProjectTargets    = sqlQuery("delta_project_targets")
	qDeltaOldVersions       = sqlQuery("delta_old_versions")
	qDeltaOldParams         = sqlQuery("delta_old_params")
	qCachePatch             = sqlQuery("cache_patch")
	qUseSchema              = sqlQuery("use_schema")
	qAttachCacheOut         = sqlQuery("attach_cache_out")
	qDetachCacheOut         = sqlQuery("detach_cache_out")
	qCacheMetaTable         = sqlQuery("cache_meta_table")
	qCacheWrite             = sqlQuery("cache_write")
)

// cacheFormat names what the cache holds; change it whenever that changes.
const cacheFormat = "9"

// cachedRegisterModels depend only on the register and targets snapshots, the catalogue and the
// cut-offs (the list of operations, a mart, too: a row per operation, the same every night the
// register is).
var cachedRegisterModels = []string{"int_operations", "int_target_contributions", "mart_operations_list"}

// snapshotModel is computed in main before the touched projects' models: their staging models,
// the list of operations and the site's reads join the snapshots in force it picks.
const snapshotModel = "stg_snapshots"

// registerModels are per project too; they are not cached but made for the touched projects
// from the snapshots in force (a million targets and the register's titles were most of the
// cache's size, and only the changes since the previous run read them, for touched projects).
var registerModels = []string{"stg_projects", "stg_project_targets"}

// cachedProjectModels have rows that depend only on their own project's inputs.
var cachedProjectModels = []string{"int_expected_reports", "int_project_breakdowns", "int_operation_expenditure",
	"int_project_checks", "int_late_reports"}

// versionModels are per project too, but not cached (see above).
var versionModels = []string{"stg_report_versions", "int_reports_in_force"}

// contributionsModel is per project at its 'project' grain and additive at its 'member' grain.
const contributionsModel = "int_item_contributions"

// summedModels are sums over projects, like the 'member' grain of contributionsModel: the cache
// keeps them, and an incremental run adds what the touched projects add now and takes off what
// they added as of the cache.
var summedModels = []string{"int_forecast_contributions", "int_financial_contributions", "int_intervention_contributions"}

// deltaOldModels are what an incremental run computes for the touched projects as of the cache:
// what they added then to the sums it patches (and what those need).
var deltaOldModels = append(append(slices.Clone(versionModels), contributionsModel, "int_operation_expenditure"), summedModels...)

// maxTouchedShare: when more than this share of the cached projects were touched since the
// cache was written, a full run (which writes a new cache) costs about as much.
const maxTouchedShare = 0.2

// Stats says how a run computed its figures, for the run record and for tests.
type Stats struct {
	// Mode is "full" or "incremental".
	Mode string
	// Reason says why a run was full although a cache was asked for ("" otherwise).
	Reason string
	// Projects is the number of projects recomputed by an incremental run.
	Projects int
	// Marts identifies the content of each mart written (Options.MartDigests of a later run).
	Marts map[string]string
}

// cacheState is a cache found usable for this run.
type cacheState struct {
	touched int
	asOf    time.Time // of the full run that wrote the cache
	// runs are the committed runs the cache saw.
	runs []string
}

// fingerprint is what the cached tables were computed from, as name -> value; runs and as_of
// are compared apart (a later run may have more runs and a later as_of).
type fingerprint map[string]string

// fingerprintParts are the parts of a fingerprint in the order a full run names the first that
// differs, each in the words the run record and the log give the operator.
var fingerprintParts = []struct{ key, words string }{
	{"format", "another cache format"},
	{"code", "another build of Mittari"},
	{"catalogue", "another programme catalogue"},
	{"cutoffs", "other cut-offs"},
	{warehouse.TableProjects, "another project register"},
	{warehouse.TableProjectTargets, "other project targets"},
}

// currentFingerprint computes the fingerprint of this session as of asOf.
func (s *session) currentFingerprint(asOf time.Time) fingerprint {
	fp := fingerprint{"format": cacheFormat, "code": codeIdentity(), "catalogue": s.catalogueHash}
	var cutoffs []string
	for _, c := range s.cutoffs {
		cutoffs = append(cutoffs, c.Date.String())
	}
	fp["cutoffs"] = strings.Join(cutoffs, ",")
	for _, t := range []string{warehouse.TableProjects, warehouse.TableProjectTargets} {
		fp[t] = snapshotInForce(s.snapshots, t, asOf)
	}
	return fp
}

// committedRuns lists the run ids of src_runs, sorted.
func committedRuns(ctx context.Context, conn *sql.Conn) ([]string, error) {
	var runs []string
	err := query(ctx, conn, qCommittedRuns, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		runs = append(runs, id)
		return nil
	})
	return runs, err
}

// openCache attaches the cache at path when it can serve this run as of asOf, and says why not
// otherwise. It leaves the touched projects in delta.touched.
func (s *session) openCache(ctx context.Context, path string, asOf time.Time, fp fingerprint, runs []string) (*cacheState, string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, "no cache yet", nil
	}
	if err := execQuery(ctx, s.conn, qAttachCache, literal("path", path)); err != nil {
		// A damaged or foreign file is not an error of the run: a full run replaces it.
		slog.Warn("transform: cache not readable, computing in full", "path", path, "err", err)
		return nil, "cache not readable", nil
	}
	s.attached = true
	stored := fingerprint{}
	err := query(ctx, s.conn, qCacheMeta, func(r *sql.Rows) error {
		var n, v string
		if err := r.Scan(&n, &v); err != nil {
			return err
		}
		stored[n] = v
		return nil
	})
	if err != nil {
		return nil, "cache not readable", nil
	}
	for _, n := range fingerprintParts {
		if stored[n.key] != fp[n.key] {
			return nil, "cache made with " + n.words, nil
		}
	}
	for _, n := range slices.Sorted(maps.Keys(fp)) {
		// A part not named above still counts.
		if stored[n] != fp[n] {
			return nil, "cache made with another " + n, nil
		}
	}
	cachedAt, err := time.Parse(time.RFC3339Nano, stored["as_of"])
	if err != nil || asOf.Before(cachedAt) {
		return nil, "cache made as of a later time", nil
	}
	cachedRuns := strings.Split(stored["runs"], ",")
	if stored["runs"] == "" {
		cachedRuns = nil
	}
	for _, r := range cachedRuns {
		if _, found := slices.BinarySearch(runs, r); !found {
			return nil, "a run in the cache is no longer committed", nil
		}
	}
	// Touched: the projects with a version the cache did not see. The list of runs starts with
	// "" so that it is never empty (an empty list would be a NULL parameter).
	runsSeen := append([]string{""}, cachedRuns...)
	err = execQuery(ctx, s.conn, qDeltaSchemas)
	if err == nil {
		err = execQuery(ctx, s.conn, qCacheTouched, param("cached_runs", runsSeen), param("cached_at", sqlTimestamp(cachedAt)))
	}
	var touched, cached int
	if err == nil {
		err = queryRow(ctx, s.conn, qCacheSizes, []any{&touched, &cached})
	}
	if err != nil {
		return nil, "", err
	}
	if float64(touched) > maxTouchedShare*float64(max(cached, 1)) && touched > 100 {
		return nil, fmt.Sprintf("%d of %d projects received versions since the cache was made", touched, cached), nil
	}
	return &cacheState{touched: touched, asOf: cachedAt, runs: runsSeen}, "", nil
}

// previousDerivable says why an incremental run could not derive the state as of the previous
// run from its own ("" if it can). previousByDelta derives it only when the register was the
// same then; otherwise every model runs again as of then, replacing the tables the cache stands
// in for. And after an incremental run the version tables hold the touched projects only, so
// every project that received a version since the previous run must be touched (it is, unless
// the cache was made after a run newer than the previous one, which the pipeline does not do).
func (s *session) previousDerivable(ctx context.Context, prevAsOf time.Time) (string, error) {
	if !sameRegister(s.snapshots, prevAsOf, s.asOf) {
		return "the register changed since the previous run", nil
	}
	var outside int
	if err := queryRow(ctx, s.conn, qVersionsOutsideTouched, []any{&outside}, param("previous_as_of", sqlTimestamp(prevAsOf))); err != nil {
		return "", err
	}
	if outside > 0 {
		return "the cache was made after the previous run", nil
	}
	return "", nil
}

// computeIncremental is compute for a session whose cache serves it: the touched projects'
// per-project tables are computed apart, as of now (schema delta) and as of the cache
// (delta_old), every cached table is seen through a view that replaces the touched projects'
// rows, and the models that remain run over them.
func (s *session) computeIncremental(ctx context.Context, asOf time.Time, c *cacheState) (*state, error) {
	conn := s.conn
	if err := setParams(ctx, conn, asOf); err != nil {
		return nil, err
	}
	// The touched projects' inputs: their versions from the warehouse, their operations from
	// the cache (the register is the same), their register rows and targets from the snapshots
	// in force alone (so that the staging models pick those). delta_old sees them as of the
	// cache.
	snapshotRun := func(table string) any {
		if sn, ok := latestSnapshot(s.snapshots, table, asOf); ok {
			return sn.Run
		}
		return nil
	}
	err := execQuery(ctx, conn, qDeltaInputs)
	if err == nil {
		err = execQuery(ctx, conn, qDeltaProjects, param("run", snapshotRun(warehouse.TableProjects)))
	}
	if err == nil {
		err = execQuery(ctx, conn, qDeltaProjectTargets, param("run", snapshotRun(warehouse.TableProjectTargets)))
	}
	if err == nil {
		err = execQuery(ctx, conn, qDeltaOldVersions, param("cached_runs", c.runs))
	}
	if err == nil {
		err = execQuery(ctx, conn, qDeltaOldParams, param("as_of", sqlTimestamp(c.asOf)))
	}
	if err != nil {
		return nil, err
	}
	if err := s.runIn(ctx, "main", []string{snapshotModel}, nil); err != nil {
		return nil, err
	}
	done := traced("touched projects' models")
	defer func() { done() }()
	perProject := append(append(append(slices.Clone(registerModels), versionModels...), cachedProjectModels...), contributionsModel)
	perProject = append(perProject, summedModels...)
	if err := s.runIn(ctx, "delta", perProject, inputProviders(ctx, conn)); err != nil {
		return nil, err
	}
	// What the cache holds for them: their contributions as of the cache's as_of.
	if err := s.runIn(ctx, "delta_old", deltaOldModels, inputProviders(ctx, conn)); err != nil {
		return nil, err
	}
	done()
	done = traced("cached tables patched")
	if err := execQuery(ctx, conn, qCachePatch); err != nil {
		return nil, err
	}
	done()
	done = func() {}
	// The models left: all but those made above or read from the cache.
	made := map[string]bool{snapshotModel: true}
	for _, m := range slices.Concat(perProject, cachedRegisterModels) {
		made[m] = true
	}
	var rest []Model
	for _, m := range s.models {
		if !made[m.Name] {
			rest = append(rest, m)
		}
	}
	if err := runModels(ctx, conn, rest, nil); err != nil {
		return nil, err
	}
	return readState(ctx, conn, asOf)
}

// runIn runs the named models, in dependency order, with schema as the default one: their
// tables are made there, and a name not found there is read from main.
func (s *session) runIn(ctx context.Context, schema string, names []string, providers map[string]provider) error {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var models []Model
	for _, m := range s.models {
		if want[m.Name] {
			models = append(models, m)
		}
	}
	if err := execQuery(ctx, s.conn, qUseSchema, param("schema", schema)); err != nil {
		return err
	}
	err := runModels(ctx, s.conn, models, providers)
	if uerr := execQuery(ctx, s.conn, qUseSchema, param("schema", "main")); uerr != nil && err == nil {
		err = uerr
	}
	return err
}

// cacheWrite is what a full run writes as the new cache: where, and the fingerprint, as_of and
// committed runs its tables were computed with.
type cacheWrite struct {
	path string
	asOf time.Time
	fp   fingerprint
	runs []string
}

// writeCache writes the cached tables of a full run, with their fingerprint, runs and as_of, on
// conn (a connection of the session's database), to the cache file through a temporary file
// renamed over it: a reader sees the old cache or the new one.
func (s *session) writeCache(ctx context.Context, conn *sql.Conn, w cacheWrite) error {
	const op errs.Op = "transform.writeCache"
	path := w.path
	if err := os.MkdirAll(dirOf(path), 0o755); err != nil {
		return errs.E(op, errs.Path(path), errs.IO, err)
	}
	// A name of this process's own: two transforms writing at once must not share a file.
	tmp := fmt.Sprintf("%s.tmp-%d-%d", path, os.Getpid(), time.Now().UnixNano())
	defer os.Remove(tmp + ".wal")
	meta := [][]any{{"runs", strings.Join(w.runs, ",")}, {"as_of", w.asOf.UTC().Format(time.RFC3339Nano)}}
	for n, v := range w.fp {
		meta = append(meta, []any{n, v})
	}
	err := execQuery(ctx, conn, qCacheMetaTable)
	if err == nil {
		err = appendRows(ctx, conn, "cache_meta_new", meta)
	}
	if err == nil {
		err = execQuery(ctx, conn, qAttachCacheOut, literal("path", tmp))
	}
	if err == nil {
		err = execQuery(ctx, conn, qCacheWrite)
	}
	if err != nil {
		execQuery(ctx, conn, qDetachCacheOut)
		os.Remove(tmp)
		return errs.E(op, errs.Path(path), errs.Internal, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return errs.E(op, errs.Path(path), errs.IO, err)
	}
	return nil
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i]
	}
	return "."
}
