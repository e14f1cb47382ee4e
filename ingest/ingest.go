package ingest

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// What a run writes are facts that do not depend on the order files arrive in, and every finding
// of the run; which versions are in force is derived from them by domain.ResolveInForce whenever
// it is needed. The files under reports/ are treated as hostile (inbox.go), and the format readers
// live in ingest/read. What a run would hold in proportion to its inbox (its versions, the
// register's targets and rows, its findings) waits on disk until its end (spill.go, settle.go,
// findinglog.go).

// Options configure one ingest run.
type Options struct {
	Inbox     string    // inbox folder: projects.csv, project_targets.csv, reports/
	Warehouse string    // warehouse root, e.g. out/warehouse
	RunID     string    // partition id for this run (warehouse.NewRunID)
	Now       time.Time // the run's clock (time.Now when zero)
	Catalogue *catalogue.Catalogue
	// TargetFactor: warn when a project's cumulative value exceeds factor × its target
	// (DefaultTargetFactor when 0).
	TargetFactor float64
	CodeVersion  string
	// Limits bound what one file may cost (read.Default when zero); MaxFileBytes the size of a
	// report file (MaxFileBytes when zero).
	Limits       read.Limits
	MaxFileBytes int64
	// AcceptRegisterShrink takes in a register that lacks more than MaxRegisterShrink
	// (DefaultMaxRegisterShrink when 0) of the projects in force; without it the run stops.
	AcceptRegisterShrink bool
	MaxRegisterShrink    float64
}

// FileSummary is what became of one file the run looked at.
type FileSummary struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Format   string `json:"format,omitempty"`
	Outcome  string `json:"outcome"` // OutcomeRead, OutcomeRejected, OutcomeIgnored or OutcomeSkipped
	Accepted int    `json:"reports_accepted"`
	Rejected int    `json:"reports_rejected"`
}

// Summary is what a run did, for the run record and the operator.
type Summary struct {
	FilesSeen     int `json:"files_seen"`
	FilesNew      int `json:"files_new"`
	FilesSkipped  int `json:"files_skipped"` // content already ingested (or repeated in this run)
	FilesRejected int `json:"files_rejected"`
	// Reports: accepted (row-valid, not pushed out by an overlap), rejected (an error, including
	// an overlap), ignored (older than the version already in force), duplicate (content
	// already received: a no-op).
	ReportsAccepted  int `json:"reports_accepted"`
	ReportsRejected  int `json:"reports_rejected"`
	ReportsIgnored   int `json:"reports_ignored"`
	ReportsDuplicate int `json:"reports_duplicate"`
	// ReportsRevalidated counts the row-valid reports of quarantined files read again because
	// the register changed (those not received before are among the accepted).
	ReportsRevalidated int `json:"reports_revalidated"`
	// Errors and Warnings count the run's findings, which EachFinding gives.
	Errors          int           `json:"errors"`
	Warnings        int           `json:"warnings"`
	Files           []FileSummary `json:"files"`
	Wrote           bool          `json:"wrote"`
	RegisterChanged bool          `json:"register_changed"`
	RegisterSHA256  string        `json:"register_sha256"`
	TargetsSHA256   string        `json:"targets_sha256"`
	// The findings of a run that wrote are those it stored in the warehouse (run_findings) at
	// root; a run that did not keeps its few here.
	root, runID string
	findings    []domain.Finding
}

