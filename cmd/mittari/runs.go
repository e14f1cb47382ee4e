package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"mittari/internal/errs"
	"mittari/pipeline"
)

func init() {
	commands["runs"] = command{synopsis: "[--out DIR] [-n N] [--json]",
		summary: "list the recent runs of an output folder, newest first: what each took in, rejected and changed", run: runRuns}
}

// runSummary is one line of `mittari runs`, read from a run record.
type runSummary struct {
	RunID     string    `json:"run_id"`
	Status    string    `json:"status"` // ok, failed, or unreadable (the record is damaged)
	StartedAt time.Time `json:"started_at"`
	Seconds   float64   `json:"seconds"`
	// AsOf is set for a reproduction (run --as-of): the moment reproduced.
	AsOf            *time.Time `json:"as_of,omitempty"`
	FilesNew        int        `json:"files_new"`
	FilesSkipped    int        `json:"files_skipped"`
	FilesRejected   int        `json:"files_rejected"`
	ReportsAccepted int        `json:"reports_accepted"`
	ReportsRejected int        `json:"reports_rejected"`
	Errors          int        `json:"errors"`
	Warnings        int        `json:"warnings"`
	Transform       string     `json:"transform,omitempty"`
	Recomputed      int        `json:"projects_recomputed,omitempty"`
	// ExportsChanged counts the export files added, changed or removed since the previous
	// successful run; nil when there is no such run on record (or this one is not a live run).
	ExportsChanged *int   `json:"exports_changed"`
	Error          string `json:"error,omitempty"`
	Record         string `json:"record"`
}

func runRuns(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("runs")
	out := fs.String("out", "out", "output `DIR` whose runs/ to read")
	n := fs.Int("n", 10, "list at most `N` runs (0: all)")
	asJSON := fs.Bool("json", false, "print the runs as a JSON array")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if *n < 0 {
		return usageError(stderr, "runs", fmt.Sprintf("-n %d: expected 0 or more", *n), "")
	}
	if st, err := os.Stat(*out); errors.Is(err, os.ErrNotExist) || err == nil && !st.IsDir() {
		return usageError(stderr, "runs", fmt.Sprintf("--out %s: no such folder", *out), "give the output folder the runs wrote to (`mittari run --out DIR`)")
	}
	files, err := pipeline.RecordFiles(*out)
	if err != nil {
		return fail(stderr, "runs", err)
	}
	rows := summarise(files)
	if *n > 0 && len(rows) > *n {
		rows = rows[:*n]
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []runSummary{}
		}
		if err := enc.Encode(rows); err != nil {
			return fail(stderr, "runs", errs.E(errs.IO, err))
		}
		return exitOK
	}
	if len(rows) == 0 {
		fmt.Fprintf(stdout, "no run recorded in %s yet\n", pipeline.Layout{Root: *out}.Runs())
		return exitOK
	}
	printRuns(stdout, rows)
	return exitOK
}

// summarise turns records, newest first, into the lines of `mittari runs`.
func summarise(files []pipeline.RecordFile) []runSummary {
	rows := make([]runSummary, len(files))
	// Export files by hash, of the successful live runs, so that each can be compared with the
	// one before it.
	var exports []map[string]string
	var at []int
	for i, f := range files {
		r := f.Record
		row := runSummary{RunID: r.RunID, Status: r.Status, StartedAt: r.StartedAt, Record: f.Path, Error: r.Error,
			FilesNew: r.Ingest.FilesNew, FilesSkipped: r.Ingest.FilesSkipped,
			ReportsAccepted: r.Ingest.ReportsAccepted, ReportsRejected: r.Ingest.ReportsRejected,
			Errors: r.Ingest.Errors, Warnings: r.Ingest.Warnings,
			Transform: r.Transform.Mode, Recomputed: r.Transform.Projects}
		if f.Err != nil {
			row.RunID, row.Status, row.Error = strings.TrimSuffix(filepath.Base(f.Path), ".json"), "unreadable", f.Err.Error()
		}
		if !r.FinishedAt.IsZero() {
			row.Seconds = r.FinishedAt.Sub(r.StartedAt).Seconds()
		}
		row.FilesRejected = r.Ingest.FilesRejected
		live := r.AsOf.IsZero() || r.AsOf.Equal(r.StartedAt)
		if !live {
			asOf := r.AsOf
			row.AsOf = &asOf
		}
		if f.Err == nil && live && r.Status == pipeline.StatusOK {
			exports = append(exports, exportFiles(r))
			at = append(at, i)
		}
		rows[i] = row
	}
	for k := 0; k+1 < len(exports); k++ {
		n := changedFiles(exports[k+1], exports[k])
		rows[at[k]].ExportsChanged = &n
	}
	return rows
}

// exportFiles maps the export files a run wrote (relative to its output folder) to their hashes.
func exportFiles(r pipeline.Record) map[string]string {
	exports := pipeline.Layout{Root: r.Out}.Exports()
	m := map[string]string{}
	for _, o := range r.Outputs {
		if rel, err := filepath.Rel(exports, o.Path); err == nil && !strings.HasPrefix(rel, "..") {
			m[filepath.ToSlash(rel)] = o.SHA256
		}
	}
	return m
}

func changedFiles(before, after map[string]string) int {
	n := 0
	for p, h := range after {
		if before[p] != h {
			n++
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			n++
		}
	}
	return n
}

func printRuns(w io.Writer, rows []runSummary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTATUS\tTOOK\tTOOK IN\tREJECTED\tCHANGED\tTRANSFORM\tNOTE")
	plural := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	for _, r := range rows {
		took := fmt.Sprintf("%.1fs", r.Seconds)
		in := plural(r.FilesNew, "file") + ", " + plural(r.ReportsAccepted, "report")
		rej := "none"
		if r.ReportsRejected > 0 || r.FilesRejected > 0 {
			rej = plural(r.ReportsRejected, "report")
			if r.FilesRejected > 0 {
				rej += ", " + plural(r.FilesRejected, "file")
			}
		}
		changed := "-"
		if r.ExportsChanged != nil {
			changed = plural(*r.ExportsChanged, "export file")
		}
		transform := r.Transform
		if r.Transform == "incremental" {
			transform = fmt.Sprintf("incremental (%s)", plural(r.Recomputed, "project"))
		}
		note := ""
		switch {
		case r.Error != "":
			note = r.Error
		case r.AsOf != nil:
			note = "reproduction as of " + r.AsOf.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.RunID, r.Status, took, in, rej, changed, dash(transform), note)
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
