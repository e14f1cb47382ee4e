package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestRunGoodInbox(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	goodXLSX(t, filepath.Join(inbox, "reports", "2026", "amif-001-h2.xlsx"))
	wh := filepath.Join(t.TempDir(), "warehouse")
	cat := testCatalogue(t)
	sum, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: time.Unix(0, 0), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Findings {
		t.Log(f)
	}
	if sum.Errors() || sum.ReportsAccepted != 5 || sum.ReportsRejected != 0 || !sum.Wrote || !sum.RegisterChanged {
		t.Fatalf("summary %+v", sum)
	}
	again, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: time.Unix(60, 0), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if again.Wrote || again.FilesNew != 0 || again.FilesSkipped != 4 || len(again.Findings) != 0 {
		t.Fatalf("second run on the same inbox: %+v", again)
	}
}