// EachFinding calls fn with every finding of the run, in the order the run reports them: by
// file, line, place and rule. A run over a large inbox has hundreds of thousands, which it does
// not hold; those of a run that wrote are read back from the warehouse, where they were
// committed with the run.
func (s *Summary) EachFinding(fn func(domain.Finding) error) error {
	if s.Wrote {
		return warehouse.ReadRunFindings(s.root, []string{s.runID}, func(_ string, f domain.Finding) error { return fn(f) })
	}
	for _, f := range s.findings {
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// Run ingests everything new in the inbox: it reads the register, skips report files whose
// content hash the warehouse has seen, validates the rest, writes this run's partitions and
// commits the run when it wrote anything. Running it again on the same inbox writes nothing.
// The error return is for failures of the run itself (no register, I/O); bad input ends in
// findings.
//
// A process that runs it over a large inbox should set MemoryLimit and GCPercent (the command
// line does).
func Run(ctx context.Context, o Options) (*Summary, error) {
	if o.Catalogue == nil || o.RunID == "" || o.Warehouse == "" {
		return nil, errs.E(errs.Op("ingest.Run"), errs.Path(o.Inbox), errs.Config, "catalogue, run id and warehouse are required")
	}
	if o.Now.IsZero() {
		o.Now = time.Now() // the clock submitted_at is checked against, and the rows' ingested_at
	}
	st, err := loadState(o.Warehouse)
	if err != nil {
		return nil, err
	}
	in, err := openInbox(o.Inbox, o.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	defer in.close()
	r := &run{o: o, in: in, state: st, sum: &Summary{}, seenNow: map[string]bool{}, spillDir: spillDir(o.Warehouse),
		w: newTableWriter(o.Warehouse, o.RunID, o.Now.UTC())}
	r.findings = newFindingLog(r.spillDir)
	defer r.w.abort() // what is not closed; a closed file counts only once the run commits
	defer func() { r.spill.close() }()
	defer r.findings.close()
	defer func() { r.reg.close() }()
	// The report files are listed and hashed while the register's projects are read: the one
	// is reading and SHA-256 on every core, the other a single core parsing and checking rows,
	// so neither waits for the other (the targets are read while the report files are).
	done := traced("hash and register")
	paths, listed := reportFiles(o.Inbox)
	if listed == nil {
		reorderForTest(paths)
	}
	// The versions and the targets are spilled in partitions of about spillInput of new files.
	r.parts = spillPartitions(r.newBytes(paths))
	hashed := r.hash(ctx, paths, listed)
	err = r.register(ctx)
	if herr := hashed(err != nil); err == nil {
		err = herr
	}
	if err != nil {
		return nil, err
	}
	done()
	for _, phase := range []struct {
		name string
		run  func(context.Context) error
	}{{"read", r.read}, {"revalidate", r.revalidate}, {"settle", r.settle}} {
		done := traced(phase.name)
		if err := phase.run(ctx); err != nil {
			return nil, err
		}
		done()
	}
	if ctx.Err() != nil {
		return nil, interrupted(ctx) // stopped while it checked: nothing is committed
	}
	done = traced("commit")
	defer done()
	return r.commit()
}

// traced starts timing a phase; the function it returns logs the phase's time at debug level
// (MITTARI_TRACE=1 in the command shows them).
func traced(phase string) func() {
	started := time.Now()
	return func() { slog.Debug("ingest: phase", "name", phase, "took", time.Since(started)) }
}

// MemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit) a process should set
// while Run takes in a large inbox, unless the operator set GOMEMLIMIT: a safety net, since
// what a run holds grows only with its register's projects (a few tens of bytes each).
const MemoryLimit = 1400 << 20

// GCPercent is the collector's target (runtime/debug.SetGCPercent) a process should set while
// Run takes in a large inbox, unless the operator set GOGC. What a run holds does not grow with
// the inbox (its versions, targets and findings wait on disk), so Go's default target is kept:
// a lower one, which kept the peak down while a run held its versions, now only makes the
// collector run more often.
const GCPercent = 100

// run is one ingest run as it goes through its phases: hash (the report files), register,
// read (the new files: their files' rows and findings are written, their versions spilled by
// project), revalidate (the files a changed register may now accept), settle (the versions,
// project by project: those not received before are written and checked against the others
// of their project) and commit.
type run struct {
	o     Options
	in    *inbox
	state *state
	reg   *Register
	chk   *checker
	w     *tableWriter
	sum   *Summary
	// findings are the run's findings as it finds them.
	findings *findingLog
	// entries are the inbox's report files in path order; seenNow the content hashes this run
	// reads, so that of two files with the same content the first is read.
	entries []entry
	seenNow map[string]bool
	// parts is how many partitions the versions and targets are spilled in, in files in
	// spillDir.
	parts    int
	spillDir string
	// spill holds the versions taken in until they are settled; files names each file they
	// came from by its index in the run (an entry's index, then the files read again after a
	// register change), with its hash.
	spill *spill
	files []runFile
	// touched is the projects of the versions taken in, when the warehouse holds versions or
	// targets that settling them needs (nil otherwise: a first run does not keep them).
	touched map[string]bool
	// revalidated are the warnings of the reports of files read again, by file and report:
	// they are reported only for versions not received before, which settling finds out.
	revalidated map[[2]int32][]domain.Finding
}

// runFile is a file a run took versions from.
type runFile struct {
	rel, sha    string
	revalidated bool // read again after a register change
}

// newBytes is about how many bytes of the report files (paths) a run reads: those of the
// files not known by their path, size and modification time (hashEntry).
func (r *run) newBytes(paths []string) int64 {
	var n int64
	for _, raw := range paths {
		st, err := os.Lstat(filepath.Join(r.o.Inbox, filepath.FromSlash(raw)))
		if err != nil {
			continue
		}
		if known, ok := r.state.stamps[raw]; !ok || known.size != st.Size() || !known.modTime.Equal(stampTime(st.ModTime())) {
			n += st.Size()
		}
	}
	return n
}

// hash hashes the report files (paths, or why they could not be listed) in the background;
// the function it returns waits for them (stopping them first when told to) and says whether
// that failed.
func (r *run) hash(ctx context.Context, paths []string, listed error) (wait func(stop bool) error) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		err := listed
		if err == nil {
			r.entries, err = hashEntries(ctx, r.in, paths, runtime.GOMAXPROCS(0), r.state.stamps)
		}
		done <- err
	}()
	return func(stop bool) error {
		if stop {
			cancel()
		}
		defer cancel()
		return <-done
	}
}

// register reads the register (or its snapshot, when the files are unchanged), refusing one
// that lost many of the projects in force (checkShrink).
func (r *run) register(ctx context.Context) error {
	reg, err := runRegister(ctx, r.o.Inbox, r.o.Catalogue, r.state, r.spillDir, r.parts)
	if err != nil {
		return err
	}
	if !r.o.AcceptRegisterShrink {
		if err := checkShrink(r.o.Inbox, r.state, reg, r.o.MaxRegisterShrink); err != nil {
			reg.close()
			return err
		}
	}
	r.reg = reg // closed by Run; its targets may still be being read (settle waits for them)
	r.chk = newChecker(reg, r.o.Catalogue, r.o.Limits, r.o.Now)
	r.sum.RegisterSHA256 = reg.ProjectsSHA256
	return nil
}

// read reads the files not seen before, in parallel, and takes their results in path order.
func (r *run) read(ctx context.Context) error {
	for i := range r.entries {
		e := &r.entries[i]
		e.read = e.err == nil && !r.state.files[e.sha] && !r.seenNow[e.sha]
		if e.read {
			r.seenNow[e.sha] = true
		}
		r.files = append(r.files, runFile{rel: e.rel, sha: e.sha})
	}
	var err error
	if r.spill, err = newSpill(r.spillDir, r.parts); err != nil {
		return err
	}
	if r.state.lastVersionID > 0 || r.reg.targetsRun != "" {
		r.touched = map[string]bool{}
	}
	done := make(chan struct{})
	defer close(done)
	parts := len(r.spill.parts)
	results, release := readInParallel(r.entries, runtime.GOMAXPROCS(0), done, func(i int, e entry) fileResult {
		res := readReportFile(ctx, func() (*os.File, fs.FileInfo, error) { return r.in.open(e.raw) }, e.rel, e.sha, e.size, r.in.limit, r.chk)
		res.Raw, res.ModTime = e.raw, e.modTime
		spillRecords(&res, i, parts)
		return res
	})
	sum := r.sum
	for i, e := range r.entries {
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		sum.FilesSeen++
		switch {
		case e.err != nil:
			// Without its content there is no hash to record it by, so the finding is reported
			// every run until the file is fixed or removed.
			sum.FilesRejected++
			r.findings.add(fileFinding(e.rel, e.err))
			sum.Files = append(sum.Files, FileSummary{Path: e.rel, Outcome: OutcomeRejected})
			continue
		case !e.read:
			sum.FilesSkipped++
			sum.Files = append(sum.Files, FileSummary{Path: e.rel, SHA256: e.sha, Size: e.size, Outcome: OutcomeSkipped})
			continue
		}
		sum.FilesNew++
		res := <-results[i]
		release(i)
		if ctx.Err() != nil {
			return interrupted(ctx) // what it read may have been cut short
		}
		if res.Outcome == OutcomeRejected {
			sum.FilesRejected++
		}
		sum.ReportsRejected += res.rejected
		sum.Files = append(sum.Files, FileSummary{Path: e.rel, SHA256: e.sha, Size: e.size, Format: res.Format,
			Outcome: res.Outcome, Accepted: len(res.accepted), Rejected: res.rejected})
		r.take(res, i)
	}
	return r.spill.err
}

// spillRecords turns the accepted reports of res, the run's file number file, into the records
// the run spills (appendTaken), on the reader's core, and lets their rows go.
func spillRecords(res *fileResult, file, parts int) {
	n := 0
	for j := range res.accepted {
		n += 96 + len(res.accepted[j].subText) + 8*len(res.accepted[j].report.Items)
	}
	buf := make([]byte, 0, n)
	for j := range res.accepted {
		a := &res.accepted[j]
		start := len(buf)
		buf = appendTaken(buf, file, j, a.sum, &a.report, a.subText)
		a.rec = buf[start:len(buf):len(buf)]
		a.part = partitionOf(a.report.Key.ProjectID, parts)
		a.report.Items = nil
	}
}

// take records what reading one file gave: the file and its findings (unless it was read again
// after a register change, when they are stored already), the warnings of its accepted
// reports, and the reports themselves into the spill, where settle finds which are new.
func (r *run) take(res fileResult, file int) {
	w := r.w
	if !res.revalidated {
		w.file(res)
		w.findings(true, res.SHA256, "", res.quarantine)
		w.findings(false, res.SHA256, "", res.warnings)
		r.findings.add(res.quarantine...)
		r.findings.add(res.warnings...)
	}
	for j := range res.accepted {
		a := &res.accepted[j]
		switch {
		case !res.revalidated:
			// A report's warnings are facts about this file, whoever sent the content first.
			if len(a.warnings) > 0 {
				w.findings(false, res.SHA256, a.hash(), a.warnings)
			}
			r.findings.add(a.warnings...)
		case len(a.warnings) > 0:
			if r.revalidated == nil {
				r.revalidated = map[[2]int32][]domain.Finding{}
			}
			r.revalidated[[2]int32{int32(file), int32(j)}] = a.warnings
		}
		if r.touched != nil && !r.touched[a.report.Key.ProjectID] {
			r.touched[strings.Clone(a.report.Key.ProjectID)] = true
		}
		r.spill.add(a.part, a.rec)
	}
}

// revalidate takes in, after the project register changed, the reports of files that the
// register rejected before and now accepts (revalidateFiles).
func (r *run) revalidate(ctx context.Context) error {
	if r.reg.ProjectsSHA256 == r.state.lastProjects || r.state.lastProjects == "" {
		return nil
	}
	return revalidateFiles(ctx, r.in, r.state, r.chk, r.seenNow, r.sum, func(res fileResult) {
		file := len(r.files)
		r.files = append(r.files, runFile{rel: res.Path, sha: res.SHA256, revalidated: true})
		spillRecords(&res, file, len(r.spill.parts))
		r.take(res, file)
	})
}

// commit writes a changed register's snapshot and findings, closes every table's file, and
// when anything was written stores every finding of the run (run_findings) and commits the run,
// so that what the run reported survives a crash after it. A run that writes nothing else
// commits nothing: its findings are of files it could not hash, which every run reports again
// until they are fixed.
func (r *run) commit() (*Summary, error) {
	sum, w, reg := r.sum, r.w, r.reg
	registerChanged := reg.ProjectsSHA256 != r.state.lastProjects
	targetsChanged := reg.TargetsSHA256 != r.state.lastTargets
	sum.RegisterChanged = registerChanged || targetsChanged
	if registerChanged {
		w.projects(reg)
	}
	if targetsChanged {
		w.registerFile(TargetsFile, reg.TargetsSHA256) // its rows are written as they are settled
	}
	if sum.RegisterChanged {
		w.registerFindings(reg)
		r.findings.addOrdered(foundRegister, nil, reg.Findings...)
	}
	sum.Errors, sum.Warnings = r.findings.errors, r.findings.warnings

	wrote, err := w.close()
	if err != nil {
		return nil, err
	}
	if wrote {
		o := r.o
		if err := w.runFindings(r.findings); err != nil {
			return nil, err
		}
		if err := warehouse.CommitRun(o.Warehouse, o.RunID, runRow(o, sum)); err != nil {
			return nil, err
		}
		sum.root, sum.runID = o.Warehouse, o.RunID
	} else if err := r.findings.each(func(f domain.Finding) error { sum.findings = append(sum.findings, f); return nil }); err != nil {
		return nil, err
	}
	sum.Wrote = wrote
	return sum, nil
}

// runRow is the runs row of a run that did what sum says.
func runRow(o Options, sum *Summary) warehouse.RunRow {
	row := warehouse.RunRow{StartedAt: o.Now.UTC(), FinishedAt: time.Now().UTC(), CatalogueSHA256: o.Catalogue.Hash,
		CodeVersion: o.CodeVersion, FilesRead: int32(sum.FilesNew), ReportsAccepted: int32(sum.ReportsAccepted),
		ReportsRejected: int32(sum.ReportsRejected), FilesSeen: int32(sum.FilesSeen), FilesSkipped: int32(sum.FilesSkipped),
		FilesRejected: int32(sum.FilesRejected), ReportsIgnored: int32(sum.ReportsIgnored), ReportsDuplicate: int32(sum.ReportsDuplicate),
		ReportsRevalidated: int32(sum.ReportsRevalidated), Errors: int32(sum.Errors), Warnings: int32(sum.Warnings)}
	return row
}

// revalidateFiles reads again, after the project register changed, the files that had a report
// rejected by a rule depending on the register (unknown or cancelled project, period outside the
// project's dates), if they are still in the inbox unchanged. Reports that now pass are taken in
// like new ones; those that still fail are already in quarantine and are left there.
func revalidateFiles(ctx context.Context, in *inbox, st *state, chk *checker, seenNow map[string]bool, sum *Summary, take func(fileResult)) error {
	var shas []string
	for sha := range st.registerRejected {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	for _, sha := range shas {
		raw, ok := st.paths[sha]
		if !ok || seenNow[sha] {
			continue
		}
		e := hashEntry(ctx, in, raw, nil)
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		if e.err != nil || e.sha != sha {
			continue
		}
		res := readReportFile(ctx, func() (*os.File, fs.FileInfo, error) { return in.open(raw) }, e.rel, sha, e.size, in.limit, chk)
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		res.revalidated = true
		// Its findings were stored and reported when it was first read.
		res.quarantine, res.warnings = nil, nil
		sum.ReportsRevalidated += len(res.accepted)
		take(res)
	}
	return nil
}

func sortFindings(fs []domain.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Place.File != b.Place.File {
			return a.Place.File < b.Place.File
		}
		if a.Place.Line != b.Place.Line {
			return a.Place.Line < b.Place.Line
		}
		if a.Place.String() != b.Place.String() {
			return a.Place.String() < b.Place.String()
		}
		return a.Rule < b.Rule
	})
}
