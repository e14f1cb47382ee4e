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
	// Wait makes a command wait while another command writes the output folder, instead of
	// being refused at once.
	Wait bool
	// KeepGenerations is how many generations of outputs are kept for rollback, the published
	// one included (DefaultKeepGenerations when 0).
	KeepGenerations int
	// Figures names a figures file (see WriteFigures): the report and export stages read their
	// figures from it instead of the published generation, and the transform stage writes them
	// there too. For benchmarks, which time each stage on the same figures.
	Figures string
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

// command is one command holding the output folder's lock: its options, its record (for run
// and ingest), the generation it is building, and what to do when a stage fails.
type command struct {
	ctx     context.Context
	o       Options
	lay     Layout
	log     io.Writer
	now     func() time.Time
	unlock  func()
	rec     *Record // nil for the commands that keep no record
	staging *staging
	// current is the stage running, for the message of an interrupted command; abandoned is
	// set when a stage did not stop in time and still runs in the background.
	current   string
	abandoned bool
}

// begin takes the output folder's lock and cleans what killed commands left there.
func begin(ctx context.Context, o Options, name string) (*command, error) {
	c := &command{ctx: ctx, o: o, lay: Layout{Root: o.Out}, log: o.Log, now: o.clock()}
	if c.log == nil {
		c.log = io.Discard
	}
	unlock, err := lockOut(ctx, c.lay, name, o.Wait, c.log)
	if err != nil {
		return nil, err
	}
	c.unlock = unlock
	if err := cleanLeftovers(c.lay, c.log); err != nil {
		unlock()
		return nil, err
	}
	if err := checkpoint("locked"); err != nil {
		unlock()
		return nil, err
	}
	return c, nil
}

func (c *command) end() { c.unlock() }

func (o Options) clock() func() time.Time {
	if o.Now != nil {
		return o.Now
	}
	if t := testNow(); !t.IsZero() {
		return func() time.Time { return t }
	}
	return time.Now
}

// stage runs one stage, timed and logged. A stage runs until it returns, or, once the command
// is told to stop, for stopGrace more (see untilStopped); a stage that succeeds after the stop
// still ends the command, as interrupted.
func (c *command) stage(name string, fn func() error) error {
	c.current = name
	t0 := time.Now()
	_, abandoned, err := untilStopped(c.ctx, func() (struct{}, error) { return struct{}{}, fn() })
	c.abandoned = c.abandoned || abandoned
	if c.rec != nil {
		c.rec.Stages = append(c.rec.Stages, StageTiming{Stage: name, Seconds: time.Since(t0).Seconds()})
	}
	if err == nil && c.ctx.Err() != nil {
		err = c.ctx.Err()
	}
	if err != nil {
		fmt.Fprintf(c.log, "%-9s failed after %.2fs: %v\n", name, time.Since(t0).Seconds(), err)
	} else {
		fmt.Fprintf(c.log, "%-9s %.2fs\n", name, time.Since(t0).Seconds())
	}
	return err
}

// fail ends a command that could not finish: its staging folder goes (unless a stage still
// writes into it), and its record, if it keeps one, says whether it failed or was interrupted.
func (c *command) fail(res *Result, err error) (*Result, error) {
	const op errs.Op = "pipeline.fail"
	if c.staging != nil && !c.abandoned {
		c.staging.discard()
	}
	if interrupted(c.ctx, err) {
		err = errs.E(op, errs.Path(c.lay.Root), errs.Interrupted, fmt.Sprintf(
			"stopped by a signal (SIGTERM or Ctrl-C) during %s: the published outputs are still those of the last command that finished; run the command again to finish", c.current))
	}
	if c.rec == nil {
		return res, err
	}
	c.rec.Status = StatusFailed
	if errs.Is(errs.Interrupted, err) {
		c.rec.Status = StatusInterrupted
	}
	c.rec.Error = err.Error()
	c.rec.FinishedAt = c.now().UTC()
	path, werr := c.rec.write(c.lay)
	if res == nil {
		res = &Result{}
	}
	res.Record, res.RecordPath = *c.rec, path
	if werr != nil {
		return res, errs.E(op, errs.Path(c.lay.Runs()), errs.IO, fmt.Errorf("%v (and the run record could not be written: %v)", err, werr))
	}
	return res, err
}

