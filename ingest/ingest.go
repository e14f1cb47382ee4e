package ingest

import (
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// Options configure one ingest run.
type Options struct {
	Inbox     string // inbox folder: projects.csv, project_targets.csv, reports/
	Warehouse string // warehouse root, e.g. out/warehouse
	RunID     string // partition id for this run; sortable, e.g. 20261122T194400Z
	Now       time.Time
	Catalogue *catalogue.Catalogue
	// TargetFactor: warn when a project's cumulative value exceeds factor × its target
	// (DefaultTargetFactor when 0).
	TargetFactor float64
	CodeVersion  string
	// Limits bound what one file may cost (read.Default when zero).
	Limits read.Limits
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
	ReportsRevalidated int              `json:"reports_revalidated"`
	Findings           []domain.Finding `json:"findings"`
	Files              []FileSummary    `json:"files"`
	Wrote              bool             `json:"wrote"`
	RegisterChanged    bool             `json:"register_changed"`
	RegisterSHA256     string           `json:"register_sha256"`
	TargetsSHA256      string           `json:"targets_sha256"`
}

// Errors reports whether any finding is an error.
func (s *Summary) Errors() bool { return hasErrors(s.Findings) }

func hasErrors(fs []domain.Finding) bool {
	for _, f := range fs {
		if f.Severity == domain.SeverityError {
			return true
		}
	}
	return false
}

// Run ingests everything new in the inbox: it reads the register, skips report files whose
// content hash the warehouse has seen, validates the rest, writes this run's partitions and
// commits the run when it wrote anything. Running it again on the same inbox writes nothing.
// The error return is for failures of the run itself (no register, I/O); bad input ends in
// findings.
func Run(ctx context.Context, o Options) (*Summary, error) {
	const op errs.Op = "ingest.Run"
	if o.Catalogue == nil || o.RunID == "" || o.Warehouse == "" {
		return nil, errs.E(op, errs.Path(o.Inbox), errs.Config, "catalogue, run id and warehouse are required")
	}
	// A first run over ten million rows ends up holding a compact record of each of a million
	// versions (for the arrival and cumulative checks) besides the register; left alone, the
	// collector lets the heap grow to twice that. A soft limit keeps the peak near what is
	// live, unless the operator set GOMEMLIMIT.
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(RunMemoryLimit)
		defer debug.SetMemoryLimit(math.MaxInt64)
	}
	// What a run holds for long (versions, hashes) is pointer-free, so a collection costs
	// little beyond the garbage of the files in flight: collecting at half again the live heap
	// instead of twice it took the peak at 10 M rows from 1.1 to 0.8 GiB for the same CPU
	// (a quarter again doubled the collector's work). Unless the operator set GOGC.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(RunGCPercent))
	}
	state, err := loadState(o.Warehouse)
	if err != nil {
		return nil, err
	}
	// The report files are listed and hashed while the register is read: the one is reading
	// and SHA-256 on every core, the other a single core parsing and checking the register
	// (some seconds for a Commission-wide one), so neither waits for the other.
	hashCtx, stopHashing := context.WithCancel(ctx)
	defer stopHashing()
	type hashed struct {
		paths   []string
		entries []entry
		err     error
	}
	hashing := make(chan hashed, 1)
	go func() {
		var h hashed
		if h.paths, h.err = reportFiles(o.Inbox); h.err == nil {
			reorderForTest(h.paths)
			// Hash every file first (in path order, so that of two files with the same
			// content the first is read); then read the new ones in parallel and take their
			// results in path order.
			h.entries, h.err = hashEntries(hashCtx, o.Inbox, h.paths, runtime.GOMAXPROCS(0), state.stamps)
		}
		hashing <- h
	}()
	reg, err := runRegister(o.Inbox, o.Catalogue, state)
	if err != nil {
		stopHashing()
		<-hashing
		return nil, err
	}
	sum := &Summary{RegisterSHA256: reg.ProjectsSHA256, TargetsSHA256: reg.TargetsSHA256}
	h := <-hashing
	if h.err != nil {
		return nil, h.err
	}
	entries := h.entries

	w := newTableWriter(o.Warehouse, o.RunID, o.Now.UTC(), state.lastVersionID)
	committed := false
	defer func() {
		if !committed {
			w.abort()
		}
	}()

	// Row-valid versions new to the warehouse go in as each file is read; identical content is
	// a no-op (among identical versions in one run, the file read first is recorded).
	var incoming pendingList
	lazy := false // set below: whether the warehouse's versions are loaded file by file
	var loadErr error
	take := func(res fileResult) {
		if lazy && loadErr == nil {
			projects := map[string]bool{}
			for _, r := range res.accepted {
				projects[r.version.Key.ProjectID] = true
			}
			loadErr = state.loadProjects(projects)
		}
		if !res.revalidated {
			w.file(res)
			w.findings(true, res.SHA256, "", res.quarantine)
			w.findings(false, res.SHA256, "", res.warnings)
			sum.Findings = append(sum.Findings, res.quarantine...)
			sum.Findings = append(sum.Findings, res.warnings...)
		}
		for _, r := range res.accepted {
			if !state.takeNew(&r.pending) {
				if !res.revalidated {
					sum.ReportsDuplicate++
					// its row warnings are facts about this file, whoever sent the content first
					w.findings(false, res.SHA256, r.version.Hash, r.warnings)
					sum.Findings = append(sum.Findings, r.warnings...)
				}
				continue
			}
			w.version(r)
			w.findings(false, res.SHA256, r.version.Hash, r.warnings)
			sum.Findings = append(sum.Findings, r.warnings...)
			incoming.add(r.pending)
		}
	}

	seenNow := map[string]bool{}
	var newBytes int64
	newFiles := 0
	for i := range entries {
		e := &entries[i]
		e.read = e.err == nil && !state.files[e.sha] && !seenNow[e.sha]
		if e.read {
			seenNow[e.sha] = true
			newBytes += e.size
			newFiles++
		}
	}
	// Whether a version is already in the warehouse: a few new files ask about a few projects,
	// whose versions are loaded as each file is taken; many ask about most, and the hashes of
	// all versions are cheaper to load at once. Both answer alike.
	lazy = newBytes <= lazyLoadBytes && newFiles <= lazyLoadFiles
	if !lazy {
		if err := state.loadHashes(); err != nil {
			return nil, err
		}
		// A first run adds a million hashes to an empty set: sized for them at once (a
		// version is some 600 bytes of CSV), it does not grow its way there. (Capped: an
		// inbox of a few huge files would ask for far more than it holds.)
		state.hashes.reserve(int(min(newBytes/512, 1<<22)))
	}
	done := make(chan struct{})
	defer close(done)
	results, release := readInParallel(entries, runtime.GOMAXPROCS(0), done, func(e entry) fileResult {
		res := readReportFile(e.abs, e.rel, e.sha, e.size, reg, o.Catalogue, o.Limits)
		res.ModTime = e.modTime
		return res
	})
	for i, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sum.FilesSeen++
		switch {
		case e.err != nil:
			// Without its content there is no hash to record, so the finding is reported
			// (every run, until the file is fixed or removed) but not stored.
			sum.FilesRejected++
			sum.Findings = append(sum.Findings, RuleFileUnreadable.at(domain.Place{File: e.rel}, "", "cannot read the file: %v", e.err))
			sum.Files = append(sum.Files, FileSummary{Path: e.rel, Outcome: OutcomeRejected})
			continue
		case !e.read:
			sum.FilesSkipped++
			sum.Files = append(sum.Files, FileSummary{Path: e.rel, SHA256: e.sha, Size: e.size, Outcome: OutcomeSkipped})
			continue
		}
		sum.FilesNew++
		res := <-results[i]
		release()
		if res.Outcome == OutcomeRejected {
			sum.FilesRejected++
		}
		sum.ReportsRejected += res.rejected
		sum.Files = append(sum.Files, FileSummary{Path: e.rel, SHA256: e.sha, Size: e.size, Format: res.Format,
			Outcome: res.Outcome, Accepted: len(res.accepted), Rejected: res.rejected})
		take(res)
	}

	if loadErr != nil {
		return nil, loadErr
	}
	registerChanged := reg.ProjectsSHA256 != state.lastProjects
	targetsChanged := reg.TargetsSHA256 != state.lastTargets
	if registerChanged && state.lastProjects != "" {
		for _, res := range revalidate(o, state, reg, seenNow, sum) {
			take(res)
		}
	}

	touched := projectsOf(&incoming)
	if err := state.loadProjects(touched); err != nil {
		return nil, err
	}
	if err := reg.loadTargets(touched); err != nil {
		return nil, err
	}
	prior := state.knownList()
	arr, cumulative := checkArrivals(prior, &incoming, reg, o.Catalogue, o.TargetFactor)
	sum.ReportsAccepted += arr.accepted
	sum.ReportsRejected += arr.rejected
	sum.ReportsIgnored += arr.ignored
	sum.Findings = append(sum.Findings, arr.findings...)
	sum.Findings = append(sum.Findings, cumulative...)

	sum.RegisterChanged = registerChanged || targetsChanged
	if registerChanged {
		w.projects(reg)
	}
	if targetsChanged {
		w.targets(reg)
	}
	if sum.RegisterChanged {
		w.registerFindings(reg)
		sum.Findings = append(sum.Findings, reg.Findings...)
	}
	sortFindings(sum.Findings)

	wrote, err := w.close()
	if err != nil {
		return nil, err
	}
	if wrote {
		run := warehouse.RunRow{StartedAt: o.Now.UTC(), FinishedAt: time.Now().UTC(), CatalogueSHA256: o.Catalogue.Hash,
			CodeVersion: o.CodeVersion, FilesRead: int32(sum.FilesNew), ReportsAccepted: int32(sum.ReportsAccepted),
			ReportsRejected: int32(sum.ReportsRejected)}
		if err := warehouse.CommitRun(o.Warehouse, o.RunID, run); err != nil {
			return nil, err
		}
	}
	committed = true
	sum.Wrote = wrote
	return sum, nil
}

