package main

import (
	"context"
	"encoding/gob"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest"
	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/pipeline"
	"mittari/transform"
)

// The stage commands run one stage of `run` alone, each in its own process: an operator can
// redo the report or the exports without re-ingesting, and the benchmarks measure each stage's
// time and peak memory separately. transform hands its figures to report and export through a
// gob file (--results).

func init() {
	commands["ingest"] = command{synopsis: "--inbox DIR [--out DIR] [flags]",
		summary: "stage 1 alone: take what is new in the inbox into the warehouse", run: runIngestStage}
	commands["transform"] = command{synopsis: "[--out DIR] [--results FILE] [flags]",
		summary: "stage 2 alone: compute the figures from the warehouse (--results saves them for report and export)", run: runTransformStage}
	commands["report"] = command{synopsis: "--results FILE [--out DIR] [flags]",
		summary: "stage 3 alone: write the HTML report from the figures transform saved", run: runReportStage}
	commands["export"] = command{synopsis: "--results FILE [--out DIR] [flags]",
		summary: "stage 4 alone: write the Commission tables from the figures transform saved", run: runExportStage}
}

// stageFlags are the flags the stage commands share; results is nil for ingest, which has no
// figures to save or read.
type stageFlags struct {
	fs         *flag.FlagSet
	out        *string
	results    *string
	cpuprofile *string
}

func newStageFlags(name, resultsUsage string) stageFlags {
	fs := newFlags(name)
	sf := stageFlags{
		fs:         fs,
		out:        fs.String("out", "out", "output `DIR` (the warehouse is read and written there)"),
		cpuprofile: fs.String("cpuprofile", "", "write a CPU profile (pprof) of the stage to `FILE`"),
	}
	if resultsUsage != "" {
		sf.results = fs.String("results", "", resultsUsage)
	}
	return sf
}

// profile starts a CPU profile when asked and returns the function that stops it; a profile
// that cannot be written is a warning, not a failed stage.
func (sf stageFlags) profile() func() {
	if *sf.cpuprofile == "" {
		return func() {}
	}
	f, err := os.Create(*sf.cpuprofile)
	if err != nil {
		slog.Warn("--cpuprofile: cannot write the profile; the stage runs without it", "file", *sf.cpuprofile, "error", err.Error())
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		slog.Warn("--cpuprofile: cannot start the profile; the stage runs without it", "file", *sf.cpuprofile, "error", err.Error())
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

func stageOptions(out string) (pipeline.Options, error) {
	cat, err := catalogue.Default()
	if err != nil {
		return pipeline.Options{}, err
	}
	return pipeline.Options{Out: out, Catalogue: cat}, nil
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
	if ok, st := sf.parse(args, stdout, stderr); !ok {
		return st
	}
	if *inbox == "" {
		return usageError(stderr, "ingest", "--inbox is required", "give the inbox folder: `mittari ingest --inbox DIR --out DIR`")
	}
	if err := checkInbox(*inbox); err != nil {
		return fail(stderr, "ingest", err)
	}
	o, err := stageOptions(*sf.out)
	if err != nil {
		return fail(stderr, "ingest", err)
	}
	o.Inbox = *inbox
	defer sf.profile()()
	now := time.Now().UTC()
	var s *ingest.Summary
	err = timed(o.Out, "ingest", func() (err error) {
		s, err = pipeline.Ingest(ctx, o, pipeline.NewRunID(o.Out, now), now)
		return err
	})
	if err != nil {
		return fail(stderr, "ingest", err)
	}
	fmt.Fprintf(stdout, "files: %d new, %d skipped, %d rejected; reports: %d accepted, %d rejected\n",
		s.FilesNew, s.FilesSkipped, s.FilesRejected, s.ReportsAccepted, s.ReportsRejected)
	if rejected(s) {
		return exitRejected
	}
	return exitOK
}

func runTransformStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("transform", "save the figures to `FILE` for `mittari report` and `mittari export`")
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
	now := time.Now()
	var c *domain.Cutoff
	if *cutoff != "" {
		parsed, err := domain.ParseCutoff(*cutoff)
		if err == nil {
			err = pipeline.CheckCutoffPassed(parsed, now)
		}
		if err != nil {
			return usageError(stderr, "transform", "--cutoff: "+err.Error(), "")
		}
		c = &parsed
	}
	if err := checkWarehouse("transform", *sf.out); err != nil {
		return fail(stderr, "transform", err)
	}
	o, err := stageOptions(*sf.out)
	if err != nil {
		return fail(stderr, "transform", err)
	}
	o.Cutoff, o.Threads, o.MemoryLimit, o.Full = c, *threads, *mem, *full
	stop := sf.profile()
	var res *metrics.Results
	err = timed(o.Out, "transform", func() (err error) {
		res, _, err = pipeline.Transform(ctx, o, now)
		return err
	})
	stop()
	if err != nil {
		return fail(stderr, "transform", err)
	}
	if *sf.results != "" {
		err := atomicfile.Write(*sf.results, func(w io.Writer) error { return gob.NewEncoder(w).Encode(res) })
		if err != nil {
			return fail(stderr, "transform", errs.E(errs.Op("main.saveResults"), errs.IO, "--results "+*sf.results, err))
		}
	}
	fmt.Fprintf(stdout, "%d cut-offs, %d indicator rows, %d financial rows\n", len(res.Cutoffs), len(res.Indicators), len(res.Financial))
	return exitOK
}

// loadResults reads the figures `mittari transform --results` saved.
func loadResults(path string) (*metrics.Results, error) {
	const op errs.Op = "main.loadResults"
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(op, errs.Usage, fmt.Sprintf("--results %s", path), err)
	}
	defer f.Close()
	var res metrics.Results
	if err := gob.NewDecoder(f).Decode(&res); err != nil {
		return nil, errs.E(op, errs.Usage, fmt.Sprintf("--results %s is not a figures file this Mittari wrote (%v): write it again with `mittari transform --out DIR --results %s`", path, err, path))
	}
	return &res, nil
}

