package transform

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
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
//     computed from: the cache's format, the models and the program, the catalogue, the
//     cut-offs, the register and targets snapshots in force, the committed runs and as_of.
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

// cacheFormat names what the cache holds; change it whenever that changes.
const cacheFormat = "5"

// cachedRegisterModels depend only on the register and targets snapshots and the catalogue.
var cachedRegisterModels = []string{"int_operations", "int_target_contributions"}

// registerModels are per project too; they are not cached but made for the touched projects
// from the snapshots in force (a million targets and the register's titles were most of the
// cache's size, and only the changes since the previous run read them, for touched projects).
var registerModels = []string{"stg_projects", "stg_project_targets"}

// cachedProjectModels have rows that depend only on their own project's inputs.
var cachedProjectModels = []string{"int_expected_reports", "int_project_breakdowns", "int_operation_expenditure"}

// versionModels are per project too, but not cached (see above).
var versionModels = []string{"stg_report_versions", "int_reports_in_force"}

// contributionsModel is per project at its 'project' grain and additive at its 'member' grain.
const contributionsModel = "int_item_contributions"

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
}

// cacheState is a cache found usable for this run.
type cacheState struct {
	touched int
	asOf    time.Time // of the full run that wrote the cache
	// runs is the committed runs the cache saw, as a SQL list ('' first, so never empty).
	runs string
}

// fingerprint is what the cached tables were computed from, as name -> value; runs and as_of
// are compared apart (a later run may have more runs and a later as_of).
type fingerprint map[string]string

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

