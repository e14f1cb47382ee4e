package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/charts"
	"mittari/domain"
	"mittari/export"
	"mittari/ingest"
	"mittari/internal/errs"
	"mittari/internal/trace"
	"mittari/marts"
	"mittari/metrics"
	"mittari/transform"
	"mittari/warehouse"
)

// Options configure one run of the whole pipeline, or of one stage.
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
	// Now is the clock; tests pin it. Nil means time.Now (or MITTARI_TEST_NOW, see testhook.go).
	Now func() time.Time
	// Log receives what the pipeline has to say beyond its stages (OnStage): a wait for the
	// lock, leftovers cleaned, how the transform computed; nil discards it.
	Log *slog.Logger
	// TargetFactor is ingest's threshold for "far above the project's target" (1.5 when 0).
	TargetFactor float64
	// DuckDB resources for transform (defaults there).
	Threads     int
	MemoryLimit string
	// Full makes the transform compute everything instead of only the projects that received
	// reports since its cache was written (the cache is then rewritten).
	Full bool
	// Wait makes a command wait while another command writes the output folder, instead of
	// being refused at once.
	Wait bool
	// KeepGenerations is how many generations of outputs are kept for rollback, the published
	// one included (DefaultKeepGenerations when 0).
	KeepGenerations int
	// Figures names a figures file (see writeFigures): the report and export stages read their
	// figures from it instead of the published generation, and the transform stage writes them
	// there too. For benchmarks, which time each stage on the same figures.
	Figures string
	// OnStage, when set, is told when each stage starts and finishes.
	OnStage func(StageEvent)
	// Demo says the inbox is the embedded demo inbox: the report labels every page as demo data.
	Demo bool
	// AcceptRegisterShrink lets ingest take in a register that lacks more than a tenth of the
	// projects in force (ingest.Options.AcceptRegisterShrink).
	AcceptRegisterShrink bool
	// AroundIngest, when set, is called as the ingest stage starts, and the function it returns
	// as it ends: the command sets the process's memory settings for ingest there.
	AroundIngest func() (restore func())
}

// Result is what a command produced, for the command line to print.
type Result struct {
	// Record is the run record of run and ingest (RecordPath empty for the other stages).
	Record     Record
	RecordPath string
	Summary    *ingest.Summary
	Results    *metrics.Results
	// Report and ExportsDir are where readers find the report and the exports (through the
	// published generation, or under out/as-of/... for a reproduction); Exports lists the
	// folders this command wrote, by the same paths.
	Report     string
	ExportsDir string
	Exports    []string
	// Generation is what the command published (nil for ingest and reproductions): which
	// runs its report shows, with their counts of files, reports and findings.
	Generation *Generation
}

