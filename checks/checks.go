package checks

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"mittari/domain"
	"mittari/metrics"
)

// Finding is one breach of a check, said in words.
type Finding struct {
	Rule     string          `json:"rule"`
	Severity domain.Severity `json:"severity"`
	Message  string          `json:"message"`
}

// RuleCount is how many findings one rule has at a cut-off.
type RuleCount struct {
	Rule     string          `json:"rule"`
	Severity domain.Severity `json:"severity"`
	Findings int             `json:"findings"`
}

// Outcome is the pre-send checks of one transmission: how many findings each rule has, and the
// findings in words (at most as many per rule as the figures carry; Listed says how many).
type Outcome struct {
	Version  string      `json:"version"`
	Cutoff   string      `json:"cutoff_date"`
	Errors   int         `json:"errors"`
	Warnings int         `json:"warnings"`
	Rules    []RuleCount `json:"rules,omitempty"`
	Findings []Finding   `json:"findings,omitempty"`
	// Omitted is how many findings are counted but not listed (see out/marts/mart_presend_checks.parquet).
	Omitted int `json:"omitted,omitempty"`
}

// Evaluate gives the outcome of the checks of cut-off c from the figures res: the counts and
// findings the transform read from mart_presend_checks, put in words. A finding of a rule the
// table does not know is an error: the SQL and the table must agree (a test holds them to it).
func Evaluate(res *metrics.Results, c domain.Cutoff) Outcome {
	o := Outcome{Version: c.Version(), Cutoff: c.String()}
	for _, n := range res.CheckCounts {
		if n.Cutoff != c || n.Findings == 0 {
			continue
		}
		sev := severityOf(n.Rule)
		o.Rules = append(o.Rules, RuleCount{Rule: n.Rule, Severity: sev, Findings: n.Findings})
		if sev == domain.SeverityError {
			o.Errors += n.Findings
		} else {
			o.Warnings += n.Findings
		}
	}
	slices.SortFunc(o.Rules, func(a, b RuleCount) int { return cmp.Compare(a.Rule, b.Rule) })
	for _, f := range res.Checks {
		if f.Cutoff != c {
			continue
		}
		o.Findings = append(o.Findings, Finding{Rule: f.Rule, Severity: severityOf(f.Rule), Message: Format(f)})
	}
	// Errors first, then by rule; within a rule in the mart's order (by table, SO and row).
	slices.SortStableFunc(o.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Rule, b.Rule))
	})
	o.Omitted = o.Errors + o.Warnings - len(o.Findings)
	return o
}

func rank(s domain.Severity) int {
	if s == domain.SeverityError {
		return 0
	}
	return 1
}

func severityOf(id string) domain.Severity {
	if r, ok := ByID(id); ok {
		return r.Severity
	}
	return domain.SeverityError
}

// Passed says whether nothing blocks the transmission: no error (warnings need justifications,
// see Unjustified).
func (o Outcome) Passed() bool { return o.Errors == 0 }

// Unjustified lists the rules with warnings that justified (rule ID → text) does not justify.
func (o Outcome) Unjustified(justified map[string]string) []RuleCount {
	var out []RuleCount
	for _, r := range o.Rules {
		if r.Severity == domain.SeverityWarning && strings.TrimSpace(justified[r.Rule]) == "" {
			out = append(out, r)
		}
	}
	return out
}

// Format says a finding in words: its rule's message with the row's values filled in.
func Format(f metrics.CheckFinding) string {
	r, ok := ByID(f.Rule)
	if !ok {
		return fmt.Sprintf("%s, SO %s, %s: %s %s (check %s, which this Mittari does not know)", f.Table, f.SO, f.Row, f.Figure, f.Value, f.Rule)
	}
	return strings.NewReplacer(
		"{version}", f.Cutoff.Version(),
		"{cutoff}", f.Cutoff.String(),
		"{table}", f.Table,
		"{so}", f.SO,
		"{row}", f.Row,
		"{figure}", f.Figure,
		"{value}", f.Value,
		"{bound_figure}", f.BoundFigure,
		"{bound}", f.Bound,
		"{detail}", f.Detail,
	).Replace(r.Message)
}