// consumerStage is the shape of report and export: saved figures in, files out.
func consumerStage(name string, args []string, stdout, stderr io.Writer, do func(o pipeline.Options, res *metrics.Results, dataAsOf string) error) int {
	sf := newStageFlags(name, "the figures `FILE` saved by `mittari transform --results FILE` (required)")
	if ok, st := sf.parse(args, stdout, stderr); !ok {
		return st
	}
	if *sf.results == "" {
		return usageError(stderr, name, "--results is required",
			fmt.Sprintf("save the figures first: `mittari transform --out DIR --results FILE`, then `mittari %s --out DIR --results FILE`", name))
	}
	if err := checkWarehouse(name, *sf.out); err != nil {
		return fail(stderr, name, err)
	}
	o, err := stageOptions(*sf.out)
	if err != nil {
		return fail(stderr, name, err)
	}
	res, err := loadResults(*sf.results)
	if err != nil {
		return fail(stderr, name, err)
	}
	dataAsOf, err := pipeline.DataAsOf(*sf.out, res.AsOf)
	if err != nil {
		return fail(stderr, name, err)
	}
	defer sf.profile()()
	if err := do(o, res, dataAsOf); err != nil {
		return fail(stderr, name, err)
	}
	return exitOK
}

func runReportStage(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return consumerStage("report", args, stdout, stderr, func(o pipeline.Options, res *metrics.Results, dataAsOf string) error {
		if err := pipeline.Report(o, res, nil, dataAsOf); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "report:", pipeline.Layout{Root: o.Out}.Report())
		return nil
	})
}

func runExportStage(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return consumerStage("export", args, stdout, stderr, func(o pipeline.Options, res *metrics.Results, dataAsOf string) error {
		// Figures saved by an older Mittari may hold a cut-off that has not passed.
		for _, c := range res.Cutoffs {
			if err := pipeline.CheckCutoffPassed(c, time.Now()); err != nil {
				return errs.E(errs.Op("main.runExportStage"), errs.Usage, "--results holds figures of a cut-off that has not passed; compute them again with `mittari transform`", err)
			}
		}
		dirs, err := pipeline.Export(o, res, dataAsOf)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "exports: %d folders under %s\n", len(dirs), pipeline.Layout{Root: o.Out}.Exports())
		return nil
	})
}