// Run ingests what is new in the inbox, recomputes the figures, and publishes a new generation
// of report, exports and marts. A failed or interrupted stage stops the run; the warehouse
// commits a run only when all its partitions are written, and the outputs change only when
// the whole generation is switched in, so the last good outputs stay in place.
func Run(ctx context.Context, o Options) (*Result, error) {
	const op errs.Op = "pipeline.Run"
	at := o.AsOf
	if at.IsZero() {
		at = o.clock()()
	}
	if err := o.checkCutoff(at); err != nil {
		return nil, err
	}
	c, err := beginRun(ctx, o, "run")
	if err != nil {
		return nil, err
	}
	defer c.end()
	lay, rec, started := c.lay, c.rec, c.rec.StartedAt
	res := &Result{}

	// A stage's results are taken only once it has returned: one that did not stop in time
	// still runs, and must write nothing this goroutine reads.
	if o.AsOf.IsZero() {
		if err := c.ingest(res); err != nil {
			return c.fail(res, err)
		}
		// The record too, at once (status "running"), so that a crash leaves one.
		if _, err := rec.write(lay); err != nil {
			return c.fail(res, errs.E(op, errs.Path(lay.Runs()), errs.IO, err))
		}
		if err := checkpoint("recorded"); err != nil {
			return c.fail(res, err)
		}
	} else {
		res.Summary = &ingest.Summary{}
		c.log.Info("ingest skipped: reproducing the state of an earlier moment", "as_of", o.AsOf.UTC().Format(time.RFC3339))
	}
	// Ingest's heap is garbage now, but Go returns it to the OS only slowly; DuckDB allocates
	// outside Go's heap, so without this the process would hold both at once.
	debug.FreeOSMemory()

	asOf := rec.AsOf
	dataAsOf, err := latestRunAt(lay.Warehouse(), asOf)
	if err != nil {
		return c.fail(res, err)
	}
	rec.DataAsOf = dataAsOf

	// What the new outputs report: for a live run, every run since what readers last saw.
	var g, prev *Generation
	var findings []domain.Finding
	var prevDir outputDir
	if o.AsOf.IsZero() {
		if prev, prevDir, err = lastPublished(lay); err == nil {
			g, findings, err = describe(lay, prev, dataAsOf, rec, false)
		}
		if err != nil {
			return c.fail(res, err)
		}
		c.staging, err = newStaging(lay, started)
	} else {
		g = &Generation{DataAsOf: dataAsOf}
		c.staging, err = newAsOfStaging(lay, o.AsOf)
	}
	if err != nil {
		return c.fail(res, err)
	}
	st := c.staging

	var figures *metrics.Results
	var stats transform.Stats
	if err := c.stage("transform", func() (err error) {
		// Inside the stage, for the test of a stage stuck in a system call.
		if err := checkpoint("transforming"); err != nil {
			return err
		}
		figures, stats, err = transformInto(ctx, o, st.dir, asOf, g.ChangesSince, prev, prevDir)
		if err == nil && stats.Mode == "incremental" {
			c.log.Info("transform incremental", "projects_recomputed", stats.Projects)
		} else if err == nil && stats.Reason != "" {
			c.log.Info("transform full", "reason", stats.Reason)
		}
		if err == nil {
			done := trace.Start("pipeline: step", "figures written")
			err = writeFigures(st.dir.Figures(), figures)
			done()
		}
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	g.MartDigests = stats.Marts
	res.Results, rec.Transform = figures, transformRecord(stats)
	rec.Presend = presendRecord(figures)
	for _, cut := range res.Results.Cutoffs {
		rec.Cutoffs = append(rec.Cutoffs, cut.String())
		rec.Versions = append(rec.Versions, cut.Version())
	}
	if err := checkpoint("transformed"); err != nil {
		return c.fail(res, err)
	}

	if err := c.stage("charts", func() error {
		return writeReport(o, st.dir, figures, g, findings)
	}); err != nil {
		return c.fail(res, err)
	}
	if err := checkpoint("charted"); err != nil {
		return c.fail(res, err)
	}

	var folders []string
	if err := c.stage("exports", func() (err error) {
		carry := exportCarry(prev, prevDir)
		folders, err = writeExports(o, st.dir, st.dir.Marts(), figures, g.DataAsOf, carry)
		g.ExportInputs = carry.Made()
		if err == nil && o.Cutoff != nil && prevDir != "" {
			// A run of one cut-off leaves the transmissions of the others as they were.
			err = carryOtherExports(st, prevDir, prev, g)
			if err == nil {
				// What was carried may be named as an earlier Mittari named it.
				err = export.RemoveStale(string(st.dir))
			}
		}
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	res.Exports = folders
	if err := checkpoint("exported"); err != nil {
		return c.fail(res, err)
	}

	g.Command, g.RunID, g.AsOf, g.PublishedAt = "run", rec.RunID, res.Results.AsOf, c.now().UTC()
	g.Demo = o.Demo
	g.Parts = map[string]string{partFigures: st.id, partMarts: st.id, partReport: st.id, partExports: st.id}
	if err := c.stage("publish", func() error { return st.publish(g, o.KeepGenerations) }); err != nil {
		return c.fail(res, err)
	}
	c.staging = nil
	res.Report, res.ExportsDir, res.Exports = st.readerPaths(res.Exports)
	if err := checkpoint("published"); err != nil {
		return c.fail(res, err)
	}
	if o.AsOf.IsZero() {
		rec.Published, res.Generation = g, g
	}

	written := []string{string(st.dir)}
	for _, table := range warehouse.Tables {
		written = append(written, warehouse.PartitionDir(lay.Warehouse(), table, rec.RunID))
	}
	done := trace.Start("pipeline: step", "outputs listed")
	rec.Outputs = outputsOf(written)
	done()
	rec.Status = StatusOK
	rec.FinishedAt = c.now().UTC()
	path, err := rec.write(lay)
	if err != nil {
		return nil, errs.E(op, errs.Path(lay.Runs()), errs.IO, err)
	}
	res.Record, res.RecordPath = *rec, path
	return res, nil
}

// ingestInto runs ingest: what is new in o.Inbox goes into the warehouse under runID,
// committed when anything was written.
func ingestInto(ctx context.Context, o Options, runID string, now time.Time) (*ingest.Summary, error) {
	if o.AroundIngest != nil {
		defer o.AroundIngest()()
	}
	return ingest.Run(ctx, ingest.Options{
		Inbox: o.Inbox, Warehouse: Layout{o.Out}.Warehouse(), RunID: runID, Now: now,
		Catalogue: o.Catalogue, TargetFactor: o.TargetFactor, CodeVersion: CodeVersion(),
		AcceptRegisterShrink: o.AcceptRegisterShrink,
	})
}

// transformInto computes the figures over the warehouse, as known at asOf, and writes the
// marts into dir, taking over from the generation prev published in prevDir (if any) the marts
// whose content did not change. A run of the default cut-offs as of now uses and keeps the
// transform's cache (Layout.Cache); a reproduction (o.AsOf) or a single cut-off computes in
// full without it.
func transformInto(ctx context.Context, o Options, dir outputDir, asOf time.Time, changesSince string, prev *Generation, prevDir outputDir) (*metrics.Results, transform.Stats, error) {
	var cutoffs []domain.Cutoff
	if o.Cutoff != nil {
		cutoffs = []domain.Cutoff{*o.Cutoff}
	}
	lay := Layout{o.Out}
	var st transform.Stats
	to := transform.Options{
		Warehouse: lay.Warehouse(), Catalogue: o.Catalogue, AsOf: asOf, Cutoffs: cutoffs,
		MartsDir: dir.Marts(), Threads: o.Threads, MemoryLimit: o.MemoryLimit, TempDir: lay.Tmp(),
		Full: o.Full, Stats: &st, ChangesSince: changesSince,
	}
	if o.AsOf.IsZero() && o.Cutoff == nil {
		to.Cache = lay.Cache()
	}
	if prev != nil && prevDir != "" {
		to.MartsFrom, to.MartDigests = prevDir.Marts(), prev.MartDigests
	}
	var err error
	if to.Sent, err = sentInputs(lay, o.AsOf); err != nil {
		return nil, st, err
	}
	res, err := transform.Run(ctx, to)
	return res, st, err
}

// writeReport writes the report site of figures res into dir, with the findings and counts of
// the runs g reports.
func writeReport(o Options, dir outputDir, res *metrics.Results, g *Generation, findings []domain.Finding) error {
	in := g.Ingest
	return charts.WriteSite(filepath.Dir(dir.Report()), charts.Input{
		Results: res, Catalogue: o.Catalogue, Findings: findings, Demo: o.Demo || g.Demo,
		Run: charts.RunInfo{ID: g.DataAsOf, AsOf: res.AsOf, NewData: slices.Contains(g.Runs, g.DataAsOf),
			FilesRead: in.FilesNew, FilesRejected: in.FilesRejected, FilesAccepted: in.FilesNew - in.FilesRejected,
			ReportsAccepted: in.ReportsAccepted, ReportsRejected: in.ReportsRejected},
	})
}

// writeExports writes the Commission-facing tables of figures res into dir; the list of
// operations comes from the marts folder martsDir that the same transform wrote. The workbooks
// are dated by the run whose data they reflect, so that a rerun on the same data writes the
// same bytes. What the published outputs hold from the same inputs is taken over (carry).
func writeExports(o Options, dir outputDir, martsDir string, res *metrics.Results, dataAsOf string, carry *export.Carry) ([]string, error) {
	at, _ := warehouse.RunTime(dataAsOf)
	return export.Write(string(dir), res, o.Catalogue, export.Meta{
		CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), DataAsOf: dataAsOf, DataAsOfTime: at,
		Operations: marts.Operations{Dir: martsDir}, Carry: carry,
	})
}

// exportCarry is what an export may take over from the generation prev published in prevDir
// (nothing when none was).
func exportCarry(prev *Generation, prevDir outputDir) *export.Carry {
	if prev == nil || prevDir == "" {
		return &export.Carry{}
	}
	return &export.Carry{From: string(prevDir), Inputs: prev.ExportInputs}
}

// carryOtherExports carries over from prevDir the export folders (exports/<kind>/<version>) the
// staged generation has not written, with the inputs prev recorded for them.
func carryOtherExports(st *staging, prevDir outputDir, prev *Generation, g *Generation) error {
	dirs, err := filepath.Glob(filepath.Join(prevDir.Exports(), "*", "*"))
	if err != nil {
		return err
	}
	for _, d := range dirs {
		rel, _ := filepath.Rel(string(prevDir), d)
		if _, err := os.Stat(filepath.Join(string(st.dir), rel)); err == nil {
			continue
		}
		if err := st.carry(prevDir, rel); err != nil {
			return err
		}
		prefix := filepath.ToSlash(rel) + "/"
		for path, digest := range prev.ExportInputs {
			if strings.HasPrefix(path, prefix) {
				if g.ExportInputs == nil {
					g.ExportInputs = map[string]string{}
				}
				g.ExportInputs[path] = digest
			}
		}
	}
	return nil
}

// readerPaths are the report, the exports folder and the given export folders of the staged
// generation, by the paths readers use once it is published.
func (s *staging) readerPaths(exports []string) (report, exportsDir string, folders []string) {
	base := outputDir(s.lay.Root)
	if s.final != "" {
		base = outputDir(s.final)
	}
	for _, e := range exports {
		rel, err := filepath.Rel(string(s.built), e)
		if err != nil || strings.HasPrefix(rel, "..") {
			folders = append(folders, e)
			continue
		}
		folders = append(folders, filepath.Join(string(base), rel))
	}
	return base.Report(), base.Exports(), folders
}

// newRunID names a run by its start time (warehouse.NewRunID), never the id of a run record
// already written.
func newRunID(out string, t time.Time) string {
	lay := Layout{Root: out}
	return warehouse.NewRunID(lay.Warehouse(), t, func(id string) bool {
		_, err := os.Stat(lay.Record(id))
		return !os.IsNotExist(err)
	})
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
		if at, ok := warehouse.RunTime(id); ok && !at.After(t) {
			latest = id
		}
	}
	return latest, nil
}

func ingestRecord(s *ingest.Summary) IngestRecord {
	r := IngestRecord{
		FilesSeen: s.FilesSeen, FilesNew: s.FilesNew, FilesSkipped: s.FilesSkipped, FilesRejected: s.FilesRejected,
		ReportsAccepted: s.ReportsAccepted, ReportsRejected: s.ReportsRejected, ReportsIgnored: s.ReportsIgnored,
		ReportsDuplicate: s.ReportsDuplicate, WroteWarehouse: s.Wrote, Errors: s.Errors, Warnings: s.Warnings,
	}
	return r
}

// outputsOf lists every file under the given paths with its SHA-256. An export folder's
// manifest gives the sums of its files (computed as they were written), which are not read again:
// the list of operations grows with the programme.
func outputsOf(paths []string) []OutputFile {
	var out []OutputFile
	manifests := map[string]map[string]string{}
	for _, p := range paths {
		filepath.Walk(p, func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			dir := filepath.Dir(path)
			sums, ok := manifests[dir]
			if !ok {
				sums = export.ManifestDigests(dir)
				manifests[dir] = sums
			}
			sum := sums[filepath.Base(path)]
			if sum == "" {
				sum = fileSHA256(path)
			}
			out = append(out, OutputFile{Path: path, SHA256: sum})
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
