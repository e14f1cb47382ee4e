package transform

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestCopyCSVToParquetCountsEveryRow(t *testing.T) {
	dir := t.TempDir()
	for i, body := range []string{
		"project_id,period_start,period_end,submitted_at,item,value\nP1,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00,O.2.3,41\n",
		"project_id,period_start,period_end,submitted_at,item,value\nP2,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00,O.2.3,4\nP2,2025-01-01,2025-06-30,2025-07-20T10:15:00+03:00,expenditure_eur,10.50\n",
	} {
		sub := filepath.Join(dir, "reports", string(rune('a'+i)))
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, "r.csv"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "x.parquet")
	n, err := CopyCSVToParquet(context.Background(), filepath.Join(dir, "reports", "**", "*.csv"), out, 1, "256MB", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("copied %d rows, want 3", n)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no parquet written: %v", err)
	}
}
