package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mittari/domain"
)

// The demo inbox is hand-maintained data that a known-answer test depends on; these tests keep
// its register consistent with the rules data/demo/README.md states, so that an edit that breaks
// them is caught here rather than as a puzzling figure downstream.

func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(inbox, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]string
	for i, r := range recs[1:] {
		m := map[string]string{"_line": strconv.Itoa(i + 2)}
		for j, h := range recs[0] {
			m[h] = r[j]
		}
		out = append(out, m)
	}
	return out
}

// euRate is the EU co-financing rate of an action in per cent (README: 75 / 100 / 90, and 100
// for SO 4's thematic-facility lines RS4 and TR4).
func euRate(action string) int64 {
	switch {
	case strings.HasPrefix(action, "OS"), action == "RS4", action == "TR4":
		return 100
	case strings.HasPrefix(action, "SA"):
		return 90
	default:
		return 75
	}
}

func TestProjectsRegister(t *testing.T) {
	projects := readCSV(t, "projects.csv")
	if len(projects) < 20 || len(projects) > 35 {
		t.Errorf("%d projects, want 20 to 35", len(projects))
	}
	seen := map[string]bool{}
	var cancelled, lateSelected, nasty int
	for _, p := range projects {
		where := "projects.csv:" + p["_line"] + " " + p["project_id"]
		if seen[p["project_id"]] {
			t.Errorf("%s: project_id twice", where)
		}
		seen[p["project_id"]] = true
		el, err1 := domain.ParseEuros(p["eligible_cost_eur"])
		eu, err2 := domain.ParseEuros(p["eu_contribution_eur"])
		if err1 != nil || err2 != nil {
			t.Errorf("%s: money: %v %v", where, err1, err2)
			continue
		}
		if want := (int64(el)*euRate(p["action"]) + 50) / 100; int64(eu) != want || eu > el {
			t.Errorf("%s: eu_contribution %s, want %d %% of %s = %s", where, eu, euRate(p["action"]), el, domain.Cents(want))
		}
		start, err1 := domain.ParseDate(p["start_date"])
		end, err2 := domain.ParseDate(p["end_date"])
		if err1 != nil || err2 != nil || end < start {
			t.Errorf("%s: dates %q..%q", where, p["start_date"], p["end_date"])
		}
		if p["selected_on"] != "" {
			sel, err := domain.ParseDate(p["selected_on"])
			if err != nil {
				t.Errorf("%s: selected_on: %v", where, err)
			}
			if sel > start {
				lateSelected++
			}
		}
		if !slices.Contains(domain.ProjectStatuses, domain.ProjectStatus(p["status"])) {
			t.Errorf("%s: status %q", where, p["status"])
		}
		if p["status"] == string(domain.StatusCancelled) {
			cancelled++
		}
		if !slices.Contains(domain.BeneficiaryTypes, domain.BeneficiaryType(p["beneficiary_type"])) {
			t.Errorf("%s: beneficiary_type %q", where, p["beneficiary_type"])
		}
		if strings.ContainsAny(p["title"], ",\"\n") && strings.Contains(p["title"], "<script>") {
			nasty++
		}
	}
	if cancelled == 0 || lateSelected == 0 || nasty == 0 {
		t.Errorf("want at least one cancelled (%d), one selected late (%d) and one title with a comma, quotes, a newline and <script> (%d)",
			cancelled, lateSelected, nasty)
	}

	for _, tg := range readCSV(t, "project_targets.csv") {
		where := "project_targets.csv:" + tg["_line"]
		if !seen[tg["project_id"]] {
			t.Errorf("%s: unknown project %s", where, tg["project_id"])
		}
		if v, err := strconv.ParseInt(tg["target"], 10, 64); err != nil || v < 0 {
			t.Errorf("%s: target %q is not a non-negative integer", where, tg["target"])
		}
	}
}

// TestXLSXReportsKeepTheRules checks the XLSX half of the reports against the rules the README
// promises: of-which ≤ parent, no negative counts, two-decimal expenditure, RFC 3339 submitted_at
// after the period. The one deliberately broken report is JSON, so none may fail here.
func TestXLSXReportsKeepTheRules(t *testing.T) {
	parent := map[string]string{"O.1.1.1": "O.1.1", "O.1.1.3": "O.1.1", "O.1.3.1": "O.1.3", "O.1.4.1": "O.1.4",
		"O.2.3.1": "O.2.3", "O.2.3.2": "O.2.3", "O.2.3.3": "O.2.3", "O.3.2.1": "O.3.2"}
	for _, wb := range workbooks {
		for _, r := range wb.Reports {
			where := wb.Path + " " + r.ProjectID + " " + r.PeriodStart
			vals := map[string]int64{}
			for _, it := range r.Items {
				if it.Name == domain.ExpenditureItem {
					c, err := domain.ParseEuros(it.Value)
					if err != nil || c < 0 || !strings.Contains(it.Value, ".") || len(it.Value)-strings.Index(it.Value, ".") != 3 {
						t.Errorf("%s: expenditure %q (%v)", where, it.Value, err)
					}
					continue
				}
				v, err := strconv.ParseInt(it.Value, 10, 64)
				if err != nil || v < 0 {
					t.Errorf("%s: %s = %q is not a non-negative count", where, it.Name, it.Value)
				}
				vals[it.Name] = v
			}
			for child, par := range parent {
				c, okc := vals[child]
				p, okp := vals[par]
				if okc && okp && c > p {
					t.Errorf("%s: %s = %d above its parent %s = %d", where, child, c, par, p)
				}
			}
			sub, err := domain.ParseTimestamp(r.SubmittedAt)
			end, err2 := domain.ParseDate(r.PeriodEnd)
			if err != nil || err2 != nil || domain.DateOf(sub) <= end {
				t.Errorf("%s: submitted_at %q must be an RFC 3339 time after the period end %q", where, r.SubmittedAt, r.PeriodEnd)
			}
		}
	}
}
