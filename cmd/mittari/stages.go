package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/pipeline"
	"mittari/transform"
)

// The stage commands run one stage of `run` alone, each in its own process: an operator can
// redo the report or the exports without re-ingesting, and the benchmarks measure each stage's
// time and peak memory separately. Each takes the output folder's lock like `run`. transform
// publishes its figures (figures.json) and marts as a new generation; report and export read
// the published figures and publish a generation with their part remade (see pipeline).

func init() {
	commands["ingest"] = command{synopsis: "--inbox DIR [--out DIR] [flags]",
		summary: "stage 1 alone: take what is new in the inbox into the warehouse", run: runIngestStage}
	commands["transform"] = command{synopsis: "[--out DIR] [--results FILE] [flags]",
		summary: "stage 2 alone: compute the figures from the warehouse and publish them with the marts", run: runTransformStage}
	commands["report"] = command{synopsis: "[--out DIR] [--results FILE] [flags]",
		summary: "stage 3 alone: write the HTML report again from the published figures", run: runReportStage}
	commands["export"] = command{synopsis: "[--out DIR] [--results FILE] [flags]",
		summary: "stage 4 alone: write the Commission tables again from the published figures", run: runExportStage}
}

// stageFlags are the flags the stage commands share; results is nil for ingest, which has no
// figures to save or read.
type stageFlags struct {
	fs         *flag.FlagSet
	out        *string
	wait       *bool
	results    *string
	cpuprofile *string
}

func newStageFlags(name, resultsUsage string) stageFlags {
	fs := newFlags(name)
	sf := stageFlags{
		fs:         fs,
		out:        fs.String("out", "out", "output `DIR` (the warehouse is read and written there)"),
		wait:       fs.Bool("wait", false, "if another mittari command is writing the output folder, wait for it to finish instead of stopping"),
		cpuprofile: fs.String("cpuprofile", "", "write a CPU profile (pprof) of the stage to `FILE`"),
	}
	if resultsUsage != "" {
		sf.results = fs.String("results", "", resultsUsage)
	}
	return sf
}

