package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/internal/errs"
	"mittari/warehouse"
)

// TestRegisterShrink: a register that lacks more than a tenth of the projects in force (a file
// cut short at a row boundary) stops the run, naming the file and the counts, and nothing is
// committed; losing a tenth or less goes in; the operator's --accept-register-shrink takes in
// the smaller register.
func TestRegisterShrink(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	var rows []string
	for i := 0; i < 40; i++ {
		rows = append(rows, fmt.Sprintf("AMIF-S-%02d,Title,Org,ngo,2A1,2024-01-01,2025-12-31,1000.00,750.00,ongoing,\n", i))
	}
	head, err := os.ReadFile(filepath.Join(inbox, ProjectsFile)) // the 3 projects the reports are of
	if err != nil {
		t.Fatal(err)
	}
	register := func(n int) { // the 3 and the first n of the 40
		writeFile(t, filepath.Join(inbox, ProjectsFile), string(head)+strings.Join(rows[:n], ""))
	}
	wh := filepath.Join(t.TempDir(), "wh")
	run := func(id string, accept bool) (*Summary, error) {
		return Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: id, Now: testClock(int64(len(id))), Catalogue: testCatalogue(t), AcceptRegisterShrink: accept})
	}
	register(40)
	if _, err := run("r1", false); err != nil {
		t.Fatal(err)
	}
	register(36) // 4 of 43 lost: under a tenth
	if s, err := run("r2", false); err != nil || !s.RegisterChanged {
		t.Fatalf("losing 4 of 43: %v (register changed %v)", err, s != nil && s.RegisterChanged)
	}
	register(20) // cut short: 16 of 39 lost
	_, err = run("r3", false)
	if !errs.Is(errs.Invalid, err) {
		t.Fatalf("a register cut short: %v, want an error of kind Invalid", err)
	}
	for _, want := range []string{ProjectsFile, "lacks 16 of the 39 projects", "--accept-register-shrink"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if runs, _ := warehouse.CommittedRuns(wh); len(runs) != 2 {
		t.Errorf("committed runs %v: the refused run committed", runs)
	}
	if s, err := run("r4", true); err != nil || !s.RegisterChanged {
		t.Fatalf("accepted by the operator: %v", err)
	}
	if _, err := run("r5", false); err != nil {
		t.Fatalf("the accepted register is the one in force: %v", err)
	}
}
