package main

import (
	"context"
	"flag"
	"fmt"
	"io"

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
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	if o.Out == "" {
		fmt.Fprintln(stderr, "mittari gen: --out is required")
		return 2
	}
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