// profile starts a CPU profile when asked and returns the function that stops it.
func (sf stageFlags) profile() func() {
	if *sf.cpuprofile == "" {
		return func() {}
	}
	f, err := os.Create(*sf.cpuprofile)
	if err != nil {
		slog.Warn("no CPU profile: --cpuprofile " + *sf.cpuprofile + ": " + err.Error())
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		slog.Warn("no CPU profile: " + err.Error())
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func (sf stageFlags) parse(args []string, stdout, stderr io.Writer) (ok bool, status int) {
	if ok, st := parseFlags(sf.fs, args, stdout, stderr); !ok {
		return false, st
	}
	if ok, st := noArgs(sf.fs, stderr); !ok {
		return false, st
	}
	if err := checkOut(*sf.out); err != nil {
		return false, fail(stderr, sf.fs.Name(), err)
	}
	return true, exitOK
}

// options are the pipeline's options for a stage command: the output folder, the catalogue,
// whether to wait for the lock, and the figures file if one was named.
func (sf stageFlags) options() (pipeline.Options, error) {
	cat, err := catalogue.Default()
	if err != nil {
		return pipeline.Options{}, err
	}
	o := pipeline.Options{Out: *sf.out, Catalogue: cat, Wait: *sf.wait, Log: slog.Default()}
	if sf.results != nil {
		o.Figures = *sf.results
	}
	return o, nil
}

// timed logs a stage command's stage as run logs its stages (and draws the progress bar).
func timed(out, stage string, fn func() error) error {
	hook := logStages(slog.Default(), out)
	t0 := time.Now()
	hook(pipeline.StageEvent{Stage: stage})
	err := fn()
	hook(pipeline.StageEvent{Stage: stage, Done: true, Took: time.Since(t0), Err: err})
	return err
}

func runIngestStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("ingest", "")
	inbox := sf.fs.String("inbox", "", "inbox `DIR` (projects.csv, project_targets.csv, reports/)")
	shrink := sf.fs.Bool("accept-register-shrink", false, "take in a projects.csv that lacks more than a tenth of the projects in force (refused otherwise, as a file cut short)")
	if ok, st := sf.parse(args, stdout, stderr); !ok {
		return st
	}
	if *inbox == "" {
		return usageError(stderr, "ingest", "--inbox is required", "give the inbox folder: `mittari ingest --inbox DIR --out DIR`")
	}
	if err := checkInbox(*inbox); err != nil {
		return fail(stderr, "ingest", err)
	}
	o, err := sf.options()
	if err != nil {
		return fail(stderr, "ingest", err)
	}
	o.Inbox, o.AcceptRegisterShrink = *inbox, *shrink
	o.AroundIngest = ingestMemorySettings
	defer sf.profile()()
	var res *pipeline.Result
	err = timed(o.Out, "ingest", func() (err error) {
		res, err = pipeline.IngestStage(ctx, o)
		return err
	})
	if err != nil {
		return fail(stderr, "ingest", err)
	}
	s := res.Summary
	fmt.Fprintf(stdout, "files: %d new, %d skipped, %d rejected; reports: %d accepted, %d rejected\n",
		s.FilesNew, s.FilesSkipped, s.FilesRejected, s.ReportsAccepted, s.ReportsRejected)
	fmt.Fprintln(stdout, "run record:", res.RecordPath)
	if rejected(s) {
		return exitRejected
	}
	return exitOK
}

func runTransformStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("transform", "also write the figures to `FILE` (for `mittari report` and `mittari export --results FILE`)")
	cutoff := sf.fs.String("cutoff", "", "compute only this cut-off, one that has passed (`YYYY-MM-DD`)")
	full := sf.fs.Bool("full", false, "compute every project, not only those that received reports since the transform's cache was written")
	threads := sf.fs.Int("threads", transform.DefaultThreads, "DuckDB threads")
	mem := sf.fs.String("memory-limit", transform.DefaultMemoryLimit, "DuckDB memory `LIMIT`")
	if ok, st := sf.parse(args, stdout, stderr); !ok {
		return st
	}
	if *threads < 1 {
		return usageError(stderr, "transform", fmt.Sprintf("--threads %d: expected 1 or more", *threads), "")
	}
	if err := checkMemoryLimit(*mem); err != nil {
		return fail(stderr, "transform", err)
	}
	var c *domain.Cutoff
	if *cutoff != "" {
		parsed, err := domain.ParseCutoff(*cutoff)
		if err == nil {
			err = pipeline.CheckCutoffPassed(parsed, time.Now())
		}
		if err != nil {
			return usageError(stderr, "transform", "--cutoff: "+err.Error(), "")
		}
		c = &parsed
	}
	if err := checkWarehouse("transform", *sf.out); err != nil {
		return fail(stderr, "transform", err)
	}
	o, err := sf.options()
	if err != nil {
		return fail(stderr, "transform", err)
	}
	o.Cutoff, o.Threads, o.MemoryLimit, o.Full = c, *threads, *mem, *full
	stop := sf.profile()
	var res *pipeline.Result
	err = timed(o.Out, "transform", func() (err error) {
		res, err = pipeline.TransformStage(ctx, o)
		return err
	})
	stop()
	if err != nil {
		return fail(stderr, "transform", err)
	}
	r := res.Results
	fmt.Fprintf(stdout, "%d cut-offs, %d indicator rows, %d financial rows\n", len(r.Cutoffs), len(r.Indicators), len(r.Financial))
	return exitOK
}

// formatStage is the shape of report and export: figures in, one part of the outputs out.
func formatStage(name string, ctx context.Context, args []string, stdout, stderr io.Writer,
	do func(context.Context, pipeline.Options) (*pipeline.Result, error), say func(*pipeline.Result)) int {
	sf := newStageFlags(name, "read the figures from `FILE` (written by `mittari transform --results FILE`) instead of the published ones")
	if ok, st := sf.parse(args, stdout, stderr); !ok {
		return st
	}
	if err := checkWarehouse(name, *sf.out); err != nil {
		return fail(stderr, name, err)
	}
	o, err := sf.options()
	if err != nil {
		return fail(stderr, name, err)
	}
	defer sf.profile()()
	var res *pipeline.Result
	err = timed(o.Out, name, func() (err error) {
		res, err = do(ctx, o)
		return err
	})
	if err != nil {
		return fail(stderr, name, err)
	}
	say(res)
	return exitOK
}

func runReportStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return formatStage("report", ctx, args, stdout, stderr, pipeline.ReportStage, func(res *pipeline.Result) {
		fmt.Fprintln(stdout, "report:", res.Report)
	})
}

func runExportStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return formatStage("export", ctx, args, stdout, stderr, pipeline.ExportStage, func(res *pipeline.Result) {
		fmt.Fprintf(stdout, "exports: %d folders under %s\n", len(res.Exports), res.ExportsDir)
	})
}
