package main

import (
	"context"
	"fmt"
	"io"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest"
)

func init() {
	commands["validate"] = command{synopsis: "--inbox DIR [--warehouse DIR] [--json] FILE...  |  mittari validate --rules",
		summary: "check report files with the same rules as run, writing nothing", run: runValidate}
}

// runValidate exits 0 when the files have no errors (warnings allowed), 1 when they have, and 2
// when the command itself was misused.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate")
	inbox := fs.String("inbox", "", "inbox `DIR` whose register, targets and reports in force the files are checked against (required)")
	wh := fs.String("warehouse", "", "also compare with the report versions this warehouse `DIR` holds (e.g. out/warehouse)")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	rules := fs.Bool("rules", false, "list the validation rules and exit")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if *rules {
		for _, r := range ingest.Rules() {
			fmt.Fprintf(stdout, "%-36s %-7s %s\n", r.ID, r.Severity, r.Description)
		}
		return exitOK
	}
	if *inbox == "" {
		return usageError(stderr, "validate", "--inbox is required",
			"give the inbox the files will be sent to: `mittari validate --inbox DIR FILE...`")
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "validate", "no file to check",
			"name the report files after the flags: `mittari validate --inbox DIR FILE...`")
	}
	if err := checkInbox(*inbox); err != nil {
		return fail(stderr, "validate", err)
	}
	if *wh != "" && !isDir(*wh) {
		return usageError(stderr, "validate", fmt.Sprintf("--warehouse %s: no such folder", *wh),
			"give the warehouse folder of an output folder, e.g. out/warehouse, or leave out --warehouse")
	}
	cat, err := catalogue.Default()
	if err != nil {
		fail(stderr, "validate", err)
		return exitUsage
	}
	findings, err := ingest.Validate(ctx, *inbox, fs.Args(), cat, *wh)
	if err != nil {
		fail(stderr, "validate", err)
		return exitUsage
	}
	if err := ingest.FormatFindings(stdout, findings, *asJSON); err != nil {
		fail(stderr, "validate", err)
		return exitUsage
	}
	for _, f := range findings {
		if f.Severity == domain.SeverityError {
			return exitFailed
		}
	}
	return exitOK
}
