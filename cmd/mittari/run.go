package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/data"
	"mittari/domain"
	"mittari/ingest"
	"mittari/pipeline"
	"mittari/transform"
)

func init() {
	commands["run"] = command{synopsis: "[--inbox DIR] [--out DIR] [flags]",
		summary: "ingest new reports, compute the figures, write the report and the exports (the nightly job)", run: runRun}
}

func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run")
	inbox := fs.String("inbox", "", "inbox `DIR` (projects.csv, project_targets.csv, reports/); empty: the demo inbox embedded in the binary")
	out := fs.String("out", "out", "output `DIR` (warehouse, report, exports, run records)")
	cutoff := fs.String("cutoff", "", "compute only this cut-off, one that has passed (`YYYY-MM-DD`: 31 Mar, 30 Jun, 31 Aug, 31 Oct or 31 Dec)")
	asOf := fs.String("as-of", "", "reproduce what was known at this `TIME` (RFC 3339, e.g. 2026-04-01T02:00:00+03:00), under DIR/as-of/; ingests nothing")
	factor := fs.Float64("target-factor", ingest.DefaultTargetFactor, "warn when a project's cumulative value exceeds this multiple of its target")
	threads := fs.Int("threads", transform.DefaultThreads, "DuckDB threads")
	mem := fs.String("memory-limit", transform.DefaultMemoryLimit, "DuckDB memory `LIMIT`")
	full := fs.Bool("full", false, "transform every project, not only those that received reports since the last full run (rewrites the transform's cache)")
	keep := fs.Int("keep", 0, "after the run, keep only the newest `N` run records and the as-of outputs they wrote (0: keep all; never the warehouse)")
	wait := fs.Bool("wait", false, "if another mittari command is writing the output folder, wait for it to finish instead of stopping")
	shrink := fs.Bool("accept-register-shrink", false, "take in a projects.csv that lacks more than a tenth of the projects in force (refused otherwise, as a file cut short)")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	o := pipeline.Options{Inbox: *inbox, Out: *out, TargetFactor: *factor, Threads: *threads, MemoryLimit: *mem, Full: *full, Wait: *wait, AcceptRegisterShrink: *shrink}
	switch {
	case *keep < 0:
		return usageError(stderr, "run", fmt.Sprintf("--keep %d: expected a number of runs, 1 or more (0 keeps every run)", *keep), "")
	case *threads < 1:
		return usageError(stderr, "run", fmt.Sprintf("--threads %d: expected 1 or more", *threads), "")
	case checkMemoryLimit(*mem) != nil:
		return fail(stderr, "run", checkMemoryLimit(*mem))
	case *factor <= 0:
		return usageError(stderr, "run", fmt.Sprintf("--target-factor %g: expected a number above 0, such as %g", *factor, ingest.DefaultTargetFactor), "")
	}
	now := time.Now()
	if *asOf != "" {
		t, err := domain.ParseTimestamp(*asOf)
		if err != nil {
			return usageError(stderr, "run", "--as-of: "+err.Error(), "")
		}
		if t.After(now) {
			return usageError(stderr, "run", fmt.Sprintf("--as-of %s is in the future", *asOf), "give a moment that has passed, or leave out --as-of for now")
		}
		o.AsOf = t
	}
	if *cutoff != "" {
		c, err := domain.ParseCutoff(*cutoff)
		if err != nil {
			return usageError(stderr, "run", "--cutoff: "+err.Error(), "")
		}
		at := now
		if !o.AsOf.IsZero() {
			at = o.AsOf
		}
		if err := pipeline.CheckCutoffPassed(c, at); err != nil {
			return usageError(stderr, "run", "--cutoff: "+err.Error(), "")
		}
		o.Cutoff = &c
	}
	if o.Inbox != "" {
		if err := checkInbox(o.Inbox); err != nil {
			return fail(stderr, "run", err)
		}
	}
	if err := checkOut(o.Out); err != nil {
		return fail(stderr, "run", err)
	}
	cat, err := catalogue.Default()
	if err != nil {
		return fail(stderr, "run", err)
	}
	o.Catalogue = cat
	log := slog.Default()
	if o.Inbox == "" {
		dir, err := os.MkdirTemp("", "mittari-demo-inbox-")
		if err != nil {
			return fail(stderr, "run", err)
		}
		defer os.RemoveAll(dir)
		if err := pipeline.MaterializeInbox(data.Demo(), dir); err != nil {
			return fail(stderr, "run", err)
		}
		o.Inbox, o.Demo = dir, true
		log.Info("inbox: the demo inbox embedded in the binary (demo data, not real figures)")
	}

	o.OnStage, o.Log = logStages(log, o.Out), log
	o.AroundIngest = ingestMemorySettings
	t0 := time.Now()
	res, err := pipeline.Run(ctx, o)
	if err != nil {
		code := fail(stderr, "run", err)
		if res != nil && res.RecordPath != "" {
			log.Info("the run record says what the run did before it stopped", "record", res.RecordPath)
			tidy(log, o.Out, *keep, now)
		}
		return code
	}
	printRun(stdout, res, time.Since(t0))
	code := exitOK
	if rejected(res.Summary) {
		code = exitRejected
	}
	logRun(log, res, time.Since(t0), code)
	tidy(log, o.Out, *keep, now)
	return code
}

// rejected says whether a run rejected a report or a whole file it read for the first time.
func rejected(s *ingest.Summary) bool {
	return s != nil && (s.ReportsRejected > 0 || s.FilesRejected > 0)
}

