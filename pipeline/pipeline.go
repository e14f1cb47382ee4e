package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"

	"mittari/catalogue"
	"mittari/charts"
	"mittari/domain"
	"mittari/export"
	"mittari/ingest"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/transform"
	"mittari/warehouse"
)

// Options configure one run of the whole pipeline.
type Options struct {
	Inbox string // inbox folder
	Out   string // output folder
	// Cutoff, when set, computes only that cut-off; otherwise every cut-off from the programme
	// start to the latest one passed.
	Cutoff *domain.Cutoff
	// AsOf reproduces what an earlier run saw: only data ingested up to then counts. Zero means
	// the run's own time. A reproduction ingests nothing and writes its report, marts and
	// exports under out/as-of/<time>/, leaving the live outputs alone.
	AsOf      time.Time
	Catalogue *catalogue.Catalogue
	// Now is the clock; tests pin it. Nil means time.Now.
	Now func() time.Time
	// Log receives one line per stage; nil discards them.
	Log io.Writer
	// TargetFactor is ingest's threshold for "far above the project's target" (1.5 when 0).
	TargetFactor float64
	// DuckDB resources for transform (defaults there).
	Threads     int
	MemoryLimit string
	// Full makes the transform compute everything instead of only the projects that received
	// reports since its cache was written (the cache is then rewritten).
	Full bool
}

// Result is what a run produced, for the command line to print.
type Result struct {
	Record     Record
	RecordPath string
	Summary    *ingest.Summary
	Results    *metrics.Results
	Report     string
	// ExportsDir is the exports folder (under out/as-of/... for a reproduction).
	ExportsDir string
	Exports    []string
}

