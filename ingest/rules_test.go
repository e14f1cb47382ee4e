package ingest

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"mittari/domain"
)

var update = flag.Bool("update", false, "rewrite RULES.md, golden files and the bad-input corpus")

// TestEveryRuleHasCases makes the case table and the rule table agree.
func TestEveryRuleHasCases(t *testing.T) {
	have := map[string]bool{}
	for _, c := range ruleCases {
		if _, ok := RuleByID(c.rule); !ok {
			t.Errorf("case for unknown rule %s", c.rule)
		}
		have[c.rule] = true
	}
	for _, r := range Rules() {
		if !have[r.ID] {
			t.Errorf("rule %s has no failing and passing case", r.ID)
		}
		if r.Description == "" || r.Example == "" || r.Severity == "" || r.Stage == "" {
			t.Errorf("rule %s is not fully documented: %+v", r.ID, r)
		}
	}
}

// TestRules validates, for each rule, its failing input (the rule must fire, with its severity,
// at the expected place) and its passing input (the rule must not fire, nor any error).
func TestRules(t *testing.T) {
	cat := testCatalogue(t)
	for _, c := range ruleCases {
		t.Run(c.rule, func(t *testing.T) {
			rule, _ := RuleByID(c.rule)
			for _, good := range []bool{false, true} {
				inbox := copyTree(t, "testdata/inbox")
				var files []string
				if path := addCase(t, inbox, c, good); path != "" {
					files = append(files, path)
				}
				fs, err := Validate(context.Background(), inbox, files, cat, "")
				if err != nil {
					t.Fatalf("good=%v: %v", good, err)
				}
				var hits []domain.Finding
				for _, f := range fs {
					if f.Rule == c.rule {
						hits = append(hits, f)
					}
				}
				if good {
					for _, f := range fs {
						if f.Rule == c.rule || f.Severity == domain.SeverityError {
							t.Errorf("passing input: unexpected %s", f)
						}
					}
					continue
				}
				if len(hits) == 0 {
					t.Fatalf("failing input: rule did not fire; findings: %v", fs)
				}
				re := regexp.MustCompile(c.place)
				f := hits[0]
				if !re.MatchString(f.Place.String()) {
					t.Errorf("place %q does not match %s", f.Place, c.place)
				}
				if f.Severity != rule.Severity && c.rule != RuleOfWhichAbove.ID {
					t.Errorf("severity %s, want %s", f.Severity, rule.Severity)
				}
				if f.Message == "" {
					t.Errorf("finding without a message")
				}
			}
		})
	}
}

// rulesMarkdown renders the rule table as RULES.md.
func rulesMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString(`# Ingest validation rules

Generated from the table in ` + "`ingest/rules.go`" + ` by ` + "`go test ./ingest -run TestRulesDoc -update`" + `; a test fails when
this file is stale. ` + "`mittari validate --rules`" + ` prints the same table.

Severity: an **error** blocks what it is about, a **warning** does not. What is blocked depends on the stage:

- **file** — the file as a whole cannot be read: nothing in it is used, its findings go to the
  quarantine table, and its content hash is recorded so it is not read again. What is not a
  regular file of the inbox (a FIFO, a device, a link leading out of the inbox) or is larger than
  256 MiB is refused without being opened; having no content hash, it is reported by every run
  until it is removed.
- **register** — a row of ` + "`projects.csv`" + ` or ` + "`project_targets.csv`" + `: a row with an error is dropped and the
  rest of the register is used. Reports of a dropped project then fail ` + "`report.project_unknown`" + `. Register
  findings are stored (quarantine/warnings) each time the register's content changes. The register
  files are read streaming, with a row cap of their own (20 million rows each) instead of the 200 000
  of a report file: one register serves a whole programme, or the Commission.
- **report** — one report (one project × period × submitted_at) on its own: an error rejects the
  report whole (all its errors are listed in the quarantine table); its other reports in the same
  file are unaffected. Warnings of accepted reports go to the warnings table.
- **arrival** — a report against all versions received, as ` + "`domain.ResolveInForce`" + ` decides. Which
  versions are in force is derived again whenever needed, never stored (storing it would make the
  warehouse depend on the order files arrived in); the findings say what the arrival did, as the
  run and validate report them. Validate says what its files would do to another report (put it
  out of force) as a warning at that report's place: it judges the files it was given.
- **project** — cumulative values of a project over its reports in force (warnings, reported by the
  run for the projects it touched and by validate).

Every finding a run reports, of every stage, is committed with the run in the warehouse's
` + "`run_findings`" + ` table (a log of what the run said, which nothing reads to decide what is in force),
so that a crash after the commit loses none of them. A run that writes nothing commits nothing.

Bounds: a count (indicator value or target) may be at most 1 000 000 000 and an amount
(expenditure, eligible cost, EU contribution) at most 100 000 000.00 euros, so that the sums of a
warehouse of the whole EU, every row at its bound, fit the SQL types of the models
(` + "`domain/bounds.go`" + ` shows the arithmetic); the register's dates lie within 2000..2099; a
` + "`submitted_at`" + ` may be at most 15 minutes later than the run's clock (a sender's clock running a little
fast is allowed for; a report dated in the future would stay in force over every genuine
correction). A ` + "`project_id`" + ` is 1 to 64 ASCII letters, digits and ` + "`- _ . /`" + `, starting with a letter or
digit.

Places: ` + "`file:line column name`" + ` for CSV, ` + "`file: sheet \"report\" cell B7`" + ` for XLSX, ` + "`file: /2/indicators/O.2.3`" + ` (JSON
pointer; the leading index is the report's position in an array or JSON Lines file) for JSON.

A report rejected by a rule that depends on the register (` + "`report.project_unknown`" + `,
` + "`report.project_cancelled`" + `, ` + "`report.period_outside_project`" + `) is read again from the inbox whenever
` + "`projects.csv`" + ` changes, if its file is still there unchanged: reports that now pass are taken in, without
the beneficiary resending anything. (Were the file gone, the beneficiary would resend it; a copy
with the same bytes has the same hash, so the resent file must differ, e.g. be saved again.)

| rule | severity | stage | what it checks | example |
|---|---|---|---|---|
`)
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Severity, r.Stage, mdEscape(r.Description), mdEscape(r.Example))
	}
	return b.Bytes()
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func TestRulesDoc(t *testing.T) {
	want := rulesMarkdown()
	if *update {
		if err := os.WriteFile("RULES.md", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("RULES.md is stale: run go test ./ingest -run TestRulesDoc -update")
	}
}
