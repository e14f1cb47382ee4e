package transform

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/internal/trace"
	"mittari/metrics"
	"mittari/warehouse"
)

var (
	qPreviousRun = sqlQuery("previous_run")
	qWriteMart   = sqlQuery("write_mart")
	qMartDigest  = sqlQuery("mart_digest")
)

// Options say what to compute, from which warehouse, as known when, and with what resources.
type Options struct {
	// Warehouse is the root folder ingest writes (see package warehouse).
	Warehouse string
	Catalogue *catalogue.Catalogue
	// AsOf is the moment whose knowledge the figures reflect: report versions and register
	// snapshots ingested after it are ignored. Zero means now.
	AsOf time.Time
	// Cutoffs to compute; empty means every cut-off from the first (2021-12-31) to the latest one
	// passed as of AsOf (DefaultCutoffs).
	Cutoffs []domain.Cutoff
	// MartsDir, if set, receives every mart as <name>.parquet (written atomically), for analysts.
	MartsDir string
	// MartsFrom, if set, is a folder of marts written before (the published ones) and
	// MartDigests what identified their content (Stats.Marts of the run that wrote them): a
	// mart whose content is the same is linked from there instead of written again.
	MartsFrom   string
	MartDigests map[string]string
	// DuckDB resources, set explicitly: Threads (0 = DefaultThreads), MemoryLimit ("" =
	// DefaultMemoryLimit) and TempDir,
	// under which a folder of the run's own is made and removed afterwards ("" = the system's
	// temporary folder).
	Threads     int
	MemoryLimit string
	TempDir     string
	// Cache, if set, is the file of the derived cache (see cache.go): a run whose inputs differ
	// from the cache's by new report versions only recomputes the projects that received them;
	// a full run rewrites it. Only runs of the default cut-offs as of now should name one.
	Cache string
	// Full makes a run with a Cache compute everything (and rewrite the cache).
	Full bool
	// Stats, if set, receives how the figures were computed.
	Stats *Stats
	// ChangesSince, if set, names the committed run whose figures Changes compare with (the run
	// the last published outputs reflect), instead of the last committed run before AsOf: after
	// runs that committed but never published, Changes still say everything that moved since
	// what readers last saw.
	ChangesSince string
	// Sent is what was sent (out/sent/, read by the pipeline): the pre-send checks compare with
	// it, and the restatements are its figures that moved (presend.go). Nil: nothing was sent.
	Sent *metrics.SentInputs
}

// DefaultCutoffs are the cut-offs computed when none are named: from the first one
// (domain.FirstCutoff, 2021-12-31) to the latest one passed as of asOf.
func DefaultCutoffs(asOf time.Time) []domain.Cutoff {
	last, ok := domain.LatestPassedCutoff(asOf)
	if !ok {
		return nil
	}
	return domain.CutoffsThrough(last.Date)
}