// logStages is the pipeline's OnStage hook: a log line as each stage starts and finishes. The
// start carries what the stage took in the last successful run, for the terminal's progress bar.
func logStages(log *slog.Logger, out string) func(pipeline.StageEvent) {
	last := lastStageTimes(out)
	return func(e pipeline.StageEvent) {
		switch {
		case !e.Done:
			attrs := []any{"stage", e.Stage}
			if s, ok := last[e.Stage]; ok {
				attrs = append(attrs, "expected_seconds", seconds(s))
			}
			log.Info(msgStageStarted, attrs...)
		case e.Err != nil:
			log.Error(msgStageFailed, "stage", e.Stage, "seconds", seconds(e.Took.Seconds()), "error", e.Err.Error())
		default:
			log.Info(msgStageFinished, "stage", e.Stage, "seconds", seconds(e.Took.Seconds()))
		}
	}
}

// lastStageTimes is what each stage took in the newest successful run of the output folder.
func lastStageTimes(out string) map[string]float64 {
	files, _ := pipeline.RecordFiles(out)
	for _, f := range files {
		if f.Err == nil && f.Record.Status == "ok" {
			m := map[string]float64{}
			for _, s := range f.Record.Stages {
				m[s.Stage] = s.Seconds
			}
			return m
		}
	}
	return nil
}

// seconds rounds a time to the millisecond for the log.
func seconds(s float64) float64 { return math.Round(s*1000) / 1000 }

const msgRunFinished = "run finished"

// logRun logs the run's outcome in one line a scheduler's log can be searched by, and a warning
// for each file with rejected reports.
func logRun(log *slog.Logger, res *pipeline.Result, took time.Duration, code int) {
	s, rec := res.Summary, res.Record
	for _, f := range s.Files {
		switch {
		case f.Outcome == ingest.OutcomeRejected:
			log.Warn("file rejected", "file", f.Path)
		case f.Rejected > 0:
			log.Warn("reports rejected", "file", f.Path, "reports_rejected", f.Rejected)
		}
	}
	attrs := []any{"run_id", rec.RunID, "status", rec.Status, "seconds", seconds(took.Seconds()), "exit_code", code,
		"files_new", s.FilesNew, "files_skipped", s.FilesSkipped, "files_rejected", s.FilesRejected,
		"reports_accepted", s.ReportsAccepted, "reports_rejected", s.ReportsRejected,
		"reports_ignored", s.ReportsIgnored, "reports_duplicate", s.ReportsDuplicate,
		"errors", rec.Ingest.Errors, "warnings", rec.Ingest.Warnings,
		"transform", rec.Transform.Mode, "figures_changed", len(res.Results.Changes), "record", res.RecordPath}
	if rec.Transform.Reason != "" {
		attrs = append(attrs, "transform_reason", rec.Transform.Reason)
	}
	if code == exitRejected {
		log.Warn(msgRunFinished, attrs...)
	} else {
		log.Info(msgRunFinished, attrs...)
	}
}

// tidy, after a run, removes export folders of cut-offs that have not passed (an older Mittari
// wrote them) and, with --keep, the run records and as-of outputs beyond the newest N. Neither
// fails the run: a folder left in place is logged.
func tidy(log *slog.Logger, out string, keep int, now time.Time) {
	removed, err := pipeline.RemoveUnpassedExports(out, now)
	for _, d := range removed {
		log.Warn("removed the export folder of a cut-off that has not passed", "folder", d)
	}
	if err != nil {
		log.Warn("could not remove the export folders of cut-offs that have not passed", "error", err.Error())
	}
	pr, err := pipeline.Prune(out, keep)
	if len(pr.Records)+len(pr.AsOf) > 0 {
		log.Info("retention", "keep", keep, "records_removed", len(pr.Records), "as_of_folders_removed", len(pr.AsOf))
	}
	if err != nil {
		log.Warn("retention: could not remove old runs; they stay until the next run", "error", err.Error())
	}
}

func printRun(w io.Writer, res *pipeline.Result, took time.Duration) {
	s := res.Summary
	fmt.Fprintf(w, "run %s finished in %.1fs\n", res.Record.RunID, took.Seconds())
	fmt.Fprintf(w, "  files: %d new, %d already ingested, %d rejected\n", s.FilesNew, s.FilesSkipped, s.FilesRejected)
	fmt.Fprintf(w, "  reports: %d accepted, %d rejected, %d ignored (older than in force), %d duplicates\n",
		s.ReportsAccepted, s.ReportsRejected, s.ReportsIgnored, s.ReportsDuplicate)
	// The findings the report shows: this run's, and those of earlier runs that committed
	// data but published nothing (a run that crashed, `mittari ingest`).
	in, runs := res.Record.Ingest, []string{res.Record.RunID}
	if g := res.Generation; g != nil {
		in, runs = g.Ingest, g.Runs
	}
	fmt.Fprintf(w, "  findings: %d errors, %d warnings (details in the report and the run records)\n", in.Errors, in.Warnings)
	if len(runs) > 1 {
		fmt.Fprintf(w, "  these include earlier runs whose findings were not published until now: %s\n", strings.Join(runs[:len(runs)-1], ", "))
	}
	switch t := res.Record.Transform; {
	case t.Mode == "incremental":
		fmt.Fprintf(w, "  transform: incremental, %d project(s) recomputed\n", t.Projects)
	case t.Reason != "":
		fmt.Fprintf(w, "  transform: full (%s)\n", t.Reason)
	}
	if n := len(res.Results.Cutoffs); n > 0 {
		first, last := res.Results.Cutoffs[0], res.Results.Cutoffs[n-1]
		fmt.Fprintf(w, "  cut-offs: %d, %s (SFC2021 version %s) … %s (version %s)\n", n, first, first.Version(), last, last.Version())
	}
	printPresend(w, res.Record.Presend)
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