// Run ingests what is new in the inbox, recomputes the figures, and rewrites the report and the
// exports. A failed stage stops the run; everything written before it is either complete (the
// warehouse commits a run only when all its partitions are written) or replaced atomically, so
// the last good outputs stay in place.
func Run(ctx context.Context, o Options) (*Result, error) {
	const op errs.Op = "pipeline.Run"
	if o.Catalogue == nil || o.Inbox == "" || o.Out == "" {
		return nil, errs.E(op, errs.Config, "inbox, output folder and catalogue are required")
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	lay := Layout{Root: o.Out}
	unlock, err := lockOut(lay.Lock())
	if err != nil {
		return nil, err
	}
	defer unlock()

	started := now().UTC()
	rec := Record{
		RunID:           NewRunID(o.Out, started),
		StartedAt:       started,
		Inbox:           o.Inbox,
		Out:             o.Out,
		CatalogueSHA256: o.Catalogue.Hash,
		CodeVersion:     CodeVersion(),
		Status:          "failed",
	}
	res := &Result{}
	stage := func(name string, fn func() error) error {
		t0 := time.Now()
		err := fn()
		rec.Stages = append(rec.Stages, StageTiming{Stage: name, Seconds: time.Since(t0).Seconds()})
		if err != nil {
			fmt.Fprintf(logw, "%-9s failed after %.2fs: %v\n", name, time.Since(t0).Seconds(), err)
		} else {
			fmt.Fprintf(logw, "%-9s %.2fs\n", name, time.Since(t0).Seconds())
		}
		return err
	}
	fail := func(err error) (*Result, error) {
		rec.Error = err.Error()
		rec.FinishedAt = now().UTC()
		path, werr := rec.write(lay.Runs())
		res.Record, res.RecordPath = rec, path
		if werr != nil {
			return res, errs.E(op, errs.Path(lay.Runs()), errs.IO, fmt.Errorf("%v (and the run record could not be written: %v)", err, werr))
		}
		return res, err
	}

	if o.AsOf.IsZero() {
		if err := stage("ingest", func() (err error) {
			res.Summary, err = Ingest(ctx, o, rec.RunID, started)
			return err
		}); err != nil {
			return fail(err)
		}
	} else {
		res.Summary = &ingest.Summary{}
		fmt.Fprintf(logw, "ingest    skipped: reproducing the state as of %s\n", o.AsOf.UTC().Format(time.RFC3339))
	}
	rec.Ingest = ingestRecord(res.Summary)
	// Ingest's heap is garbage now, but Go returns it to the OS only slowly; DuckDB allocates
	// outside Go's heap, so without this the process would hold both at once (2.5 GiB instead
	// of the larger of the two at 10 M rows).
	debug.FreeOSMemory()

	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	rec.AsOf = asOf
	dataAsOf, err := latestRunAt(lay.Warehouse(), asOf)
	if err != nil {
		return fail(err)
	}
	rec.DataAsOf = dataAsOf
	if err := stage("transform", func() (err error) {
		var st transform.Stats
		res.Results, st, err = Transform(ctx, o, asOf)
		rec.Transform = TransformRecord(st)
		if err == nil && st.Mode == "incremental" {
			fmt.Fprintf(logw, "transform incremental: %d projects recomputed\n", st.Projects)
		} else if err == nil && st.Reason != "" {
			fmt.Fprintf(logw, "transform full: %s\n", st.Reason)
		}
		return err
	}); err != nil {
		return fail(err)
	}
	for _, c := range res.Results.Cutoffs {
		rec.Cutoffs = append(rec.Cutoffs, c.String())
		rec.Versions = append(rec.Versions, c.Version())
	}

	if err := stage("charts", func() error {
		return Report(o, res.Results, res.Summary, dataAsOf)
	}); err != nil {
		return fail(err)
	}
	res.Report = o.outputs().Report()
	res.ExportsDir = o.outputs().Exports()

	if err := stage("exports", func() (err error) {
		res.Exports, err = Export(o, res.Results, dataAsOf)
		return err
	}); err != nil {
		return fail(err)
	}

	written := append([]string{res.Report, o.outputs().Marts()}, res.Exports...)
	for _, table := range warehouse.Tables {
		written = append(written, warehouse.PartitionDir(lay.Warehouse(), table, rec.RunID))
	}
	rec.Outputs = outputsOf(written)
	rec.Status = "ok"
	rec.FinishedAt = now().UTC()
	path, err := rec.write(lay.Runs())
	if err != nil {
		return nil, errs.E(op, errs.Path(lay.Runs()), errs.IO, err)
	}
	res.Record, res.RecordPath = rec, path
	return res, nil
}

// Ingest runs the ingest stage alone: what is new in o.Inbox goes into the warehouse under
// runID, committed when anything was written.
func Ingest(ctx context.Context, o Options, runID string, now time.Time) (*ingest.Summary, error) {
	return ingest.Run(ctx, ingest.Options{
		Inbox: o.Inbox, Warehouse: Layout{o.Out}.Warehouse(), RunID: runID, Now: now,
		Catalogue: o.Catalogue, TargetFactor: o.TargetFactor, CodeVersion: CodeVersion(),
	})
}

// Transform runs the transform stage alone over the warehouse, as known at asOf, and writes
// the marts. A run of the default cut-offs as of now uses and keeps the transform's cache
// (Layout.Cache); a reproduction (o.AsOf) or a single cut-off computes in full without it.
func Transform(ctx context.Context, o Options, asOf time.Time) (*metrics.Results, transform.Stats, error) {
	var cutoffs []domain.Cutoff
	if o.Cutoff != nil {
		cutoffs = []domain.Cutoff{*o.Cutoff}
	}
	var st transform.Stats
	to := transform.Options{
		Warehouse: Layout{o.Out}.Warehouse(), Catalogue: o.Catalogue, AsOf: asOf, Cutoffs: cutoffs,
		MartsDir: o.outputs().Marts(), Threads: o.Threads, MemoryLimit: o.MemoryLimit, TempDir: Layout{o.Out}.Tmp(),
		Full: o.Full, Stats: &st,
	}
	if o.AsOf.IsZero() && o.Cutoff == nil {
		to.Cache = Layout{o.Out}.Cache()
	}
	res, err := transform.Run(ctx, to)
	return res, st, err
}

// Report writes the HTML report from computed figures; sum (this run's ingest) may be nil.
func Report(o Options, res *metrics.Results, sum *ingest.Summary, dataAsOf string) error {
	run := charts.RunInfo{ID: dataAsOf, AsOf: res.AsOf}
	var findings []domain.Finding
	if sum != nil {
		run.FilesRead, run.FilesRejected = sum.FilesNew, sum.FilesRejected
		run.FilesAccepted = sum.FilesNew - sum.FilesRejected
		run.ReportsAccepted, run.ReportsRejected = sum.ReportsAccepted, sum.ReportsRejected
		findings = sum.Findings
	}
	return charts.WriteReport(o.outputs().Report(), charts.Input{
		Results: res, Catalogue: o.Catalogue, Run: run, Findings: findings,
	})
}

// Export writes the Commission-facing tables from computed figures.
func Export(o Options, res *metrics.Results, dataAsOf string) ([]string, error) {
	// The workbooks are dated by the run whose data they reflect (its id starts with its start
	// time), so that a rerun on the same data writes the same bytes.
	at, _ := time.Parse("20060102T150405Z", dataAsOf[:min(len(dataAsOf), 16)])
	return export.Write(o.outputs().Root, res, o.Catalogue, export.Meta{
		CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), DataAsOf: dataAsOf, DataAsOfTime: at,
	})
}