// Run computes the programme's figures for the cut-offs as known at o.AsOf, and what changed
// since the previous run: the figures as of the last committed run that started before AsOf
// (see previousRun) compared with those as of AsOf.
func Run(ctx context.Context, o Options) (*metrics.Results, error) {
	done := traced("open")
	s, err := open(ctx, o)
	done()
	if err != nil {
		return nil, err
	}
	defer s.close()

	res := &metrics.Results{AsOf: s.asOf, Cutoffs: s.cutoffs,
		GoalsNote: o.Catalogue.GoalsNote, GoalsIllustrative: o.Catalogue.GoalsIllustrative}
	prevRun, prevAsOf, hasPrev, err := previousRun(ctx, s.conn, s.asOf, o.ChangesSince)
	if err != nil {
		return nil, err
	}
	stats := &Stats{}
	if o.Stats != nil {
		stats = o.Stats
	}
	done = traced("models")
	now, pending, err := s.computeNow(ctx, o, hasPrev, prevAsOf, stats)
	done()
	if err != nil {
		return nil, err
	}
	// The cache and the marts are written beside what follows (background).
	if pending != nil {
		s.bg.start(ctx, "write cache", func(conn *sql.Conn) error {
			// The cache only saves time: a run that cannot write it still has its figures, and
			// the old cache, if any, still says what it was computed from.
			if err := s.writeCache(ctx, conn, *pending); err != nil {
				slog.Warn("transform: could not write the cache; the next run will compute in full", "err", err)
			}
			return nil
		})
	}
	if o.MartsDir != "" {
		s.bg.start(ctx, "write marts", func(conn *sql.Conn) (err error) {
			stats.Marts, err = writeMarts(ctx, conn, s.models, o.MartsDir, o.MartsFrom, o.MartDigests)
			return err
		})
	}
	res.Indicators, res.Financial = now.indicators, now.financial
	done = traced("read extensions")
	err = readExtensions(ctx, s.conn, res)
	if err == nil {
		res.PlanNote, res.PlanDerived = o.Catalogue.PlanNote, o.Catalogue.PlanDerived
		err = readTransmission(ctx, s.conn, res)
	}
	if err == nil {
		err = readAPR(ctx, s.conn, res)
	}
	if err == nil {
		err = readPresend(ctx, s.conn, o.Sent, res)
	}
	done()
	if err != nil {
		return nil, err
	}
	done = traced("read site")
	res.Site, err = readSite(ctx, s.conn)
	done()
	if err != nil {
		return nil, err
	}
	if hasPrev {
		if !s.previousByDelta(prevAsOf) {
			// The previous state is computed again, replacing the tables the writes read.
			if err := s.bg.wait(); err != nil {
				return nil, err
			}
		}
		done = traced("previous")
		before, err := s.previous(ctx, prevAsOf, now)
		done()
		if err != nil {
			return nil, err
		}
		done = traced("read bases")
		err = readBases(ctx, s.conn, before, now)
		done()
		if err != nil {
			return nil, err
		}
		done = traced("changes")
		res.Changes, err = changes(ctx, s.conn, before, now)
		done()
		if err != nil {
			return nil, err
		}
		res.PreviousRun, res.PreviousAsOf = prevRun, prevAsOf
	}
	if err := s.bg.wait(); err != nil {
		return nil, err
	}
	return res, nil
}

// traced starts timing a step; the function it returns logs the step's time at debug level
// (MITTARI_TRACE=1 in the command shows them).
func traced(step string) func() {
	return tracedAs("transform: step", step)
}

// tracedAs is traced with its own message (trace.Start).
func tracedAs(msg, name string) func() { return trace.Start(msg, name) }

// computeNow computes the state as of the session's as_of: from the cache when o.Cache names
// one that serves this run, else in full, and then says what to write as the new cache if o.Cache
// is set.
func (s *session) computeNow(ctx context.Context, o Options, hasPrev bool, prevAsOf time.Time, stats *Stats) (*state, *cacheWrite, error) {
	*stats = Stats{Mode: "full"}
	if o.Cache == "" {
		now, err := s.compute(ctx, s.asOf)
		return now, nil, err
	}
	if err := setParams(ctx, s.conn, s.asOf); err != nil {
		return nil, nil, err
	}
	done := traced("cache fingerprint")
	fp := s.currentFingerprint(s.asOf)
	runs, err := committedRuns(ctx, s.conn)
	if err != nil {
		return nil, nil, err
	}
	done()
	var c *cacheState
	switch {
	case o.Full:
		stats.Reason = "a full run was asked for"
	case fullPrevious:
		stats.Reason = "tests compute the previous state in full"
	default:
		done := traced("open cache")
		c, stats.Reason, err = s.openCache(ctx, o.Cache, s.asOf, fp, runs)
		done()
		if err != nil {
			return nil, nil, err
		}
	}
	if c != nil && hasPrev {
		reason, err := s.previousDerivable(ctx, prevAsOf)
		if err != nil {
			return nil, nil, err
		}
		if reason != "" {
			c, stats.Reason = nil, reason
		}
	}
	if c != nil {
		*stats = Stats{Mode: "incremental", Projects: c.touched}
		now, err := s.computeIncremental(ctx, s.asOf, c)
		return now, nil, err
	}
	if s.attached {
		if err := execQuery(ctx, s.conn, qDetachCache); err != nil {
			return nil, nil, err
		}
		s.attached = false
	}
	now, err := s.compute(ctx, s.asOf)
	if err != nil {
		return nil, nil, err
	}
	return now, &cacheWrite{path: o.Cache, asOf: s.asOf, fp: fp, runs: runs}, nil
}

