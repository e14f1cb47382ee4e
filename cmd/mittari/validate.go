package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest"
)

func init() {
	commands["validate"] = command{"check report files with the same rules as run, writing nothing", runValidate}
}

// runValidate exits 0 when the files have no errors (warnings allowed), 1 when they have, and 2
// when the command itself was misused.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	inbox := fs.String("inbox", "", "inbox folder whose register, targets and reports in force the files are checked against (required)")
	wh := fs.String("warehouse", "", "also compare with the report versions this warehouse holds (e.g. out/warehouse)")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	rules := fs.Bool("rules", false, "list the validation rules and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mittari validate --inbox DIR [--warehouse DIR] [--json] FILE...")
		fs.PrintDefaults()
	}
	if ok, st := parseFlags(fs, args, stderr); !ok {
		return st
	}
	if *rules {
		for _, r := range ingest.Rules() {
			fmt.Fprintf(stdout, "%-36s %-7s %s\n", r.ID, r.Severity, r.Description)
		}
		return 0
	}
	if *inbox == "" || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cat, err := catalogue.Default()
	if err != nil {
		fmt.Fprintln(stderr, "mittari validate: catalogue:", err)
		return 2
	}
	findings, err := ingest.Validate(ctx, *inbox, fs.Args(), cat, *wh)
	if err != nil {
		fmt.Fprintln(stderr, "mittari validate:", err)
		return 2
	}
	if err := ingest.FormatFindings(stdout, findings, *asJSON); err != nil {
		fmt.Fprintln(stderr, "mittari validate:", err)
		return 2
	}
	for _, f := range findings {
		if f.Severity == domain.SeverityError {
			return 1
		}
	}
	return 0
}