// outputs is the layout the report, marts and exports go to: the output folder itself, or its
// as-of folder for a reproduction.
func (o Options) outputs() Layout {
	if o.AsOf.IsZero() {
		return Layout{o.Out}
	}
	return Layout{Layout{o.Out}.AsOfRoot(o.AsOf.UTC().Format("20060102T150405Z"))}
}

// DataAsOf is the id of the latest committed warehouse run started at or before t.
func DataAsOf(out string, t time.Time) (string, error) {
	return latestRunAt(Layout{out}.Warehouse(), t)
}

// NewRunID names a run by its start time in UTC, sortable; two runs started in the same second
// get a suffix.
func NewRunID(out string, t time.Time) string {
	lay := Layout{Root: out}
	base := t.Format("20060102T150405Z")
	id := base
	for i := 2; ; i++ {
		_, e1 := os.Stat(filepath.Join(lay.Runs(), id+".json"))
		_, e2 := os.Stat(warehouse.PartitionDir(lay.Warehouse(), warehouse.TableRuns, id))
		if os.IsNotExist(e1) && os.IsNotExist(e2) {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
}

// latestRunAt is the id of the latest committed warehouse run started at or before t: the data
// the figures reflect. Run ids are start times, so the comparison is on the id's time.
func latestRunAt(root string, t time.Time) (string, error) {
	runs, err := warehouse.CommittedRuns(root)
	if err != nil {
		return "", err
	}
	latest := ""
	for _, id := range runs {
		ts, err := time.Parse("20060102T150405Z", id[:min(len(id), 16)])
		if err == nil && !ts.After(t) {
			latest = id
		}
	}
	return latest, nil
}

func ingestRecord(s *ingest.Summary) IngestRecord {
	r := IngestRecord{
		FilesNew: s.FilesNew, FilesSkipped: s.FilesSkipped,
		ReportsAccepted: s.ReportsAccepted, ReportsRejected: s.ReportsRejected, WroteWarehouse: s.Wrote,
		Findings: s.Findings,
	}
	for _, f := range s.Files {
		r.Files = append(r.Files, FileRead{Path: f.Path, SHA256: f.SHA256, Outcome: f.Outcome})
	}
	for _, f := range s.Findings {
		if f.Severity == domain.SeverityError {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	return r
}

// outputsOf lists every file under the given paths with its SHA-256.
func outputsOf(paths []string) []OutputFile {
	var out []OutputFile
	for _, p := range paths {
		filepath.Walk(p, func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			out = append(out, OutputFile{Path: path, SHA256: fileSHA256(path)})
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func fileSHA256(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil))
}
