package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/pipeline"
)

// The stage commands run one stage of `run` alone, each in its own process: an operator can
// redo the report or the exports without re-ingesting, and the benchmarks measure each stage's
// time and peak memory separately. Each takes the output folder's lock like `run`. transform
// publishes its figures (figures.json) and marts as a new generation; report and export read
// the published figures and publish a generation with their part remade (see pipeline).

func init() {
	commands["ingest"] = command{"stage 1 alone: take what is new in the inbox into the warehouse", runIngestStage}
	commands["transform"] = command{"stage 2 alone: compute the figures from the warehouse and publish them with the marts", runTransformStage}
	commands["report"] = command{"stage 3 alone: write the HTML report again from the published figures", runReportStage}
	commands["export"] = command{"stage 4 alone: write the Commission tables again from the published figures", runExportStage}
}

// stageFlags are the flags every stage command shares.
type stageFlags struct {
	fs         *flag.FlagSet
	out        *string
	wait       *bool
	results    *string
	cpuprofile *string
}

func newStageFlags(name, results string) stageFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	sf := stageFlags{
		fs:         fs,
		out:        fs.String("out", "out", "output folder"),
		wait:       fs.Bool("wait", false, "if another mittari command is writing the output folder, wait for it to finish instead of stopping"),
		cpuprofile: fs.String("cpuprofile", "", "write a CPU profile (pprof) of the stage to this file"),
	}
	if results != "" {
		sf.results = fs.String("results", "", results)
	}
	return sf
}

// profile starts a CPU profile when asked and returns the function that stops it.
func (sf stageFlags) profile(stderr io.Writer) func() {
	if *sf.cpuprofile == "" {
		return func() {}
	}
	f, err := os.Create(*sf.cpuprofile)
	if err != nil {
		fmt.Fprintln(stderr, "cpuprofile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(stderr, "cpuprofile:", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func (sf stageFlags) options(stderr io.Writer) (pipeline.Options, bool) {
	cat, err := catalogue.Default()
	if err != nil {
		fmt.Fprintln(stderr, "catalogue:", err)
		return pipeline.Options{}, false
	}
	o := pipeline.Options{Out: *sf.out, Catalogue: cat, Wait: *sf.wait, Log: stderr}
	if sf.results != nil {
		o.Figures = *sf.results
	}
	return o, true
}

func runIngestStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("ingest", "")
	inbox := sf.fs.String("inbox", "", "inbox folder (required)")
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	if *inbox == "" {
		fmt.Fprintln(stderr, "mittari ingest: --inbox is required")
		return 2
	}
	o, ok := sf.options(stderr)
	if !ok {
		return 1
	}
	o.Inbox = *inbox
	defer sf.profile(stderr)()
	res, err := pipeline.IngestStage(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, "mittari ingest:", err)
		return 1
	}
	s := res.Summary
	fmt.Fprintf(stdout, "files: %d new, %d skipped, %d rejected; reports: %d accepted, %d rejected\n",
		s.FilesNew, s.FilesSkipped, s.FilesRejected, s.ReportsAccepted, s.ReportsRejected)
	fmt.Fprintln(stdout, "run record:", res.RecordPath)
	return 0
}

func runTransformStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("transform", "also write the figures to this file (for `report`/`export --results`)")
	cutoff := sf.fs.String("cutoff", "", "compute only this cut-off date")
	full := sf.fs.Bool("full", false, "compute every project, not only those that received reports since the transform's cache was written")
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	o, ok := sf.options(stderr)
	if !ok {
		return 1
	}
	if *cutoff != "" {
		c, err := domain.ParseCutoff(*cutoff)
		if err != nil {
			fmt.Fprintln(stderr, "mittari transform: --cutoff:", err)
			return 2
		}
		o.Cutoff = &c
	}
	o.Threads, o.MemoryLimit, o.Full = 2, "1GB", *full
	stop := sf.profile(stderr)
	res, err := pipeline.TransformStage(ctx, o)
	stop()
	if err != nil {
		fmt.Fprintln(stderr, "mittari transform:", err)
		return 1
	}
	r := res.Results
	fmt.Fprintf(stdout, "%d cut-offs, %d indicator rows, %d financial rows\n", len(r.Cutoffs), len(r.Indicators), len(r.Financial))
	return 0
}

// formatStage is the shape of report and export: figures in, one part of the outputs out.
func formatStage(name string, ctx context.Context, args []string, stdout, stderr io.Writer,
	do func(context.Context, pipeline.Options) (*pipeline.Result, error), say func(*pipeline.Result)) int {
	sf := newStageFlags(name, "read the figures from this file (written by `transform --results`) instead of the published ones")
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	o, ok := sf.options(stderr)
	if !ok {
		return 1
	}
	defer sf.profile(stderr)()
	res, err := do(ctx, o)
	if err != nil {
		fmt.Fprintf(stderr, "mittari %s: %v\n", name, err)
		return 1
	}
	say(res)
	return 0
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
