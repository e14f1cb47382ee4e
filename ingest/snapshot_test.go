package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"mittari/catalogue"
)

// TestRegisterSnapshot: when the register files are those of the latest snapshot, a run reads
// the snapshot, and it holds exactly the projects and targets that checking the files gives;
// a changed file or another catalogue sends the run back to the files.
func TestRegisterSnapshot(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Skipf("catalogue not loadable yet: %v", err)
	}
	inbox := copyTree(t, "../data/demo")
	wh := filepath.Join(t.TempDir(), "wh")
	if _, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat}); err != nil {
		t.Fatal(err)
	}
	want, err := loadRegister(context.Background(), inbox, cat)
	if err != nil {
		t.Fatal(err)
	}
	st, err := loadState(wh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := runRegister(context.Background(), inbox, cat, st)
	if err != nil {
		t.Fatal(err)
	}
	if got.targetsRun == "" {
		t.Fatal("the register was read from the files, not the snapshot")
	}
	// A register from its snapshot carries everything the checks use; not the titles and
	// beneficiaries, which it never writes again.
	for i := range want.Projects {
		want.Projects[i].Title, want.Projects[i].Beneficiary = "", ""
	}
	if !reflect.DeepEqual(got.Projects, want.Projects) || !reflect.DeepEqual(got.byID, want.byID) {
		t.Errorf("projects differ:\n%+v\nwant\n%+v", got.Projects, want.Projects)
	}
	if got.ProjectsSHA256 != want.ProjectsSHA256 || got.TargetsSHA256 != want.TargetsSHA256 {
		t.Errorf("hashes differ")
	}
	all := map[string]bool{}
	for _, p := range want.Projects {
		all[p.ID] = true
	}
	one := want.Projects[0].ID
	if err := got.loadTargets(map[string]bool{one: true}); err != nil {
		t.Fatal(err)
	}
	for k, v := range got.targetOf {
		if got.Projects[k.project].ID != one || want.targetOf[k].value != v.value {
			t.Errorf("target %v = %d loaded for project %s", k, v.value, one)
		}
	}
	if err := got.loadTargets(all); err != nil {
		t.Fatal(err)
	}
	if len(got.targetOf) != len(want.targetOf) || len(want.targetOf) == 0 {
		t.Errorf("%d targets, want %d", len(got.targetOf), len(want.targetOf))
	}
	for k, v := range want.targetOf {
		if got.targetOf[k].value != v.value {
			t.Errorf("target %v = %d, want %d", k, got.targetOf[k].value, v.value)
		}
	}

	other := *cat
	other.Hash = "another catalogue"
	if reg, err := runRegister(context.Background(), inbox, &other, st); err != nil || reg.targetsRun != "" {
		t.Errorf("another catalogue: err %v, from snapshot %v", err, reg != nil && reg.targetsRun != "")
	}
	f, err := os.OpenFile(filepath.Join(inbox, TargetsFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n")
	f.Close()
	if reg, err := runRegister(context.Background(), inbox, cat, st); err != nil || reg.targetsRun != "" {
		t.Errorf("changed targets file: err %v, from snapshot %v", err, reg != nil && reg.targetsRun != "")
	}
}
