package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/gen"
)

func init() {
	commands["gen"] = command{"write a deterministic synthetic inbox (for benchmarks and tests)", runGen}
}

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	o := gen.Options{}
	fs.IntVar(&o.Programmes, "programmes", 1, "programmes (member states × funds), each with its own projects")
	fs.IntVar(&o.Projects, "projects", 100, "projects per programme")
	fs.IntVar(&o.Years, "years", 4, "years of half-yearly reports from 2022 on")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same inbox")
	fs.StringVar(&o.Out, "out", "", "folder to write the inbox to (required)")
	fs.Float64Var(&o.InvalidShare, "invalid", 0.02, "share of reports with an invalid row")
	fs.Float64Var(&o.CorrectionShare, "corrections", 0.05, "share of reports sent again corrected")
	fs.Float64Var(&o.DuplicateShare, "duplicates", 0.02, "share of files delivered twice")
	fs.IntVar(&o.ReportsPerFile, "reports-per-file", 500, "reports per file")
	formats := fs.String("formats", "csv=6,xlsx=2,json=1,jsonl=1", "formats and their weights, e.g. csv or csv=6,xlsx=2")
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	if o.Out == "" {
		fmt.Fprintln(stderr, "mittari gen: --out is required")
		return 2
	}
	w, err := parseWeights(*formats)
	if err != nil {
		fmt.Fprintln(stderr, "mittari gen: --formats:", err)
		return 2
	}
	o.FormatWeights = w
	cat, err := catalogue.Default()
	if err != nil {
		fmt.Fprintln(stderr, "mittari gen:", err)
		return 1
	}
	st, err := gen.Generate(cat, o)
	if err != nil {
		fmt.Fprintln(stderr, "mittari gen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d projects, %d reports, %d rows in %d files (%d invalid, %d corrections, %d duplicate files)\n",
		o.Out, st.Projects, st.Reports, st.Rows, st.Files, st.Invalid, st.Corrections, st.Duplicates)
	return 0
}

// parseWeights reads "csv" or "csv=6,xlsx=2" into format weights.
func parseWeights(s string) (map[string]int, error) {
	w := map[string]int{}
	for _, part := range strings.Split(s, ",") {
		name, n, hasN := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "csv", "xlsx", "json", "jsonl":
		default:
			return nil, fmt.Errorf("unknown format %q (csv, xlsx, json, jsonl)", name)
		}
		weight := 1
		if hasN {
			v, err := strconv.Atoi(n)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("weight of %s: %q is not a whole number", name, n)
			}
			weight = v
		}
		w[name] = weight
	}
	return w, nil
}
