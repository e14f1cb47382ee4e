package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/gen"
)

func init() {
	commands["gen"] = command{synopsis: "--out DIR [--replace] [flags]",
		summary: "write a deterministic synthetic inbox (for benchmarks and tests) into a new or empty folder", run: runGen}
}

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gen")
	o := gen.Options{}
	fs.StringVar(&o.Out, "out", "", "new or empty `DIR` to write the inbox to (required)")
	fs.BoolVar(&o.Replace, "replace", false, "write into a folder that is not empty, deleting the inbox there (projects.csv, project_targets.csv, reports/) first")
	fs.IntVar(&o.Programmes, "programmes", 1, "programmes (member states × funds), each with its own projects")
	fs.IntVar(&o.Projects, "projects", 100, "projects per programme")
	fs.IntVar(&o.Years, "years", 4, "years of half-yearly reports from 2022 on")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same inbox")
	fs.Float64Var(&o.InvalidShare, "invalid", 0.02, "share of reports with an invalid row")
	fs.Float64Var(&o.CorrectionShare, "corrections", 0.05, "share of reports sent again corrected")
	fs.Float64Var(&o.DuplicateShare, "duplicates", 0.02, "share of files delivered twice")
	fs.IntVar(&o.ReportsPerFile, "reports-per-file", 500, "reports per file")
	formats := fs.String("formats", "csv=6,xlsx=2,json=1,jsonl=1", "formats and their weights, e.g. csv or csv=6,xlsx=2")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if o.Out == "" {
		return usageError(stderr, "gen", "--out is required", "give a new or empty folder: `mittari gen --out DIR`")
	}
	w, err := parseWeights(*formats)
	if err != nil {
		return usageError(stderr, "gen", "--formats: "+err.Error(), "")
	}
	o.FormatWeights = w
	cat, err := catalogue.Default()
	if err != nil {
		return fail(stderr, "gen", err)
	}
	st, err := gen.Generate(cat, o)
	if errors.Is(err, gen.ErrNotEmpty) {
		return usageError(stderr, "gen", "--out "+err.Error(),
			"give a new or empty folder, or add --replace to delete the inbox there and write a synthetic one")
	}
	if err != nil {
		return fail(stderr, "gen", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d projects, %d reports, %d rows in %d files (%d invalid, %d corrections, %d duplicate files)\n",
		o.Out, st.Projects, st.Reports, st.Rows, st.Files, st.Invalid, st.Corrections, st.Duplicates)
	return exitOK
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
