package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"mittari/checks"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/pipeline"
)

// The ministry's side of a transmission: `check` prints the pre-send checks of a version,
// `send` freezes it in out/sent/ once the checks allow it and two people put their names to it,
// `sent` lists what was sent and what has moved since, and `acknowledge` records restatements as
// seen. All read the published generation, so what they judge is what the last run exported.

func init() {
	commands["check"] = command{synopsis: "[--out DIR] [--cutoff C] [--json]  |  mittari check --rules",
		summary: "print the pre-send checks of a transmission (exit 1 on any error)", run: runCheck}
	commands["send"] = command{synopsis: "--cutoff C --prepared-by NAME --approved-by NAME [--justify RULE=TEXT]... [--reason TEXT] [--out DIR]",
		summary: "freeze a transmission in out/sent/<version>/ as sent to the Commission, once its checks allow it", run: runSend}
	commands["sent"] = command{synopsis: "[--out DIR] [--json]",
		summary: "list the transmissions sent, who prepared and approved them, and their restated figures", run: runSent}
	commands["acknowledge"] = command{synopsis: "--version V --by NAME --reason TEXT [--out DIR]",
		summary: "record the open restatements of a sent version as seen and accepted", run: runAcknowledge}
}

// parseCutoffFlag reads --cutoff; nil when not given.
func parseCutoffFlag(cmd, v string, stderr io.Writer) (*domain.Cutoff, int, bool) {
	if v == "" {
		return nil, exitOK, true
	}
	c, err := domain.ParseCutoff(v)
	if err != nil {
		return nil, usageError(stderr, cmd, "--cutoff: "+err.Error(), ""), false
	}
	return &c, exitOK, true
}

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check")
	out := fs.String("out", "out", "output `DIR` whose published figures to read")
	cutoff := fs.String("cutoff", "", "the `YYYY-MM-DD` cut-off of the transmission; empty: the latest one computed")
	asJSON := fs.Bool("json", false, "print the checks as JSON")
	rules := fs.Bool("rules", false, "list the checks and exit")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if *rules {
		for _, r := range checks.Rules() {
			fmt.Fprintf(stdout, "%s  %-7s  %s\n", r.ID, r.Severity, r.Description)
		}
		return exitOK
	}
	c, st, ok := parseCutoffFlag("check", *cutoff, stderr)
	if !ok {
		return st
	}
	if err := checkWarehouse("check", *out); err != nil {
		return fail(stderr, "check", err)
	}
	res, err := pipeline.Check(*out, c)
	if err != nil {
		return fail(stderr, "check", err)
	}
	o := res.Outcome
	if res.Stale {
		slog.Warn("a version was sent or a restatement acknowledged after these checks were computed: check C08 may be out of date; run `mittari run` to compute them again")
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			checks.Outcome
			Generation string `json:"generation"`
			Stale      bool   `json:"stale"`
		}{o, res.Generation, res.Stale}); err != nil {
			return fail(stderr, "check", errs.E(errs.IO, err))
		}
	} else {
		printOutcome(stdout, o, res.Generation)
	}
	if !o.Passed() {
		return exitFailed
	}
	return exitOK
}

// printOutcome prints the checks of one version, and what sending it takes.
func printOutcome(w io.Writer, o checks.Outcome, generation string) {
	fmt.Fprintf(w, "version %s (cut-off %s), checks of the published generation %s: %d error(s), %d warning(s)\n",
		o.Version, o.Cutoff, generation, o.Errors, o.Warnings)
	for _, f := range o.Findings {
		fmt.Fprintf(w, "%-7s %s  %s\n", f.Severity, f.Rule, f.Message)
	}
	if o.Omitted > 0 {
		fmt.Fprintf(w, "… and %d more (every finding is in out/marts/mart_presend_checks.parquet)\n", o.Omitted)
	}
	switch {
	case !o.Passed():
		fmt.Fprintln(w, "it cannot be sent: correct what the errors name (for C08, record the restatement with `mittari acknowledge`) and run `mittari run` again")
	default:
		cmd := fmt.Sprintf("mittari send --cutoff %s --prepared-by NAME --approved-by NAME", o.Cutoff)
		for _, r := range o.Unjustified(nil) {
			cmd += fmt.Sprintf(" --justify %s=TEXT", r.Rule)
		}
		fmt.Fprintln(w, "to send it: "+cmd)
	}
}

// justifications is the repeatable --justify RULE=TEXT.
type justifications map[string]string

