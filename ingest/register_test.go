package ingest

import (
	"context"
	"fmt"
	"mittari/ingest/read"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/internal/errs"
)

func TestLoadRegister(t *testing.T) {
	projects, targets, findings, err := LoadRegister("testdata/inbox", testCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 3 || len(targets) != 3 || len(findings) != 0 {
		t.Fatalf("%d projects, %d targets, findings %v", len(projects), len(targets), findings)
	}
	p := projects[1]
	want := domain.Project{ID: "AMIF-2023-002", Title: "Training for asylum\ncase workers <script>", Beneficiary: "Maahanmuuttovirasto",
		BeneficiaryType: "state_authority", Action: "1A1", Start: domain.MustDate("2023-01-01"), End: domain.MustDate("2025-12-31"),
		EligibleCost: domain.MustEuros("250000"), EUContribution: domain.MustEuros("187500"), Status: domain.StatusOngoing,
		SelectedOn: domain.MustDate("2023-01-01")} // empty selected_on means start_date
	if p != want {
		t.Errorf("project\n%+v\nwant\n%+v", p, want)
	}
	if projects[0].Title != `Kotoutumisen tuki, "Polku"` || projects[0].SelectedOn != domain.MustDate("2023-06-15") {
		t.Errorf("quoted title or selected_on: %+v", projects[0])
	}
}

// TestRegisterMissing: without a register every report would be "unknown project", so the run
// stops instead, writing nothing.
func TestRegisterMissing(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	if err := os.Remove(filepath.Join(inbox, ProjectsFile)); err != nil {
		t.Fatal(err)
	}
	wh := filepath.Join(t.TempDir(), "wh")
	_, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: testCatalogue(t)})
	if !errs.Is(errs.NotFound, err) {
		t.Fatalf("got %v, want a not-found error", err)
	}
	if _, err := os.Stat(wh); err == nil {
		t.Errorf("the run wrote a warehouse")
	}
}

// TestRegisterAboveReportCap: a register longer than a report file may be (read.Default's
// MaxRows) is read whole; the report cap is for one beneficiary's file, not for a programme's
// register (the 10 M-row benchmark's projects.csv holds 219 000 projects).
func TestRegisterAboveReportCap(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	n := read.Default.MaxRows + 2
	var b strings.Builder
	b.WriteString("project_id,title,beneficiary,beneficiary_type,action,start_date,end_date,eligible_cost_eur,eu_contribution_eur,status\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "P-%d,T,B,ngo,2A1,2023-01-01,2025-12-31,100.00,75.00,ongoing\n", i)
	}
	if err := os.WriteFile(filepath.Join(inbox, ProjectsFile), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, TargetsFile), []byte("project_id,indicator,target\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	projects, _, findings, err := LoadRegister(inbox, testCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != n || len(findings) != 0 {
		t.Fatalf("%d projects (want %d), findings %v", len(projects), n, findings)
	}
}

// TestTitlesAnyText: a title or beneficiary may be any Unicode text, also one a spreadsheet would
// take for a formula; the project is kept as it is (exports neutralise such text where they
// write a cell).
func TestTitlesAnyText(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	appendFile(t, filepath.Join(inbox, ProjectsFile),
		`AMIF-R-1,"=HYPERLINK(""http://x"")",@Järjestö ry,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,`+"\n"+
			"AMIF-R-2,-5 % kurssimaksuista,+Plus ry,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n")
	projects, _, findings, err := LoadRegister(inbox, testCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Fatalf("findings %v", findings)
	}
	titles := map[string]string{}
	for _, p := range projects {
		titles[p.ID] = p.Title + "|" + p.Beneficiary
	}
	if titles["AMIF-R-1"] != `=HYPERLINK("http://x")|@Järjestö ry` || titles["AMIF-R-2"] != "-5 % kurssimaksuista|+Plus ry" {
		t.Errorf("projects kept: %q", titles)
	}
}

// TestProjectIndex: the index finds every project added by its id, the first of a repeated id,
// and nothing else, across its growing; dropDuplicateProjects drops every row of a repeated id.
func TestProjectIndex(t *testing.T) {
	var facts []projectFacts
	want := map[string]int32{}
	x := newProjectIndex(0)
	for i := range 5000 {
		id := fmt.Sprintf("P-%d", i*7%3001)
		facts = append(facts, projectFacts{id: id, line: int32(i + 2)})
		first, repeated := x.add(facts, int32(i))
		if w, seen := want[id]; seen != repeated || seen && first != w {
			t.Fatalf("%s: add says %d, %v; want %d, %v", id, first, repeated, w, seen)
		}
		if !repeated {
			want[id] = int32(i)
		}
	}
	for id, w := range want {
		if got, ok := x.get(facts, id); !ok || got != w {
			t.Fatalf("%s: %d, %v; want %d", id, got, ok, w)
		}
	}
	for _, id := range []string{"P-3001", "", "P-", "p-1"} {
		if _, ok := x.get(facts, id); ok {
			t.Errorf("%q found", id)
		}
	}
	count := map[string]int{}
	for _, f := range facts {
		count[f.id]++
	}
	var findings []domain.Finding
	kept := dropDuplicateProjects(facts, "project_id", &findings)
	singles := 0
	for id, n := range count {
		if _, ok := kept.get(facts, id); ok != (n == 1) {
			t.Errorf("%s appears %d times, kept %v", id, n, ok)
		}
		if n == 1 {
			singles++
		}
	}
	if len(findings) != len(facts)-len(want) || kept.n != singles {
		t.Errorf("%d findings for %d repeated rows, %d kept of %d", len(findings), len(facts)-len(want), kept.n, singles)
	}
	single := []projectFacts{{id: "A"}, {id: "B"}, {id: "A"}, {id: "C"}}
	findings = nil
	kept = dropDuplicateProjects(single, "project_id", &findings)
	for id, keep := range map[string]bool{"A": false, "B": true, "C": true} {
		if _, ok := kept.get(single, id); ok != keep {
			t.Errorf("%s kept %v", id, ok)
		}
	}
	if len(findings) != 1 || findings[0].Value != "A" {
		t.Errorf("findings %v", findings)
	}
}