// codeIdentity names the models and the program that ran them: the cache of another build is
// not trusted, even if its models are the same (the Go steps may have changed).
func codeIdentity() string {
	h := sha256.New()
	fs.WalkDir(modelFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := modelFiles.ReadFile(p)
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
		return nil
	})
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// committedRuns lists the run ids of src_runs, sorted.
func committedRuns(ctx context.Context, conn *sql.Conn) ([]string, error) {
	var runs []string
	err := query(ctx, conn, "committed runs", `SELECT DISTINCT run_id FROM src_runs WHERE run_id IS NOT NULL ORDER BY run_id`,
		func(r *sql.Rows) error {
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
	if _, err := s.conn.ExecContext(ctx, fmt.Sprintf("ATTACH %s AS cache (READ_ONLY)", sqlString(path))); err != nil {
		// A damaged or foreign file is not an error of the run: a full run replaces it.
		slog.Warn("transform: cache not readable, computing in full", "path", path, "err", err)
		return nil, "cache not readable", nil
	}
	s.attached = true
	stored := fingerprint{}
	err := query(ctx, s.conn, "cache fingerprint", `SELECT name, value FROM cache.cache_meta`, func(r *sql.Rows) error {
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
	for n, v := range fp {
		if stored[n] != v {
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
	// Touched: the projects with a version the cache did not see, i.e. of a run it did not
	// know, or ingested after it was made (a run it knew cannot have such rows, but the test
	// costs nothing).
	quoted := []string{"''"}
	for _, r := range cachedRuns {
		quoted = append(quoted, sqlString(r))
	}
	steps := []string{
		`CREATE SCHEMA IF NOT EXISTS delta`,
		fmt.Sprintf(`CREATE OR REPLACE TABLE delta.touched AS
			SELECT DISTINCT v.project_id FROM src_report_versions v, params p
			WHERE v.ingested_at <= p.as_of
			  AND (v.run_id NOT IN (%s) OR v.ingested_at > CAST(%s AS TIMESTAMPTZ))`,
			strings.Join(quoted, ", "), sqlString(cachedAt.UTC().Format("2006-01-02 15:04:05.999999+00"))),
	}
	for _, q := range steps {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			return nil, "", errs.E(errs.Op("transform.openCache"), errs.Path(path), errs.Internal, err)
		}
	}
	var touched, cached int
	row := s.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM delta.touched), (SELECT count(*) FROM cache.int_operations)`)
	if err := row.Scan(&touched, &cached); err != nil {
		return nil, "", errs.E(errs.Op("transform.openCache"), errs.Path(path), errs.Internal, err)
	}
	if float64(touched) > maxTouchedShare*float64(max(cached, 1)) && touched > 100 {
		return nil, fmt.Sprintf("%d of %d projects received versions since the cache was made", touched, cached), nil
	}
	return &cacheState{touched: touched, asOf: cachedAt, runs: strings.Join(quoted, ", ")}, "", nil
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
	err := s.conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM src_report_versions v, params p
		WHERE v.ingested_at > CAST(%s AS TIMESTAMPTZ) AND v.ingested_at <= p.as_of
		  AND v.project_id NOT IN (SELECT project_id FROM delta.touched)`,
		sqlString(prevAsOf.UTC().Format("2006-01-02 15:04:05.999999+00")))).Scan(&outside)
	if err != nil {
		return "", errs.E(errs.Op("transform.previousDerivable"), errs.Internal, err)
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
	exec := func(qs ...string) error {
		for _, q := range qs {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return errs.E(errs.Op("transform.computeIncremental"), errs.Internal, fmt.Errorf("%w\n%s", err, q))
			}
		}
		return nil
	}
	// The touched projects' inputs: their versions from the warehouse, their operations from
	// the cache (the register is the same), their register rows and targets from the snapshots
	// in force alone (so that the staging models pick those). delta_old sees them as of the
	// cache.
	snapshotRun := func(table string) string {
		if sn, ok := latestSnapshot(s.snapshots, table, asOf); ok {
			return sqlString(sn.run)
		}
		return "NULL"
	}
	if err := exec(
		`CREATE SCHEMA IF NOT EXISTS delta_old`,
		// A table: delta and delta_old both read it, and it is one scan of a million versions.
		`CREATE OR REPLACE TABLE delta.src_report_versions AS
			SELECT v.* FROM main.src_report_versions v SEMI JOIN delta.touched t USING (project_id)`,
		`CREATE OR REPLACE VIEW delta.int_operations AS
			SELECT o.* FROM cache.int_operations o SEMI JOIN delta.touched t USING (project_id)`,
		`CREATE OR REPLACE VIEW delta.src_projects AS
			SELECT p.* FROM main.src_projects p SEMI JOIN delta.touched t USING (project_id)
			WHERE p.run_id = `+snapshotRun(warehouse.TableProjects),
		`CREATE OR REPLACE VIEW delta.src_project_targets AS
			SELECT p.* FROM main.src_project_targets p SEMI JOIN delta.touched t USING (project_id)
			WHERE p.run_id = `+snapshotRun(warehouse.TableProjectTargets),
		// What the cache saw: its runs' versions received by its as_of (a run committed after
		// the cache was written may hold versions ingested before).
		`CREATE OR REPLACE VIEW delta_old.src_report_versions AS
			SELECT * FROM delta.src_report_versions WHERE run_id IN (`+c.runs+`)`,
		`CREATE OR REPLACE VIEW delta_old.int_operations AS SELECT * FROM delta.int_operations`,
		fmt.Sprintf(`CREATE OR REPLACE TABLE delta_old.params AS
			SELECT CAST(%s AS TIMESTAMPTZ) AS as_of, programme_start, horizon FROM main.params`,
			sqlString(c.asOf.UTC().Format("2006-01-02 15:04:05.999999+00"))),
	); err != nil {
		return nil, err
	}
	providers := func() map[string]func() error {
		return map[string]func() error{"in_force_versions": func() error { return resolveInForce(ctx, conn) }}
	}
	done := traced("touched projects' models")
	defer func() { done() }()
	perProject := append(append(append(slices.Clone(registerModels), versionModels...), cachedProjectModels...), contributionsModel)
	if err := s.runIn(ctx, "delta", perProject, providers()); err != nil {
		return nil, err
	}
	// What the cache holds for them: their contributions as of the cache's as_of.
	if err := s.runIn(ctx, "delta_old", append(slices.Clone(versionModels), contributionsModel), providers()); err != nil {
		return nil, err
	}
	done()
	done = traced("cached tables patched")
	var views []string
	for _, m := range cachedRegisterModels {
		views = append(views, fmt.Sprintf(`CREATE OR REPLACE VIEW main.%[1]s AS SELECT * FROM cache.%[1]s`, m))
	}
	for _, m := range cachedProjectModels {
		views = append(views, fmt.Sprintf(`CREATE OR REPLACE VIEW main.%[1]s AS
			SELECT * FROM cache.%[1]s c ANTI JOIN delta.touched t USING (project_id)
			UNION ALL SELECT * FROM delta.%[1]s`, m))
	}
	for _, m := range append(slices.Clone(registerModels), versionModels...) {
		views = append(views, fmt.Sprintf(`CREATE OR REPLACE VIEW main.%[1]s AS SELECT * FROM delta.%[1]s`, m))
	}
	// The member grain: the cached sums, less the touched projects' old contributions, plus
	// their new ones; a group left with no item is gone, as a full run would not make it.
	// sum() of NULLs stays NULL, as in the full run (value_sum of expenditure, amount_cents of
	// indicators).
	views = append(views, `CREATE OR REPLACE TABLE main.member_contributions AS
		WITH signed AS (
			SELECT *, 1 AS sign FROM cache.int_item_contributions WHERE grain = 'member'
			UNION ALL SELECT *, 1 FROM delta.int_item_contributions WHERE grain = 'member'
			UNION ALL SELECT *, -1 FROM delta_old.int_item_contributions WHERE grain = 'member'
		)
		SELECT grain, item, action, beneficiary_type, counts_from, project_id,
		       sum(value_sum * sign)::BIGINT AS value_sum,
		       sum(amount_cents * sign)::BIGINT AS amount_cents,
		       sum(items * sign)::BIGINT AS items
		FROM signed
		GROUP BY grain, item, action, beneficiary_type, counts_from, project_id
		HAVING sum(items * sign) > 0`,
		`CREATE OR REPLACE VIEW main.int_item_contributions AS
		SELECT * FROM main.member_contributions
		UNION ALL
		SELECT * FROM delta.int_item_contributions WHERE grain = 'project'`)
	if err := exec(views...); err != nil {
		return nil, err
	}
	done()
	done = func() {}
	cached := map[string]bool{}
	for _, m := range perProject {
		cached[m] = true
	}
	for _, m := range cachedRegisterModels {
		cached[m] = true
	}
	var rest []Model
	for _, m := range s.models {
		if !cached[m.Name] {
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
func (s *session) runIn(ctx context.Context, schema string, names []string, providers map[string]func() error) error {
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
	if _, err := s.conn.ExecContext(ctx, "USE memory."+schema); err != nil {
		return errs.E(errs.Op("transform.runIn"), errs.Path(schema), errs.Internal, err)
	}
	err := runModels(ctx, s.conn, models, providers)
	if _, uerr := s.conn.ExecContext(ctx, "USE memory.main"); uerr != nil && err == nil {
		err = errs.E(errs.Op("transform.runIn"), errs.Path(schema), errs.Internal, uerr)
	}
	return err
}

// writeCache writes the cached tables of a full run, with their fingerprint, runs and as_of, to
// path through a temporary file renamed over it: a reader sees the old cache or the new one.
func (s *session) writeCache(ctx context.Context, path string, asOf time.Time, fp fingerprint, runs []string) error {
	const op errs.Op = "transform.writeCache"
	if err := os.MkdirAll(dirOf(path), 0o755); err != nil {
		return errs.E(op, errs.Path(path), errs.IO, err)
	}
	// A name of this process's own: two transforms writing at once must not share a file.
	tmp := fmt.Sprintf("%s.tmp-%d-%d", path, os.Getpid(), time.Now().UnixNano())
	defer os.Remove(tmp + ".wal")
	steps := []string{fmt.Sprintf("ATTACH %s AS cache_out", sqlString(tmp))}
	for _, m := range append(slices.Clone(cachedRegisterModels), cachedProjectModels...) {
		steps = append(steps, fmt.Sprintf("CREATE TABLE cache_out.%[1]s AS SELECT * FROM main.%[1]s", m))
	}
	// Of the contributions, the member sums only: the project grain is read by
	// int_project_breakdowns alone, which is cached itself.
	steps = append(steps, fmt.Sprintf("CREATE TABLE cache_out.%[1]s AS SELECT * FROM main.%[1]s WHERE grain = 'member'", contributionsModel))
	steps = append(steps, `CREATE TABLE cache_out.cache_meta (name VARCHAR PRIMARY KEY, value VARCHAR)`)
	meta := [][2]string{{"runs", strings.Join(runs, ",")}, {"as_of", asOf.UTC().Format(time.RFC3339Nano)}}
	for n, v := range fp {
		meta = append(meta, [2]string{n, v})
	}
	for _, nv := range meta {
		steps = append(steps, fmt.Sprintf("INSERT INTO cache_out.cache_meta VALUES (%s, %s)", sqlString(nv[0]), sqlString(nv[1])))
	}
	steps = append(steps, "DETACH cache_out")
	for _, q := range steps {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			s.conn.ExecContext(ctx, "DETACH DATABASE IF EXISTS cache_out")
			os.Remove(tmp)
			return errs.E(op, errs.Path(path), errs.Internal, err)
		}
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