// fullPrevious makes previous always recompute the previous state with every model, for tests
// that hold the shortcut to the full computation.
var fullPrevious = false

// previous computes the two Commission tables as known at prevAsOf, after the current state, and
// leaves both bases (previous_* and current_*) for readBases.
//
// When the register and targets in force were the same then as now, only report versions
// differ, and only in the projects that received a version since prevAsOf: the versions in
// force then are those of now outside such projects, plus domain.ResolveInForce over those
// projects' versions received by prevAsOf. The figures then are now's less the items of the
// versions that came into force since, plus those of the versions that left it: a pass over the
// rows of a few versions instead of all of them. Otherwise every model the two tables need runs
// again as of prevAsOf.
func (s *session) previous(ctx context.Context, prevAsOf time.Time, now *state) (*state, error) {
	if s.previousByDelta(prevAsOf) {
		return previousByDelta(ctx, s.conn, prevAsOf, now)
	}
	// The current tables are about to be replaced: keep copies.
	if err := keepBasis(ctx, s.conn, true); err != nil {
		return nil, err
	}
	before, err := s.compute(ctx, prevAsOf, "mart_sfc_indicators", "mart_sfc_financial")
	if err != nil {
		return nil, err
	}
	if err := keepBasis(ctx, s.conn, false); err != nil {
		return nil, err
	}
	return before, findMoved(ctx, s.conn)
}

// previousByDelta says whether the state as of prevAsOf is derived from the current one (the
// register and targets in force were the same then), rather than computed again.
func (s *session) previousByDelta(prevAsOf time.Time) bool {
	return !fullPrevious && sameRegister(s.snapshots, prevAsOf, s.asOf)
}

// session is an open DuckDB with the warehouse, catalogue and cut-offs loaded, ready to run the
// models for one as-of time after another.
type session struct {
	db     *sql.DB
	conn   *sql.Conn
	models []Model // in dependency order
	// catalogueHash identifies the catalogue, for the cache's fingerprint.
	catalogueHash string
	// snapshots are the register and targets snapshots of the committed runs.
	snapshots []warehouse.Snapshot
	// attached says the cache file is attached (as cache).
	attached bool
	// bg runs the writes beside the session's connection; close waits for it.
	bg      background
	asOf    time.Time
	cutoffs []domain.Cutoff
	cleanup func()
}

