package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"mittari/bench"
	"mittari/pipeline"
	"mittari/transform"
)

func init() {
	commands["bench"] = command{synopsis: "[--sizes N,N] [--repeats N] [flags]",
		summary: "measure every stage at 1 M, 10 M and 20 M report rows and update BENCHMARKS.md (needs a quiet machine)", run: runBench}
	// The benchmark's baseline, which bench runs as a child process; not for operators.
	commands["duckdb-copy"] = command{synopsis: "--glob PATTERN --out FILE [--threads N]",
		summary: "benchmark baseline: DuckDB's own CSV → Parquet COPY over report files", hidden: true, run: runDuckDBCopy}
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("bench")
	out := fs.String("out", "BENCHMARKS.md", "markdown `FILE` whose table is rewritten")
	work := fs.String("work", filepath.Join(os.TempDir(), "mittari-bench"), "scratch `DIR` (needs a few GB; data sets are kept for reruns)")
	sizes := fs.String("sizes", "1000000,10000000,20000000", "report rows per data set, comma-separated")
	repeats := fs.Int("repeats", 3, "runs per measurement (the median is reported)")
	xlsxMax := fs.Int("xlsx-max-rows", 1000000, "cap on the XLSX data set's rows (0: none)")
	profiles := fs.String("profiles", "bench/profiles", "`DIR` for CPU profiles of ingest, transform, report and export")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return usageError(stderr, "bench", fmt.Sprintf("--sizes: %q is not a number of rows above 0", s), "e.g. --sizes 1000000,10000000")
		}
		ns = append(ns, n)
	}
	self, err := os.Executable()
	if err != nil {
		return fail(stderr, "bench", err)
	}
	ms, err := bench.Run(ctx, bench.Config{Bin: self, Work: *work, Sizes: ns, Repeats: *repeats,
		XLSXMaxRows: *xlsxMax, Markdown: *out, Profiles: *profiles, CodeVersion: pipeline.CodeVersion(), Log: stderr})
	for _, m := range ms {
		fmt.Fprintf(stdout, "%-36s %8d rows %8.2fs %7.0f MiB\n", m.Stage, m.Rows, m.Wall.Seconds(), float64(m.PeakRSS)/(1<<20))
	}
	if err != nil {
		return fail(stderr, "bench", err)
	}
	fmt.Fprintln(stdout, "updated", *out)
	return exitOK
}

func runDuckDBCopy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("duckdb-copy")
	glob := fs.String("glob", "", "CSV files to read, e.g. inbox/reports/**/*.csv")
	out := fs.String("out", "", "Parquet `FILE` to write")
	threads := fs.Int("threads", transform.DefaultThreads, "DuckDB threads")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if *glob == "" || *out == "" {
		return usageError(stderr, "duckdb-copy", "--glob and --out are required", "")
	}
	tmp, err := os.MkdirTemp("", "mittari-duckdb-")
	if err != nil {
		return fail(stderr, "duckdb-copy", err)
	}
	defer os.RemoveAll(tmp)
	n, err := transform.CopyCSVToParquet(ctx, *glob, *out, *threads, transform.DefaultMemoryLimit, tmp)
	if err != nil {
		return fail(stderr, "duckdb-copy", err)
	}
	fmt.Fprintf(stdout, "copied %d rows to %s\n", n, *out)
	return exitOK
}