// RunGCPercent is the collector's target (runtime/debug.SetGCPercent) Run sets for its duration
// when GOGC is not set.
const RunGCPercent = 50

// RunMemoryLimit is the soft memory limit (runtime/debug.SetMemoryLimit) Run sets for its
// duration when the process has none.
const RunMemoryLimit = 1400 << 20

// lazyLoadBytes and lazyLoadFiles bound the new files for which a run loads the warehouse's
// versions of their projects file by file rather than every version's hash: each file's load
// walks the project dictionaries of report_versions once (some 50 ms at 10 M rows), the hashes
// cost about a second and a half. (Variables for tests.)
var (
	lazyLoadBytes int64 = 16 << 20
	lazyLoadFiles       = 16
)

// entry is one file of the inbox: its hash, or why it could not be hashed, and whether this
// run reads it.
type entry struct {
	rel, abs, sha string
	size          int64
	modTime       time.Time
	err           error
	read          bool
}

// hashEntries hashes the files on n goroutines; entries are in paths' order. A file whose path,
// size and modification time are those of a file read before (stamps) is that file: a nightly
// run would otherwise read the whole inbox, gigabytes of it seen before, to find one new file.
// (Changing a file while keeping its size and modification time to the microsecond takes
// intent; an operator who did so can move the file to a new name.)
func hashEntries(ctx context.Context, inbox string, paths []string, n int, stamps map[string]fileStamp) ([]entry, error) {
	entries := make([]entry, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				e := entry{rel: paths[i], abs: filepath.Join(inbox, filepath.FromSlash(paths[i]))}
				st, err := os.Stat(e.abs)
				if err == nil {
					e.modTime = st.ModTime().UTC().Truncate(time.Microsecond)
					if known, ok := stamps[e.rel]; ok && known.size == st.Size() && known.modTime.Equal(e.modTime) {
						e.sha, e.size = known.sha, known.size
						entries[i] = e
						continue
					}
				}
				e.sha, e.size, e.err = hashFile(e.abs)
				entries[i] = e
			}
		}()
	}
	var err error
	for i := range paths {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return entries, err
}

