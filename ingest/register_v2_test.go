package ingest

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"mittari/catalogue"
	"mittari/domain"
)

// TestRegisterPrivateAndCodes reads the register's optional columns of the second contract with
// the embedded catalogue: the private contribution (empty means 0) and an operation's own Annex
// VI codes (empty means its action's default); each bad value is an error on its row that names
// the file, line and column, and drops the row.
func TestRegisterPrivateAndCodes(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	header := "project_id,title,beneficiary,beneficiary_type,action,start_date,end_date,eligible_cost_eur,eu_contribution_eur,status,private_contribution_eur,intervention_field,type_of_action,implementation_modality\n"
	rows := []string{
		"P-OK,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,100.50,011,003,\n",
		"P-DEFAULT,T,B,ngo,RS4,2023-01-01,2025-12-31,500.00,500.00,ongoing,,,,\n",
		"P-NEG,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,-1.00,,,\n",
		"P-ABOVE,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,1000.01,,,\n",
		"P-TEXT,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,\"1 000,00\",,,\n",
		"P-CODE,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,,,099,\n",
		"P-SO,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,,001,,\n",
		"P-MOD,T,B,ngo,2D2,2023-01-01,2025-12-31,1000.00,750.00,ongoing,,,,9\n",
	}
	fsys := fstest.MapFS{
		ProjectsFile: {Data: []byte(header + strings.Join(rows, ""))},
		TargetsFile:  {Data: []byte("project_id,indicator,target\n")},
	}
	reg, err := registerFrom(context.Background(), fsys, "inbox", cat, t.TempDir(), 1, false)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.close()
	projects, err := reg.projectList()
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 2 {
		t.Fatalf("%d projects kept, want P-OK and P-DEFAULT: %+v", len(projects), projects)
	}
	ok, def := projects[0], projects[1]
	if ok.PrivateContribution != domain.MustEuros("100.50") || ok.Interventions != [3]string{"011", "003", ""} {
		t.Errorf("P-OK read as private %s, codes %v", ok.PrivateContribution, ok.Interventions)
	}
	if def.PrivateContribution != 0 || def.Interventions != [3]string{} {
		t.Errorf("P-DEFAULT read as private %s, codes %v; empty means 0 and the defaults", def.PrivateContribution, def.Interventions)
	}
	want := []struct{ rule, place, text string }{
		{RuleRegPrivate.ID, "projects.csv:4 column private_contribution_eur", `private_contribution_eur "-1.00" is not an amount`},
		{RuleRegPrivate.ID, "projects.csv:5 column private_contribution_eur", "private_contribution_eur 1000.01 exceeds eligible_cost_eur 1000.00"},
		{RuleRegPrivate.ID, "projects.csv:6 column private_contribution_eur", `private_contribution_eur "1 000,00" is not an amount`},
		{RuleRegIntervention.ID, "projects.csv:7 column type_of_action", `type_of_action "099" is not a code of the catalogue`},
		{RuleRegIntervention.ID, "projects.csv:8 column intervention_field", "intervention_field 001 belongs to another specific objective than action 2D2 (SO 2)"},
		{RuleRegIntervention.ID, "projects.csv:9 column implementation_modality", `implementation_modality "9" is not a code of the catalogue`},
	}
	if len(reg.Findings) != len(want) {
		t.Fatalf("%d findings, want %d:\n%v", len(reg.Findings), len(want), reg.Findings)
	}
	for i, w := range want {
		f := reg.Findings[i]
		msg := f.String()
		if f.Rule != w.rule || !strings.Contains(msg, w.place) || !strings.Contains(msg, w.text) || f.Severity != domain.SeverityError {
			t.Errorf("finding %d: %s\nwant rule %s at %s saying %q", i, msg, w.rule, w.place, w.text)
		}
	}
}