func (j justifications) String() string {
	var parts []string
	for k, v := range j {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// Get makes it a flag.Getter, as the command line's messages expect of every flag.
func (j justifications) Get() any { return map[string]string(j) }

func (j justifications) Set(v string) error {
	rule, text, ok := strings.Cut(v, "=")
	rule = strings.ToUpper(strings.TrimSpace(rule))
	if !ok || rule == "" {
		return fmt.Errorf("RULE=TEXT, such as C09=\"the beneficiary's final report is under review\"")
	}
	if _, dup := j[rule]; dup {
		return fmt.Errorf("one text per check (%s is justified twice)", rule)
	}
	j[rule] = text
	return nil
}

func runSend(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("send")
	out := fs.String("out", "out", "output `DIR` whose published transmission to send")
	cutoff := fs.String("cutoff", "", "the `YYYY-MM-DD` cut-off of the transmission, required")
	prepared := fs.String("prepared-by", "", "the `NAME` of who prepared the transmission, required")
	approved := fs.String("approved-by", "", "the `NAME` of who approved it, someone other than who prepared it, required")
	reason := fs.String("reason", "", "`TEXT` saying why a version sent before is sent again, required then")
	wait := fs.Bool("wait", false, "if another mittari command is writing the output folder, wait for it to finish instead of stopping")
	justify := justifications{}
	fs.Var(justify, "justify", "why the version may be sent with the warnings of check RULE (`RULE=TEXT`), once per check with warnings")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if *cutoff == "" {
		return usageError(stderr, "send", "--cutoff is required",
			"name the transmission by its cut-off: `mittari send --cutoff 2025-12-31 --prepared-by NAME --approved-by NAME`")
	}
	c, st, ok := parseCutoffFlag("send", *cutoff, stderr)
	if !ok {
		return st
	}
	if err := checkWarehouse("send", *out); err != nil {
		return fail(stderr, "send", err)
	}
	res, err := pipeline.Send(ctx, pipeline.SendOptions{Out: *out, Cutoff: *c, PreparedBy: *prepared, ApprovedBy: *approved,
		Justify: justify, Reason: *reason, Wait: *wait, Log: slog.Default()})
	if err != nil {
		return fail(stderr, "send", err)
	}
	r := res.Record
	fmt.Fprintf(stdout, "sent version %s (cut-off %s, work version %d) frozen in %s\n", r.Version, r.Cutoff, r.WorkVersion, abs(res.Dir))
	fmt.Fprintf(stdout, "  %d files, from generation %s (data as of run %s); prepared by %s, approved by %s, at %s\n",
		len(r.Files), r.Generation, r.DataAsOf, r.PreparedBy, r.ApprovedBy, r.SentAt.Format(time.RFC3339))
	for _, j := range r.Justifications {
		fmt.Fprintf(stdout, "  %s justified (%d finding(s)): %s\n", j.Rule, j.Findings, j.Text)
	}
	if r.Reason != "" {
		fmt.Fprintf(stdout, "  sent again because: %s\n", r.Reason)
	}
	fmt.Fprintln(stdout, "upload these files to SFC2021; every run from now on lists the figures of this version that move (`mittari sent`)")
	slog.Info("transmission sent", "version", r.Version, "work_version", r.WorkVersion, "folder", res.Dir,
		"prepared_by", r.PreparedBy, "approved_by", r.ApprovedBy, "generation", r.Generation)
	return exitOK
}

// printPresend adds to what `run` prints the checks of the latest transmission computed and
// the restated figures of the versions sent.
func printPresend(w io.Writer, p *pipeline.PresendRecord) {
	if p == nil || len(p.Checks) == 0 {
		return
	}
	c := p.Checks[len(p.Checks)-1]
	fmt.Fprintf(w, "  checks of version %s: %d error(s), %d warning(s) (`mittari check` lists them)\n", c.Version, c.Errors, c.Warnings)
	moved, open := 0, 0
	for _, r := range p.Restatements {
		moved += r.Figures
		open += r.Open
	}
	if len(p.Restatements) > 0 {
		fmt.Fprintf(w, "  versions sent: %d; %d figure(s) restated since, %d not acknowledged (`mittari sent` lists them)\n", len(p.Restatements), moved, open)
	}
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// sentLine is one version of `mittari sent --json`.
type sentLine struct {
	Folder       string                `json:"folder"`
	Version      string                `json:"version"`
	WorkVersion  int                   `json:"work_version"`
	Cutoff       string                `json:"cutoff_date"`
	SentAt       time.Time             `json:"sent_at"`
	PreparedBy   string                `json:"prepared_by"`
	ApprovedBy   string                `json:"approved_by"`
	Reason       string                `json:"reason,omitempty"`
	Recomputed   bool                  `json:"recomputed"`
	Restated     int                   `json:"restated"`
	Open         int                   `json:"open"`
	Restatements []metrics.Restatement `json:"restatements,omitempty"`
}

// maxListedRestatements bounds the open restatements `mittari sent` prints per version.
const maxListedRestatements = 20

func runSent(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sent")
	out := fs.String("out", "out", "output `DIR` whose sent/ to read")
	asJSON := fs.Bool("json", false, "print the versions and all their restatements as JSON")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if err := checkWarehouse("sent", *out); err != nil {
		return fail(stderr, "sent", err)
	}
	versions, stale, err := pipeline.SentList(*out)
	if err != nil {
		return fail(stderr, "sent", err)
	}
	if stale {
		slog.Warn("a version was sent or a restatement acknowledged after the published figures were computed: the restatements below are of the run before; `mittari run` computes them again")
	}
	var lines []sentLine
	for _, v := range versions {
		r := v.Record
		l := sentLine{Folder: r.Folder, Version: r.Version, WorkVersion: r.WorkVersion, Cutoff: r.Cutoff, SentAt: r.SentAt,
			PreparedBy: r.PreparedBy, ApprovedBy: r.ApprovedBy, Reason: r.Reason, Recomputed: v.Recomputed,
			Restated: len(v.Restatements), Restatements: v.Restatements}
		for _, x := range v.Restatements {
			if !x.Acknowledged {
				l.Open++
			}
		}
		lines = append(lines, l)
	}
	if *asJSON {
		if lines == nil {
			lines = []sentLine{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(lines); err != nil {
			return fail(stderr, "sent", errs.E(errs.IO, err))
		}
		return exitOK
	}
	if len(lines) == 0 {
		fmt.Fprintln(stdout, "nothing has been sent from this output folder (`mittari send` sends a transmission)")
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tCUT-OFF\tSENT\tPREPARED BY\tAPPROVED BY\tRESTATED\tOPEN")
	for _, l := range lines {
		restated, open := fmt.Sprint(l.Restated), fmt.Sprint(l.Open)
		if !l.Recomputed {
			restated, open = "-", "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Folder, l.Cutoff, l.SentAt.UTC().Format(time.RFC3339),
			l.PreparedBy, l.ApprovedBy, restated, open)
	}
	tw.Flush()
	for _, l := range lines {
		if l.Reason != "" {
			fmt.Fprintf(stdout, "\n%s was sent again because: %s\n", l.Folder, l.Reason)
		}
		if l.Open == 0 {
			continue
		}
		fmt.Fprintf(stdout, "\n%s: %d figure(s) moved since it was sent and are not acknowledged:\n", l.Folder, l.Open)
		n := 0
		for _, x := range l.Restatements {
			if x.Acknowledged {
				continue
			}
			if n == maxListedRestatements {
				fmt.Fprintf(stdout, "  … and %d more (`mittari sent --json` lists them all)\n", l.Open-n)
				break
			}
			n++
			fmt.Fprintf(stdout, "  %s\n", describeRestatement(x))
		}
		fmt.Fprintf(stdout, "  once checked, record them: mittari acknowledge --version %s --by NAME --reason TEXT\n", l.Folder)
	}
	return exitOK
}

// describeRestatement says a restated figure in one line: where, from what to what, moved by what.
func describeRestatement(x metrics.Restatement) string {
	sentV, now := x.Sent, x.Now
	if sentV == "" {
		sentV = "(not sent)"
	}
	if now == "" {
		now = "(no row now)"
	}
	s := fmt.Sprintf("%s.csv, SO %s, %s: %s %s → %s", x.Table, x.SO, x.Row, x.Figure, sentV, now)
	if len(x.MovedBy) > 0 {
		s += "; moved by " + strings.Join(x.MovedBy, "; ")
		if more := x.MovedByTotal - len(x.MovedBy); more > 0 {
			s += fmt.Sprintf(" and %d more", more)
		}
	}
	return s
}

func runAcknowledge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("acknowledge")
	out := fs.String("out", "out", "output `DIR` whose sent/ to record in")
	version := fs.String("version", "", "the sent version `V` (e.g. 202606, or 202606.1 for its work version 1), required")
	by := fs.String("by", "", "the `NAME` of who records the restatements as seen, required")
	reason := fs.String("reason", "", "`TEXT` saying why the figures sent may stand corrected, required")
	wait := fs.Bool("wait", false, "if another mittari command is writing the output folder, wait for it to finish instead of stopping")
	if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
		return st
	}
	if ok, st := noArgs(fs, stderr); !ok {
		return st
	}
	if *version == "" {
		return usageError(stderr, "acknowledge", "--version is required", "name a sent version as `mittari sent` lists it")
	}
	if err := checkWarehouse("acknowledge", *out); err != nil {
		return fail(stderr, "acknowledge", err)
	}
	path, figures, err := pipeline.Acknowledge(ctx, pipeline.AcknowledgeOptions{Out: *out, Folder: *version, By: *by,
		Reason: *reason, Wait: *wait, Log: slog.Default()})
	if err != nil {
		return fail(stderr, "acknowledge", err)
	}
	fmt.Fprintf(stdout, "%d restated figure(s) of version %s acknowledged by %s, recorded in %s\n", len(figures), *version, strings.TrimSpace(*by), abs(path))
	for _, x := range figures {
		fmt.Fprintf(stdout, "  %s\n", describeRestatement(x))
	}
	fmt.Fprintln(stdout, "the next run sees them acknowledged (check C08 no longer fails on them unless they move again)")
	return exitOK
}
