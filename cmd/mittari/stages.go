package main

import (
	"context"
	"encoding/gob"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/atomicfile"
	"mittari/metrics"
	"mittari/pipeline"
)

// The stage commands run one stage of `run` alone, each in its own process: an operator can
// redo the report or the exports without re-ingesting, and the benchmarks measure each stage's
// time and peak memory separately. transform hands its figures to report and export through a
// gob file (--results).

func init() {
	commands["ingest"] = command{"stage 1 alone: take what is new in the inbox into the warehouse", runIngestStage}
	commands["transform"] = command{"stage 2 alone: compute the figures from the warehouse (--results saves them)", runTransformStage}
	commands["report"] = command{"stage 3 alone: write the HTML report from saved figures", runReportStage}
	commands["export"] = command{"stage 4 alone: write the Commission tables from saved figures", runExportStage}
}

// stageFlags are the flags every stage command shares.
type stageFlags struct {
	fs         *flag.FlagSet
	out        *string
	results    *string
	cpuprofile *string
}

func newStageFlags(name string) stageFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	return stageFlags{
		fs:         fs,
		out:        fs.String("out", "out", "output folder"),
		results:    fs.String("results", "", "file of figures saved by `mittari transform --results`"),
		cpuprofile: fs.String("cpuprofile", "", "write a CPU profile (pprof) of the stage to this file"),
	}
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

func stageOptions(out string, stderr io.Writer) (pipeline.Options, bool) {
	cat, err := catalogue.Default()
	if err != nil {
		fmt.Fprintln(stderr, "catalogue:", err)
		return pipeline.Options{}, false
	}
	return pipeline.Options{Out: out, Catalogue: cat}, true
}

func runIngestStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("ingest")
	inbox := sf.fs.String("inbox", "", "inbox folder (required)")
	shrink := sf.fs.Bool("accept-register-shrink", false, "take in a projects.csv that lacks more than a tenth of the projects in force (refused otherwise, as a file cut short)")
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	if *inbox == "" {
		fmt.Fprintln(stderr, "mittari ingest: --inbox is required")
		return 2
	}
	o, ok := stageOptions(*sf.out, stderr)
	if !ok {
		return 1
	}
	o.Inbox, o.AcceptRegisterShrink = *inbox, *shrink
	o.AroundIngest = ingestMemorySettings
	defer sf.profile(stderr)()
	now := time.Now().UTC()
	s, err := pipeline.Ingest(ctx, o, pipeline.NewRunID(o.Out, now), now)
	if err != nil {
		fmt.Fprintln(stderr, "mittari ingest:", err)
		return 1
	}
	fmt.Fprintf(stdout, "files: %d new, %d skipped, %d rejected; reports: %d accepted, %d rejected\n",
		s.FilesNew, s.FilesSkipped, s.FilesRejected, s.ReportsAccepted, s.ReportsRejected)
	return 0
}

func runTransformStage(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sf := newStageFlags("transform")
	cutoff := sf.fs.String("cutoff", "", "compute only this cut-off date")
	full := sf.fs.Bool("full", false, "compute every project, not only those that received reports since the transform's cache was written")
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	o, ok := stageOptions(*sf.out, stderr)
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
	res, _, err := pipeline.Transform(ctx, o, time.Now())
	stop()
	if err != nil {
		fmt.Fprintln(stderr, "mittari transform:", err)
		return 1
	}
	if *sf.results != "" {
		err := atomicfile.Write(*sf.results, func(w io.Writer) error { return gob.NewEncoder(w).Encode(res) })
		if err != nil {
			fmt.Fprintln(stderr, "mittari transform: --results:", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "%d cut-offs, %d indicator rows, %d financial rows\n", len(res.Cutoffs), len(res.Indicators), len(res.Financial))
	return 0
}

func loadResults(path string) (*metrics.Results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var res metrics.Results
	if err := gob.NewDecoder(f).Decode(&res); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &res, nil
}

// consumerStage is the shape of report and export: saved figures in, files out.
func consumerStage(name string, args []string, stderr io.Writer, do func(o pipeline.Options, res *metrics.Results, dataAsOf string) error) int {
	sf := newStageFlags(name)
	if ok, st := parseFlags(sf.fs, args, stderr); !ok {
		return st
	}
	if *sf.results == "" {
		fmt.Fprintf(stderr, "mittari %s: --results is required (run `mittari transform --results FILE` first)\n", name)
		return 2
	}
	o, ok := stageOptions(*sf.out, stderr)
	if !ok {
		return 1
	}
	res, err := loadResults(*sf.results)
	if err != nil {
		fmt.Fprintf(stderr, "mittari %s: %v\n", name, err)
		return 1
	}
	dataAsOf, err := pipeline.DataAsOf(*sf.out, res.AsOf)
	if err != nil {
		fmt.Fprintf(stderr, "mittari %s: %v\n", name, err)
		return 1
	}
	defer sf.profile(stderr)()
	if err := do(o, res, dataAsOf); err != nil {
		fmt.Fprintf(stderr, "mittari %s: %v\n", name, err)
		return 1
	}
	return 0
}

func runReportStage(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return consumerStage("report", args, stderr, func(o pipeline.Options, res *metrics.Results, dataAsOf string) error {
		if err := pipeline.Report(o, res, nil, dataAsOf); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "report:", pipeline.Layout{Root: o.Out}.Report())
		return nil
	})
}

func runExportStage(_ context.Context, args []string, stdout, stderr io.Writer) int {
	return consumerStage("export", args, stderr, func(o pipeline.Options, res *metrics.Results, dataAsOf string) error {
		dirs, err := pipeline.Export(o, res, dataAsOf)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "exports: %d folders under %s\n", len(dirs), pipeline.Layout{Root: o.Out}.Exports())
		return nil
	})
}
