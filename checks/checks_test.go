package checks

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/metrics"
)

var update = flag.Bool("update", false, "rewrite CHECKS.md")

// martFile is the model whose branches decide the findings of the rules.
const martFile = "../transform/models/marts/mart_presend_checks.sql"

// TestRulesMatchTheMart: every rule of the table is decided by a branch of the mart, and the
// mart makes no finding of a rule the table does not know.
func TestRulesMatchTheMart(t *testing.T) {
	b, err := os.ReadFile(martFile)
	if err != nil {
		t.Fatal(err)
	}
	var inSQL []string
	for _, m := range regexp.MustCompile(`'(C\d\d)'`).FindAllStringSubmatch(string(b), -1) {
		if !slices.Contains(inSQL, m[1]) {
			inSQL = append(inSQL, m[1])
		}
	}
	slices.Sort(inSQL)
	var inTable []string
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s is in the table twice", r.ID)
		}
		seen[r.ID] = true
		inTable = append(inTable, r.ID)
		if r.Severity != domain.SeverityError && r.Severity != domain.SeverityWarning {
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
		if r.Description == "" || r.Message == "" || r.Example == "" || r.Tables == "" {
			t.Errorf("rule %s is not documented in full", r.ID)
		}
	}
	if fmt.Sprint(inSQL) != fmt.Sprint(inTable) {
		t.Errorf("rules in %s: %v; in the table: %v", martFile, inSQL, inTable)
	}
}

func TestFormat(t *testing.T) {
	c := domain.Cutoff{Date: domain.MustDate("2025-06-30")}
	got := Format(metrics.CheckFinding{Cutoff: c, Rule: "C04", Table: "financial.csv", SO: "2", Row: "all",
		Figure: "declared_expenditure_eur", Value: "1250.00", BoundFigure: "eligible_cost_eur", Bound: "1200.00"})
	want := "financial.csv, SO 2, all: declared expenditure 1250.00 EUR is above the eligible cost of the selected operations 1200.00 EUR"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Format(metrics.CheckFinding{Cutoff: c, Rule: "C99", Table: "x.csv", SO: "1", Row: "r", Figure: "f", Value: "1"}); !strings.Contains(got, "C99") {
		t.Errorf("a finding of an unknown rule does not name it: %s", got)
	}
}

func TestEvaluate(t *testing.T) {
	c1 := domain.Cutoff{Date: domain.MustDate("2025-06-30")}
	c2 := domain.Cutoff{Date: domain.MustDate("2025-08-31")}
	res := &metrics.Results{
		CheckCounts: []metrics.CheckCount{{Cutoff: c1, Rule: "C09", Findings: 3}, {Cutoff: c1, Rule: "C04", Findings: 1},
			{Cutoff: c1, Rule: "C10", Findings: 2}, {Cutoff: c2, Rule: "C05", Findings: 7}},
		Checks: []metrics.CheckFinding{
			{Cutoff: c1, Rule: "C09", Row: "P1", SO: "1", Value: "1"}, {Cutoff: c1, Rule: "C04", Table: "financial.csv", SO: "2", Row: "all"},
			{Cutoff: c2, Rule: "C05", Table: "financial.csv"},
		},
	}
	o := Evaluate(res, c1)
	if o.Version != "202506" || o.Errors != 1 || o.Warnings != 5 || o.Passed() {
		t.Fatalf("outcome %+v", o)
	}
	if len(o.Findings) != 2 || o.Findings[0].Rule != "C04" || o.Findings[0].Severity != domain.SeverityError {
		t.Errorf("errors first: %+v", o.Findings)
	}
	if o.Omitted != 4 {
		t.Errorf("omitted %d, want 4 (6 counted, 2 listed)", o.Omitted)
	}
	var missing []string
	for _, r := range o.Unjustified(map[string]string{"C09": "the beneficiary is in administration", "C10": "  "}) {
		missing = append(missing, r.Rule)
	}
	if fmt.Sprint(missing) != "[C10]" {
		t.Errorf("unjustified %v, want [C10] (an empty justification justifies nothing)", missing)
	}
	if o := Evaluate(res, domain.Cutoff{Date: domain.MustDate("2025-10-31")}); !o.Passed() || o.Warnings != 0 || len(o.Findings) != 0 {
		t.Errorf("a cut-off without findings: %+v", o)
	}
}

// checksMarkdown renders the rule table as CHECKS.md.
func checksMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString("# Pre-send checks\n\n" +
		"Generated from the table in `checks/rules.go` by `go test ./checks -run TestChecksDoc -update`; a test fails when\n" +
		"this file is stale. `mittari check --rules` prints the same table.\n\n" +
		"Every run checks each transmission it computes (each requested cut-off) before anyone sends it, as SFC2021\n" +
		"validates a transmission against its numbered rules. Which rows breach a rule is decided in SQL, in\n" +
		"`transform/models/marts/mart_presend_checks.sql` (one branch per rule, marked with its ID), from the same\n" +
		"marts the export writes: a check and the file it checks cannot disagree. The run record counts the findings\n" +
		"per version; the report's Transmissions page lists them; `mittari check --cutoff C` prints them;\n" +
		"`out/marts/mart_presend_checks.parquet` holds every one.\n\n" +
		"- An **error** blocks `mittari send` for that version: correct the data (or the catalogue) and run again.\n" +
		"- A **warning** needs a justification: `mittari send ... --justify ID=TEXT`, recorded in the version's\n" +
		"  `sent.json` with the findings it justifies.\n\n" +
		"| check | severity | tables | what it checks | message |\n|---|---|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Severity, mdEscape(r.Tables), mdEscape(r.Description), mdEscape(r.Example))
	}
	return b.Bytes()
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func TestChecksDoc(t *testing.T) {
	want := checksMarkdown()
	if *update {
		if err := os.WriteFile("CHECKS.md", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("CHECKS.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("CHECKS.md is stale: run go test ./checks -run TestChecksDoc -update")
	}
}