// Run ingests what is new in the inbox, recomputes the figures, and publishes a new generation
// of report, exports and marts. A failed or interrupted stage stops the run; the warehouse
// commits a run only when all its partitions are written, and the outputs change only when
// the whole generation is switched in, so the last good outputs stay in place.
func Run(ctx context.Context, o Options) (*Result, error) {
	const op errs.Op = "pipeline.Run"
	if o.Catalogue == nil || o.Inbox == "" || o.Out == "" {
		return nil, errs.E(op, errs.Config, "inbox, output folder and catalogue are required")
	}
	c, err := begin(ctx, o, "run")
	if err != nil {
		return nil, err
	}
	defer c.end()
	lay := c.lay
	started := c.now().UTC()
	c.rec = &Record{
		RunID: NewRunID(o.Out, started), Command: "run", StartedAt: started, Inbox: o.Inbox, Out: o.Out,
		CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), Status: StatusRunning,
	}
	rec := c.rec
	res := &Result{}

	// A stage's results are taken only once it has returned: one that did not stop in time
	// still runs, and must write nothing this goroutine reads.
	if o.AsOf.IsZero() {
		var sum *ingest.Summary
		if err := c.stage("ingest", func() (err error) {
			sum, err = ingestInto(ctx, o, rec.RunID, started)
			return err
		}); err != nil {
			return c.fail(res, err)
		}
		res.Summary = sum
		if err := checkpoint("ingested"); err != nil {
			return c.fail(res, err)
		}
		// Written at once: from here on the warehouse holds this run's data, and a crash must
		// not lose what it found.
		rec.Ingest = ingestRecord(res.Summary)
		if err := writeRunDetails(lay, rec, res.Summary); err != nil {
			return c.fail(res, err)
		}
		if _, err := rec.write(lay); err != nil {
			return c.fail(res, errs.E(op, errs.Path(lay.Runs()), errs.IO, err))
		}
		if err := checkpoint("recorded"); err != nil {
			return c.fail(res, err)
		}
	} else {
		res.Summary = &ingest.Summary{}
		fmt.Fprintf(c.log, "ingest    skipped: reproducing the state as of %s\n", o.AsOf.UTC().Format(time.RFC3339))
	}
	// Ingest's heap is garbage now, but Go returns it to the OS only slowly; DuckDB allocates
	// outside Go's heap, so without this the process would hold both at once.
	debug.FreeOSMemory()

	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	rec.AsOf = asOf
	dataAsOf, err := latestRunAt(lay.Warehouse(), asOf)
	if err != nil {
		return c.fail(res, err)
	}
	rec.DataAsOf = dataAsOf

	// What the new outputs report: for a live run, every run since what readers last saw.
	var g *Generation
	var findings []domain.Finding
	var prevDir outputDir
	if o.AsOf.IsZero() {
		var prev *Generation
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
		figures, stats, err = transformInto(ctx, o, st.dir, asOf, g.ChangesSince)
		if err == nil && stats.Mode == "incremental" {
			fmt.Fprintf(c.log, "transform incremental: %d projects recomputed\n", stats.Projects)
		} else if err == nil && stats.Reason != "" {
			fmt.Fprintf(c.log, "transform full: %s\n", stats.Reason)
		}
		if err == nil {
			err = WriteFigures(st.dir.Figures(), figures)
		}
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	res.Results, rec.Transform = figures, TransformRecord(stats)
	for _, cut := range res.Results.Cutoffs {
		rec.Cutoffs = append(rec.Cutoffs, cut.String())
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
		folders, err = writeExports(o, st.dir, figures, g.DataAsOf)
		if err == nil && o.Cutoff != nil && prevDir != "" {
			// A run of one cut-off leaves the transmissions of the others as they were.
			err = carryOtherExports(st, prevDir)
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
	rec.Outputs = outputsOf(written)
	rec.Status = StatusOK
	rec.FinishedAt = c.now().UTC()
	path, err := rec.write(lay)
	if err != nil {
		return nil, errs.E(op, errs.Path(lay.Runs()), errs.IO, err)
	}
	res.Record, res.RecordPath = *rec, path
	return res, nil
}

// IngestStage runs the ingest stage alone (`mittari ingest`): what is new in the inbox goes
// into the warehouse, committed when anything was written, and its record and findings are
// written beside the others. The next command that publishes reports them.
func IngestStage(ctx context.Context, o Options) (*Result, error) {
	const op errs.Op = "pipeline.IngestStage"
	if o.Catalogue == nil || o.Inbox == "" || o.Out == "" {
		return nil, errs.E(op, errs.Config, "inbox, output folder and catalogue are required")
	}
	c, err := begin(ctx, o, "ingest")
	if err != nil {
		return nil, err
	}
	defer c.end()
	started := c.now().UTC()
	c.rec = &Record{
		RunID: NewRunID(o.Out, started), Command: "ingest", StartedAt: started, AsOf: started, Inbox: o.Inbox,
		Out: o.Out, CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), Status: StatusRunning,
	}
	res := &Result{}
	var sum *ingest.Summary
	if err := c.stage("ingest", func() (err error) {
		sum, err = ingestInto(ctx, o, c.rec.RunID, started)
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	res.Summary = sum
	if err := checkpoint("ingested"); err != nil {
		return c.fail(res, err)
	}
	c.rec.Ingest = ingestRecord(res.Summary)
	if err := writeRunDetails(c.lay, c.rec, res.Summary); err != nil {
		return c.fail(res, err)
	}
	c.rec.DataAsOf, err = latestRunAt(c.lay.Warehouse(), started)
	if err != nil {
		return c.fail(res, err)
	}
	c.rec.Status, c.rec.FinishedAt = StatusOK, c.now().UTC()
	path, err := c.rec.write(c.lay)
	if err != nil {
		return nil, errs.E(op, errs.Path(c.lay.Runs()), errs.IO, err)
	}
	res.Record, res.RecordPath = *c.rec, path
	return res, nil
}

// TransformStage runs the transform stage alone (`mittari transform`): it computes the figures
// from the warehouse as of now and publishes them and the marts as a new generation, carrying
// the report and exports over from the published one (`mittari export` and `mittari report`
// remake those from the new figures).
func TransformStage(ctx context.Context, o Options) (*Result, error) {
	c, err := begin(ctx, o, "transform")
	if err != nil {
		return nil, err
	}
	defer c.end()
	asOf := c.now().UTC()
	dataAsOf, err := latestRunAt(c.lay.Warehouse(), asOf)
	if err != nil {
		return c.fail(nil, err)
	}
	prev, prevDir, err := lastPublished(c.lay)
	if err != nil {
		return c.fail(nil, err)
	}
	g, _, err := describe(c.lay, prev, dataAsOf, nil, true)
	if err != nil {
		return c.fail(nil, err)
	}
	if c.staging, err = newStaging(c.lay, asOf); err != nil {
		return c.fail(nil, err)
	}
	st := c.staging
	res := &Result{}
	var figures *metrics.Results
	var stats transform.Stats
	if err := c.stage("transform", func() (err error) {
		figures, stats, err = transformInto(ctx, o, st.dir, asOf, g.ChangesSince)
		if err == nil {
			err = WriteFigures(st.dir.Figures(), figures)
		}
		if err == nil && o.Figures != "" {
			err = WriteFigures(o.Figures, figures)
		}
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	res.Results, res.Record.Transform = figures, TransformRecord(stats)
	return c.publishStage(res, "transform", g, prev, prevDir, []string{partFigures, partMarts})
}

// ReportStage runs the report stage alone (`mittari report`): the report is made again from
// the published figures (or those of o.Figures) and published with the rest carried over.
func ReportStage(ctx context.Context, o Options) (*Result, error) {
	return formatStage(ctx, o, "report", partReport, func(c *command, st *staging, res *Result, g *Generation, findings []domain.Finding) error {
		return c.stage("charts", func() error { return writeReport(o, st.dir, res.Results, g, findings) })
	})
}

// ExportStage runs the export stage alone (`mittari export`): the Commission tables are made
// again from the published figures (or those of o.Figures) and published with the rest
// carried over.
func ExportStage(ctx context.Context, o Options) (*Result, error) {
	return formatStage(ctx, o, "export", partExports, func(c *command, st *staging, res *Result, g *Generation, _ []domain.Finding) error {
		var folders []string
		err := c.stage("exports", func() (err error) {
			folders, err = writeExports(o, st.dir, res.Results, g.DataAsOf)
			return err
		})
		res.Exports = folders
		return err
	})
}

// formatStage is the shape of the report and export stages: figures in, one part made, a
// generation published with the other parts carried over.
func formatStage(ctx context.Context, o Options, name, part string,
	make func(c *command, st *staging, res *Result, g *Generation, findings []domain.Finding) error) (*Result, error) {
	const op errs.Op = "pipeline.formatStage"
	c, err := begin(ctx, o, name)
	if err != nil {
		return nil, err
	}
	defer c.end()
	prev, prevDir, err := published(c.lay)
	if err != nil {
		return c.fail(nil, err)
	}
	res := &Result{}
	var dataAsOf string
	switch {
	case o.Figures != "":
		if res.Results, err = ReadFigures(o.Figures); err == nil {
			dataAsOf, err = latestRunAt(c.lay.Warehouse(), res.Results.AsOf)
		}
	case prev == nil:
		err = errs.E(op, errs.Path(o.Out), errs.NotFound,
			"no figures have been published in this output folder yet: run `mittari run`, or `mittari transform`, first")
	default:
		res.Results, err = ReadFigures(prevDir.Figures())
		dataAsOf = prev.DataAsOf
	}
	if err != nil {
		return c.fail(nil, err)
	}
	g, findings, err := describe(c.lay, prev, dataAsOf, nil, true)
	if err != nil {
		return c.fail(nil, err)
	}
	if c.staging, err = newStaging(c.lay, c.now()); err != nil {
		return c.fail(nil, err)
	}
	made := []string{part}
	if o.Figures != "" {
		if err := WriteFigures(c.staging.dir.Figures(), res.Results); err != nil {
			return c.fail(nil, err)
		}
		made = append(made, partFigures)
	}
	if err := make(c, c.staging, res, g, findings); err != nil {
		return c.fail(res, err)
	}
	return c.publishStage(res, name, g, prev, prevDir, made)
}

// publishStage publishes the generation a stage command built: the parts it made are its own,
// the others are carried over from the published generation.
func (c *command) publishStage(res *Result, name string, g *Generation, prev *Generation, prevDir outputDir, made []string) (*Result, error) {
	st := c.staging
	g.Command, g.AsOf, g.PublishedAt = name, res.Results.AsOf, c.now().UTC()
	g.Parts = map[string]string{}
	for _, part := range made {
		g.Parts[part] = st.id
	}
	for _, part := range []string{partFigures, partMarts, partReport, partExports} {
		if g.Parts[part] != "" || prevDir == "" {
			continue
		}
		if err := st.carry(prevDir, part); err != nil {
			return c.fail(res, err)
		}
		if _, err := os.Stat(filepath.Join(string(st.dir), part)); err == nil {
			g.Parts[part] = prev.ID
			if from := prev.Parts[part]; from != "" {
				g.Parts[part] = from
			}
		}
	}
	if err := c.stage("publish", func() error { return st.publish(g, c.o.KeepGenerations) }); err != nil {
		return c.fail(res, err)
	}
	c.staging = nil
	res.Report, res.ExportsDir, res.Exports = st.readerPaths(res.Exports)
	res.Generation = g
	return res, nil
}

// describe makes the description of a new generation whose figures reflect warehouse run
// dataAsOf, published after prev (nil when nothing was): which runs its report shows, their
// counts, and their findings. Those are the runs committed after what prev reflects, up to
// dataAsOf (a run that crashed before it published among them), and self, the run publishing
// (which may have committed nothing). A stage command that remakes a part from the data prev
// was made from (rebuild) reports what prev reported, so that `transform`, `export` and
// `report` after a `run` give the run's outputs byte for byte.
func describe(lay Layout, prev *Generation, dataAsOf string, self *Record, rebuild bool) (*Generation, []domain.Finding, error) {
	g := &Generation{DataAsOf: dataAsOf}
	inherit := rebuild && prev != nil && prev.ID != "" && prev.DataAsOf == dataAsOf
	if inherit {
		g.ChangesSince, g.Runs = prev.ChangesSince, prev.Runs
		g.Ingest, g.FindingsMissing = prev.Ingest, prev.FindingsMissing
	} else {
		if prev != nil {
			g.ChangesSince = prev.DataAsOf
		}
		committed, err := warehouse.CommittedRuns(lay.Warehouse())
		if err != nil {
			return nil, nil, err
		}
		for _, id := range committed {
			if id > g.ChangesSince && id <= dataAsOf {
				g.Runs = append(g.Runs, id)
			}
		}
		if self != nil && !slices.Contains(g.Runs, self.RunID) {
			g.Runs = append(g.Runs, self.RunID)
		}
	}
	var findings []domain.Finding
	for _, id := range g.Runs {
		if !inherit {
			r := self
			if r == nil || r.RunID != id {
				r, _ = readRecord(lay, id)
			}
			if r != nil {
				g.Ingest.add(r.Ingest)
			}
		}
		fs, ok, err := findingsOf(lay, id)
		if err != nil {
			return nil, nil, err
		}
		if !ok && !inherit {
			g.FindingsMissing = append(g.FindingsMissing, id)
		}
		findings = append(findings, fs...)
	}
	return g, findings, nil
}

func (s *IngestRecord) add(r IngestRecord) {
	s.FilesSeen += r.FilesSeen
	s.FilesNew += r.FilesNew
	s.FilesSkipped += r.FilesSkipped
	s.FilesRejected += r.FilesRejected
	s.ReportsAccepted += r.ReportsAccepted
	s.ReportsRejected += r.ReportsRejected
	s.ReportsIgnored += r.ReportsIgnored
	s.ReportsDuplicate += r.ReportsDuplicate
	s.Errors += r.Errors
	s.Warnings += r.Warnings
	s.WroteWarehouse = s.WroteWarehouse || r.WroteWarehouse
}

// ingestInto runs ingest: what is new in o.Inbox goes into the warehouse under runID,
// committed when anything was written.
func ingestInto(ctx context.Context, o Options, runID string, now time.Time) (*ingest.Summary, error) {
	return ingest.Run(ctx, ingest.Options{
		Inbox: o.Inbox, Warehouse: Layout{o.Out}.Warehouse(), RunID: runID, Now: now,
		Catalogue: o.Catalogue, TargetFactor: o.TargetFactor, CodeVersion: CodeVersion(),
	})
}

// transformInto computes the figures over the warehouse, as known at asOf, and writes the
// marts into dir. A run of the default cut-offs as of now uses and keeps the transform's cache
// (Layout.Cache); a reproduction (o.AsOf) or a single cut-off computes in full without it.
func transformInto(ctx context.Context, o Options, dir outputDir, asOf time.Time, changesSince string) (*metrics.Results, transform.Stats, error) {
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
	res, err := transform.Run(ctx, to)
	return res, st, err
}

// writeReport writes the HTML report of figures res into dir, with the findings and counts of
// the runs g reports.
func writeReport(o Options, dir outputDir, res *metrics.Results, g *Generation, findings []domain.Finding) error {
	in := g.Ingest
	return charts.WriteReport(dir.Report(), charts.Input{
		Results: res, Catalogue: o.Catalogue, Findings: findings,
		Run: charts.RunInfo{ID: g.DataAsOf, AsOf: res.AsOf,
			FilesRead: in.FilesNew, FilesRejected: in.FilesRejected, FilesAccepted: in.FilesNew - in.FilesRejected,
			ReportsAccepted: in.ReportsAccepted, ReportsRejected: in.ReportsRejected},
	})
}

// writeExports writes the Commission-facing tables of figures res into dir.
func writeExports(o Options, dir outputDir, res *metrics.Results, dataAsOf string) ([]string, error) {
	return export.Write(string(dir), res, o.Catalogue, export.Meta{
		CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), DataAsOf: dataAsOf,
	})
}

// carryOtherExports carries over from prev the export folders (exports/<kind>/<version>) the
// staged generation has not written.
func carryOtherExports(st *staging, prev outputDir) error {
	dirs, err := filepath.Glob(filepath.Join(prev.Exports(), "*", "*"))
	if err != nil {
		return err
	}
	for _, d := range dirs {
		rel, _ := filepath.Rel(string(prev), d)
		if _, err := os.Stat(filepath.Join(string(st.dir), rel)); err == nil {
			continue
		}
		if err := st.carry(prev, rel); err != nil {
			return err
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
		_, e1 := os.Stat(lay.Record(id))
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
		FilesSeen: s.FilesSeen, FilesNew: s.FilesNew, FilesSkipped: s.FilesSkipped, FilesRejected: s.FilesRejected,
		ReportsAccepted: s.ReportsAccepted, ReportsRejected: s.ReportsRejected, ReportsIgnored: s.ReportsIgnored,
		ReportsDuplicate: s.ReportsDuplicate, WroteWarehouse: s.Wrote,
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
