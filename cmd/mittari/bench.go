package main

import (
	"context"
	"flag"
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
	commands["bench"] = command{"measure every stage at 1 M and 10 M report rows and update BENCHMARKS.md", runBench}
	commands["duckdb-copy"] = command{"benchmark baseline: DuckDB's own CSV → Parquet COPY over report files", runDuckDBCopy}
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	out := fs.String("out", "BENCHMARKS.md", "markdown file whose table is rewritten")
	work := fs.String("work", filepath.Join(os.TempDir(), "mittari-bench"), "scratch folder (needs a few GB; data sets are kept for reruns)")
	sizes := fs.String("sizes", "1000000,10000000", "report rows per data set, comma-separated")
	repeats := fs.Int("repeats", 3, "runs per measurement (the median is reported)")
	xlsxMax := fs.Int("xlsx-max-rows", 1000000, "cap on the XLSX data set's rows (0: none)")
	profiles := fs.String("profiles", "bench/profiles", "folder for CPU profiles of transform, report and export")
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "mittari bench: --sizes: %q is not a positive number\n", s)
			return 2
		}
		ns = append(ns, n)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "mittari bench:", err)
		return 1
	}
	ms, err := bench.Run(ctx, bench.Config{Bin: self, Work: *work, Sizes: ns, Repeats: *repeats,
		XLSXMaxRows: *xlsxMax, Markdown: *out, Profiles: *profiles, CodeVersion: pipeline.CodeVersion(), Log: stderr})
	for _, m := range ms {
		fmt.Fprintf(stdout, "%-36s %8d rows %8.2fs %7.0f MiB\n", m.Stage, m.Rows, m.Wall.Seconds(), float64(m.PeakRSS)/(1<<20))
	}
	if err != nil {
		fmt.Fprintln(stderr, "mittari bench:", err)
		return 1
	}
	fmt.Fprintln(stdout, "updated", *out)
	return 0
}

func runDuckDBCopy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("duckdb-copy", flag.ContinueOnError)
	glob := fs.String("glob", "", "CSV files to read, e.g. inbox/reports/**/*.csv")
	out := fs.String("out", "", "Parquet file to write")
	threads := fs.Int("threads", 2, "DuckDB threads")
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	if *glob == "" || *out == "" {
		fmt.Fprintln(stderr, "mittari duckdb-copy: --glob and --out are required")
		return 2
	}
	tmp, err := os.MkdirTemp("", "mittari-duckdb-")
	if err != nil {
		fmt.Fprintln(stderr, "mittari duckdb-copy:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	n, err := transform.CopyCSVToParquet(ctx, *glob, *out, *threads, "1GB", tmp)
	if err != nil {
		fmt.Fprintln(stderr, "mittari duckdb-copy:", err)
		return 1
	}
	fmt.Fprintf(stdout, "copied %d rows to %s\n", n, *out)
	return 0
}
