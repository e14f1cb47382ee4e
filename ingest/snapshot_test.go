package ingest

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"mittari/catalogue"
	"mittari/domain"
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
	want, err := loadRegister(context.Background(), inbox, cat, t.TempDir(), 3, false)
	if err != nil {
		t.Fatal(err)
	}
	defer want.close()
	st, err := loadState(wh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := runRegister(context.Background(), inbox, cat, st, t.TempDir(), 3)
	if err != nil {
		t.Fatal(err)
	}
	defer got.close()
	if got.targetsRun == "" {
		t.Fatal("the register was read from the files, not the snapshot")
	}
	// A register from its snapshot carries everything the checks use.
	wantProjects, err := want.projectList()
	if err != nil {
		t.Fatal(err)
	}
	gotProjects, _ := got.projectList()
	if len(gotProjects) != len(wantProjects) || len(wantProjects) == 0 {
		t.Fatalf("%d projects, want %d", len(gotProjects), len(wantProjects))
	}
	for _, w := range wantProjects {
		g, ok := got.Project(w.ID)
		if f, _ := want.Project(w.ID); !ok || g != f {
			t.Errorf("project %s: %+v, want %+v", w.ID, g, f)
		}
	}
	if got.ProjectsSHA256 != want.ProjectsSHA256 || got.TargetsSHA256 != want.TargetsSHA256 {
		t.Errorf("hashes differ")
	}
	// The targets of the projects a run touches are loaded, and only theirs.
	wantTargets, err := want.targetList()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, p := range wantProjects {
		all[p.ID] = true
	}
	if len(wantTargets) == 0 {
		t.Fatal("the demo register has no targets")
	}
	one := wantTargets[0].ProjectID
	if err := got.loadTargets(map[string]bool{one: true}); err != nil {
		t.Fatal(err)
	}
	gotTargets, err := got.targetList()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range wantTargets {
		if w.ProjectID == one {
			n++
		}
	}
	if len(gotTargets) != n || n == 0 {
		t.Errorf("%d targets loaded for %s, want %d", len(gotTargets), one, n)
	}
	for _, g := range gotTargets {
		if g.ProjectID != one {
			t.Errorf("target %+v loaded for project %s", g, one)
		}
	}
	if err := got.loadTargets(all); err != nil {
		t.Fatal(err)
	}
	gotTargets, _ = got.targetList()
	key := func(ts []domain.Target) map[string]int64 {
		m := map[string]int64{}
		for _, t := range ts {
			m[t.ProjectID+" "+t.Indicator] = t.Value
		}
		return m
	}
	if !reflect.DeepEqual(key(gotTargets), key(wantTargets)) || len(gotTargets) != len(wantTargets) {
		t.Errorf("%d targets, want %d", len(gotTargets), len(wantTargets))
	}

	other := *cat
	other.Hash = "another catalogue"
	if reg, err := runRegister(context.Background(), inbox, &other, st, t.TempDir(), 1); err != nil || reg.targetsRun != "" {
		t.Errorf("another catalogue: err %v, from snapshot %v", err, reg != nil && reg.targetsRun != "")
	}
	f, err := os.OpenFile(filepath.Join(inbox, TargetsFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n")
	f.Close()
	if reg, err := runRegister(context.Background(), inbox, cat, st, t.TempDir(), 1); err != nil || reg.targetsRun != "" {
		t.Errorf("changed targets file: err %v, from snapshot %v", err, reg != nil && reg.targetsRun != "")
	}
}