func open(ctx context.Context, o Options) (*session, error) {
	if o.Catalogue == nil {
		return nil, errs.E(errs.Op("transform.Run"), errs.Config, "no catalogue given")
	}
	if o.Warehouse == "" {
		return nil, errs.E(errs.Op("transform.Run"), errs.Config, "no warehouse folder given")
	}
	s := &session{asOf: o.AsOf, catalogueHash: o.Catalogue.Hash, cleanup: func() {}}
	if s.asOf.IsZero() {
		s.asOf = time.Now()
	}
	s.asOf = s.asOf.UTC()
	s.cutoffs = slices.Clone(o.Cutoffs)
	if len(s.cutoffs) == 0 {
		s.cutoffs = DefaultCutoffs(s.asOf)
	}
	for _, c := range s.cutoffs {
		if !domain.IsCutoffDate(c.Date) || c.Date < domain.FirstCutoff {
			return nil, errs.E(errs.Op("transform.Run"), errs.Path(c.String()), errs.Config,
				fmt.Sprintf("not an Art 42 cut-off from %s on (31 Mar, 30 Jun, 31 Aug, 31 Oct, 31 Dec)", domain.FirstCutoff))
		}
	}
	slices.SortFunc(s.cutoffs, func(a, b domain.Cutoff) int { return int(a.Date) - int(b.Date) })
	s.cutoffs = slices.Compact(s.cutoffs)

	threads := o.Threads
	if threads <= 0 {
		threads = DefaultThreads
	}
	memoryLimit := o.MemoryLimit
	if memoryLimit == "" {
		memoryLimit = DefaultMemoryLimit
	}
	// A folder of this session's own inside TempDir (or the system's), removed at the end: DuckDB
	// spills there and the empty stand-in Parquet files live there.
	if o.TempDir != "" {
		if err := os.MkdirAll(o.TempDir, 0o755); err != nil {
			return nil, errs.E(errs.Op("transform.Run"), errs.Path(o.TempDir), errs.IO, err)
		}
	}
	tempDir, err := os.MkdirTemp(o.TempDir, "mittari-transform-")
	if err != nil {
		return nil, errs.E(errs.Op("transform.Run"), errs.Path(o.TempDir), errs.IO, err)
	}
	s.cleanup = func() { os.RemoveAll(tempDir) }

	err = checkQueries()
	var models []Model
	if err == nil {
		models, err = loadModels()
	}
	if err == nil {
		s.models, err = orderModels(models, Inputs)
	}
	if err == nil {
		s.db, s.conn, err = openDuckDB(ctx, threads, memoryLimit, filepath.Join(tempDir, "duckdb"))
		s.bg.db = s.db
	}
	if err == nil {
		err = createSources(ctx, s.conn, o.Warehouse, tempDir)
	}
	if err == nil {
		s.snapshots, err = warehouse.Snapshots(o.Warehouse)
	}
	if err == nil {
		err = loadCatalogue(ctx, s.conn, o.Catalogue)
	}
	if err == nil {
		err = loadTransmissionCatalogue(ctx, s.conn, o.Catalogue)
	}
	if err == nil {
		err = loadReportingCatalogue(ctx, s.conn, o.Catalogue)
	}
	if err == nil {
		err = loadCutoffs(ctx, s.conn, s.cutoffs)
	}
	if err == nil {
		err = loadAPRCatalogue(ctx, s.conn, o.Catalogue, s.cutoffs)
	}
	if err == nil {
		err = loadPresend(ctx, s.conn, o.Sent, o.Catalogue)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *session) close() {
	s.bg.wait()
	if s.conn != nil {
		s.conn.Close()
	}
	if s.db != nil {
		s.db.Close()
	}
	s.cleanup()
}

// state is what one pass of the models knew: the figures of the two Commission tables and, once
// readBases has filled them, what they were computed from as far as explaining changes between
// two passes needs it: the versions in force that moved or belong to a project whose register
// row or targets changed, and the register rows of those projects and of the moved versions.
type state struct {
	asOf       time.Time
	inForce    map[string]versionMeta
	projects   map[string]projectState
	indicators []metrics.IndicatorValue
	financial  []metrics.FinancialValue
}

// projectState is a project as a register snapshot had it, with its targets.
type projectState struct {
	Action, Status string
	SO             domain.SO
	SupportType    string
	SelectedOn     domain.Date
	Eligible, EU   int64
	Targets        map[string]int64
}

// compute runs the models for knowledge as of asOf, all of them or only those the named ones
// need, and reads the Commission tables.
func (s *session) compute(ctx context.Context, asOf time.Time, only ...string) (*state, error) {
	conn := s.conn
	models := s.models
	if len(only) > 0 {
		models = needed(s.models, only)
	}
	if err := setParams(ctx, conn, asOf); err != nil {
		return nil, err
	}
	if err := runModels(ctx, conn, models, inputProviders(ctx, conn)); err != nil {
		return nil, err
	}
	return readState(ctx, conn, asOf)
}

// readState reads the two Commission tables the models made.
func readState(ctx context.Context, conn *sql.Conn, asOf time.Time) (*state, error) {
	st := &state{asOf: asOf}
	var err error
	if st.indicators, err = readIndicators(ctx, conn); err != nil {
		return nil, err
	}
	if st.financial, err = readFinancial(ctx, conn); err != nil {
		return nil, err
	}
	return st, nil
}

// needed keeps, in order, the named models and every model they depend on.
func needed(ordered []Model, names []string) []Model {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	// Walking the dependency order backwards sees every model after all that depend on it.
	for i := len(ordered) - 1; i >= 0; i-- {
		if want[ordered[i].Name] {
			for _, d := range orderDepends(ordered[i]) {
				want[d] = true
			}
		}
	}
	var out []Model
	for _, m := range ordered {
		if want[m.Name] {
			out = append(out, m)
		}
	}
	return out
}

// previousRun finds the run whose figures Changes compare with: the committed run that started
// last strictly before asOf. The pipeline transforms as of its own start, so when its ingest
// committed a run, that run is excluded and the one before it is the previous; when it had
// nothing new, the previous run saw the same data and nothing changed. The previous figures are
// those as of the latest ingested_at of that run's rows (ingest stamps them with the run's start).
// A non-empty since names the run instead (Options.ChangesSince); none is found when it is not
// a committed run started before asOf.
func previousRun(ctx context.Context, conn *sql.Conn, asOf time.Time, since string) (string, time.Time, bool, error) {
	var id string
	var at time.Time
	found := false
	err := query(ctx, conn, qPreviousRun, func(r *sql.Rows) error {
		found = true
		return r.Scan(&id, &at)
	}, param("as_of", sqlTimestamp(asOf)), param("since", since))
	if err != nil {
		return "", time.Time{}, false, err
	}
	return id, at.UTC(), found, nil
}

// writeMarts copies every mart to dir as Parquet, in the order of its key, each through a
// temporary name and a rename so that a reader never sees half a file. Written in key order, a
// mart with the same content has the same bytes; such a file is left as it was, so a run that
// changed nothing changes no file, not even its time, and a backup or sync sees nothing to copy.
//
// It returns a digest of each mart's content (its rows, whatever their order, and the code that
// wrote them). A mart whose digest is the one digests gives for the file of the same name in
// from is not written: that file is linked (or copied) instead, since the same code writes the
// same rows to the same bytes. Computing the digest costs a pass over the mart's rows, writing it
// a sort and a compression besides: the marts with a row per project or per report, which a
// night with one report mostly leaves as they were, cost a tenth of their writing.
func writeMarts(ctx context.Context, conn *sql.Conn, ordered []Model, dir, from string, digests map[string]string) (map[string]string, error) {
	const op errs.Op = "transform.writeMarts"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errs.E(op, errs.Path(dir), errs.IO, err)
	}
	made := map[string]string{}
	for _, m := range ordered {
		if m.Layer != "marts" {
			continue
		}
		final := filepath.Join(dir, m.Name+".parquet")
		tmp := filepath.Join(dir, "."+m.Name+".parquet.tmp")
		done := tracedAs("transform: mart written", m.Name)
		digest, err := martDigest(ctx, conn, m)
		if err != nil {
			return nil, err
		}
		made[m.Name] = digest
		if from != "" && digests[m.Name] == digest {
			if err := atomicfile.LinkOrCopy(filepath.Join(from, m.Name+".parquet"), final); err == nil {
				done()
				continue
			}
		}
		err = execQuery(ctx, conn, qWriteMart, identifiers("mart", m.Name), identifiers("key", m.Key...), param("path", tmp))
		done()
		var same bool
		if err == nil {
			same, err = sameBytes(tmp, final)
		}
		switch {
		case err == nil && same:
			err = os.Remove(tmp)
		case err == nil:
			err = os.Rename(tmp, final)
		}
		if err != nil {
			os.Remove(tmp)
			return nil, errs.E(op, errs.Path(final), errs.IO, err)
		}
	}
	return made, nil
}

// martDigest identifies the content of mart m as written by this code (mart_digest.sql).
func martDigest(ctx context.Context, conn *sql.Conn, m Model) (string, error) {
	var rows int64
	var a, b string
	if err := queryRow(ctx, conn, qMartDigest, []any{&rows, &a, &b}, identifiers("mart", m.Name)); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\n%s\n%d\n%s\n%s\n", codeIdentity(), m.Name, rows, a, b)))
	return hex.EncodeToString(sum[:]), nil
}

// sameBytes says whether the files at a and b hold the same bytes; a missing b holds none.
func sameBytes(a, b string) (bool, error) {
	fb, err := os.Open(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer fb.Close()
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	sa, err := fa.Stat()
	if err != nil {
		return false, err
	}
	if sb, err := fb.Stat(); err != nil || sb.Size() != sa.Size() {
		return false, err
	}
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == io.EOF || errB == io.ErrUnexpectedEOF, nil
		}
		if errA != nil {
			return false, errA
		}
		if errB != nil {
			return false, errB
		}
	}
}
