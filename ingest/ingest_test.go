package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunGoodInbox(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	goodXLSX(t, filepath.Join(inbox, "reports", "2026", "amif-001-h2.xlsx"))
	wh := filepath.Join(t.TempDir(), "warehouse")
	cat := testCatalogue(t)
	sum, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findingsOf(t, sum) {
		t.Log(f)
	}
	if sum.Errors > 0 || sum.ReportsAccepted != 5 || sum.ReportsRejected != 0 || !sum.Wrote || !sum.RegisterChanged {
		t.Fatalf("summary %+v", sum)
	}
	again, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: testClock(60), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if again.Wrote || again.FilesNew != 0 || again.FilesSkipped != 4 || again.Errors+again.Warnings != 0 {
		t.Fatalf("second run on the same inbox: %+v", again)
	}
}

// TestChangedFileReadAgain: a run takes a file whose path, size and modification time are
// those of a file read before without hashing it, so the stamp must not hide a file that was
// rewritten: new content in place (same size, a later time) is read as a new file.
func TestChangedFileReadAgain(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	wh := filepath.Join(t.TempDir(), "warehouse")
	cat := testCatalogue(t)
	if _, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(inbox, "reports", "2025", "amif-001-h1.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The same bytes but one digit of a value: the size stays.
	changed := strings.Replace(string(b), ",1", ",2", 1)
	if changed == string(b) {
		t.Fatal("the test file has no value to change")
	}
	st, _ := os.Stat(path)
	writeFile(t, path, changed)
	later := st.ModTime().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	again, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: testClock(60), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if again.FilesNew != 1 || again.FilesSkipped != 2 {
		t.Fatalf("after rewriting one file in place: %d new, %d skipped; want 1 new, 2 skipped", again.FilesNew, again.FilesSkipped)
	}
	// Unchanged since: skipped by its stamp, and the same as read.
	third, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r3", Now: testClock(120), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if third.FilesNew != 0 || third.FilesSkipped != 3 || third.Wrote {
		t.Fatalf("third run: %+v", third)
	}
}