// readInParallel reads the entries marked read on up to n goroutines; results[i] delivers entry
// i's result, and the caller calls release after taking each one. A slot frees only then, so at
// most n files' results are in flight or waiting and memory stays bounded by n files. Closing
// done stops it early.
func readInParallel(entries []entry, n int, done <-chan struct{}, read func(entry) fileResult) (results []chan fileResult, release func()) {
	results = make([]chan fileResult, len(entries))
	for i := range results {
		results[i] = make(chan fileResult, 1)
	}
	slots := make(chan struct{}, max(n, 1))
	go func() {
		for i, e := range entries {
			if !e.read {
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			go func() { results[i] <- read(e) }()
		}
	}()
	return results, func() { <-slots }
}

// reorderForTest lets the property test read files in other orders than sorted; the result must
// not change.
var reorderForTest = func([]string) {}

// revalidate reads again, after the project register changed, the files that had a report
// rejected by a rule depending on the register (unknown or cancelled project, period outside the
// project's dates), if they are still in the inbox unchanged. Reports that now pass are taken in
// like new ones; those that still fail are already in quarantine and are left there.
func revalidate(o Options, st *state, reg *Register, seenNow map[string]bool, sum *Summary) []fileResult {
	var shas []string
	for sha := range st.registerRejected {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	var out []fileResult
	for _, sha := range shas {
		rel, ok := st.paths[sha]
		if !ok || seenNow[sha] {
			continue
		}
		abs := filepath.Join(o.Inbox, filepath.FromSlash(rel))
		if h, size, err := hashFile(abs); err == nil && h == sha {
			res := readReportFile(abs, rel, sha, size, reg, o.Catalogue, o.Limits)
			res.revalidated = true
			// Its findings were stored and reported when it was first read.
			res.quarantine, res.warnings = nil, nil
			sum.ReportsRevalidated += len(res.accepted)
			out = append(out, res)
		}
	}
	return out
}

// projectsOf is the projects the versions are of.
func projectsOf(rs *pendingList) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < rs.len(); i++ {
		out[rs.projectName(i)] = true
	}
	return out
}

func knownOf(r pending) known {
	return known{version: r.version, file: r.file, place: r.place.String(), items: r.items}
}

// reportFiles lists the files under inbox/reports, relative to the inbox, slash-separated and
// sorted, skipping hidden files (editors' lock files such as ~$report.xlsx or .DS_Store).
func reportFiles(inbox string) ([]string, error) {
	root := filepath.Join(inbox, ReportsDir)
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir // an inbox with no reports yet
			}
			return err
		}
		name := d.Name()
		if path != root && (name[0] == '.' || name[0] == '~') {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil // sockets, devices and the like are no reports
		}
		rel, err := filepath.Rel(inbox, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, errs.E(errs.Op("ingest.reportFiles"), errs.Path(root), errs.IO, err)
	}
	sort.Strings(out)
	return out, nil
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
