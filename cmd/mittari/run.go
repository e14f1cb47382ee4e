package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"mittari/catalogue"
	"mittari/data"
	"mittari/domain"
	"mittari/pipeline"
)

func init() {
	commands["run"] = command{"ingest new reports, compute the figures, write the report and the exports", runRun}
}

func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	inbox := fs.String("inbox", "", "inbox folder (projects.csv, project_targets.csv, reports/); empty: the embedded demo inbox")
	out := fs.String("out", "out", "output folder (warehouse, report, exports, runs)")
	cutoff := fs.String("cutoff", "", "compute only this cut-off date (YYYY-MM-DD: 31 Mar, 30 Jun, 31 Aug, 31 Oct or 31 Dec)")
	asOf := fs.String("as-of", "", "reproduce what was known at this RFC 3339 timestamp (default: now)")
	factor := fs.Float64("target-factor", 1.5, "warn when a project's cumulative value exceeds this multiple of its target")
	threads := fs.Int("threads", 2, "DuckDB threads")
	mem := fs.String("memory-limit", "1GB", "DuckDB memory limit")
	full := fs.Bool("full", false, "transform every project, not only those that received reports since the last full run (rewrites the transform's cache)")
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mittari run: unexpected arguments %v\n", fs.Args())
		return 2
	}
	o := pipeline.Options{Inbox: *inbox, Out: *out, TargetFactor: *factor, Threads: *threads, MemoryLimit: *mem, Log: stderr, Full: *full}
	if *cutoff != "" {
		c, err := domain.ParseCutoff(*cutoff)
		if err != nil {
			fmt.Fprintln(stderr, "mittari run: --cutoff:", err)
			return 2
		}
		o.Cutoff = &c
	}
	if *asOf != "" {
		t, err := domain.ParseTimestamp(*asOf)
		if err != nil {
			fmt.Fprintln(stderr, "mittari run: --as-of:", err)
			return 2
		}
		o.AsOf = t
	}
	cat, err := catalogue.Default()
	if err != nil {
		fmt.Fprintln(stderr, "mittari run: catalogue:", err)
		return 1
	}
	o.Catalogue = cat
	if o.Inbox == "" {
		dir, err := os.MkdirTemp("", "mittari-demo-inbox-")
		if err != nil {
			fmt.Fprintln(stderr, "mittari run:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		if err := pipeline.MaterializeInbox(data.Demo(), dir); err != nil {
			fmt.Fprintln(stderr, "mittari run:", err)
			return 1
		}
		o.Inbox = dir
		fmt.Fprintln(stderr, "inbox: the embedded demo inbox (demo data, not real figures)")
	}

	t0 := time.Now()
	res, err := pipeline.Run(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, "mittari run:", err)
		if res != nil && res.RecordPath != "" {
			fmt.Fprintln(stderr, "run record:", res.RecordPath)
		}
		return 1
	}
	printRun(stdout, res, time.Since(t0))
	return 0
}

func printRun(w io.Writer, res *pipeline.Result, took time.Duration) {
	s := res.Summary
	fmt.Fprintf(w, "run %s finished in %.1fs\n", res.Record.RunID, took.Seconds())
	fmt.Fprintf(w, "  files: %d new, %d already ingested, %d rejected\n", s.FilesNew, s.FilesSkipped, s.FilesRejected)
	fmt.Fprintf(w, "  reports: %d accepted, %d rejected, %d ignored (older than in force), %d duplicates\n",
		s.ReportsAccepted, s.ReportsRejected, s.ReportsIgnored, s.ReportsDuplicate)
	fmt.Fprintf(w, "  findings: %d errors, %d warnings (details in the report and the run record)\n",
		res.Record.Ingest.Errors, res.Record.Ingest.Warnings)
	if n := len(res.Results.Cutoffs); n > 0 {
		first, last := res.Results.Cutoffs[0], res.Results.Cutoffs[n-1]
		fmt.Fprintf(w, "  cut-offs: %d, %s (SFC2021 version %s) … %s (version %s)\n", n, first, first.Version(), last, last.Version())
	}
	if res.Results.GoalsIllustrative {
		fmt.Fprintln(w, "  note: milestones and targets are ILLUSTRATIVE, not the adopted values")
	}
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	fmt.Fprintf(w, "report:    %s\n", abs(res.Report))
	fmt.Fprintf(w, "exports:   %s\n", abs(res.ExportsDir))
	fmt.Fprintf(w, "warehouse: %s\n", abs(filepath.Join(res.Record.Out, "warehouse")))
	fmt.Fprintf(w, "run record: %s\n", abs(res.RecordPath))
}
