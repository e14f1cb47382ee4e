package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"

	"mittari/domain"
)

var registerSeeds = [][2]string{
	{"project_id,title,beneficiary,beneficiary_type,action,start_date,end_date,eligible_cost_eur,eu_contribution_eur,status,selected_on\n" +
		"A,\"T, \"\"q\"\"\nx\",B,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n", "project_id,indicator,target\nA,O.2.3,10\n"},
	{"project_id;title;beneficiary;beneficiary_type;action;start_date;end_date;eligible_cost_eur;eu_contribution_eur;status\n" +
		"A;=cmd|' /C calc'!A0;B;NGO;2X9;1.1.2024;2023-12-31;1 000,00;2000;paused\nA;T;B;ngo;2A1;2024-01-01;2025-12-31;5;5;cancelled\n",
		"project_id,indicator,target\nA,O.9.9,-1\nB,O.2.3,1e3\n"},
	{"project_id\n\x00\x01", "\xff\xfe"},
}

// FuzzRegister: whatever the two register files hold, loading them never panics, and every
// project it keeps is valid by the register rules.
func FuzzRegister(f *testing.F) {
	for _, s := range registerSeeds {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	cat := testCatalogue(f)
	f.Fuzz(func(t *testing.T, projects, targets []byte) {
		fsys := fstest.MapFS{ProjectsFile: {Data: projects}, TargetsFile: {Data: targets}}
		reg, err := registerFrom(context.Background(), fsys, "inbox", cat, t.TempDir(), 3, false)
		if err != nil {
			return // a register that cannot be read at all is an error of the run, by design
		}
		defer reg.close()
		kept, err := reg.projectList()
		if err != nil {
			t.Fatal(err)
		}
		keptTargets, err := reg.targetList()
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, p := range kept {
			if ids[p.ID] || p.ID == "" || p.EUContribution > p.EligibleCost || p.EligibleCost < 0 || p.End < p.Start {
				t.Fatalf("kept an invalid project %+v", p)
			}
			if _, ok := cat.Action(p.Action); !ok {
				t.Fatalf("kept a project of unknown action %+v", p)
			}
			ids[p.ID] = true
		}
		for _, tg := range keptTargets {
			if !ids[tg.ProjectID] || tg.Value < 0 {
				t.Fatalf("kept an invalid target %+v", tg)
			}
		}
		for _, fd := range reg.Findings {
			if fd.Place.File != ProjectsFile && fd.Place.File != TargetsFile || fd.Severity != domain.SeverityError && fd.Severity != domain.SeverityWarning {
				t.Fatalf("finding without a place in the register: %+v", fd)
			}
		}
	})
}

func TestWriteRegisterFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzRegister")
	if *update {
		os.MkdirAll(dir, 0o755)
		for i, s := range registerSeeds {
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(s[0]) + ")\n[]byte(" + strconv.Quote(s[1]) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) < len(registerSeeds) {
		t.Errorf("%s: committed corpus missing (go test -run TestWriteRegisterFuzzCorpus -update)", dir)
	}
}
