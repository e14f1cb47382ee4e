package transform

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mittari/domain"
)

// TestMartsSameBytes: the marts of two computations of the same warehouse are the same files,
// byte for byte, whether computed in full or from the cache (a nightly run with nothing new),
// so that a backup or sync of out/marts sees no change where there is none. Rows go in the
// order of each mart's key.
func TestMartsSameBytes(t *testing.T) {
	cat := testCatalogue(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	compared := 0
	for seed := int64(1); seed <= 4; seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		root := t.TempDir()
		writeWarehouse(t, root, w.runs)
		cache := filepath.Join(t.TempDir(), "transform.duckdb")
		asOf := w.runs[len(w.runs)-1].At.Add(time.Hour)
		run := func(cache string, asOf time.Time) (string, Stats) {
			var st Stats
			dir := t.TempDir()
			if _, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 2, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: dir, Cache: cache, Stats: &st}); err != nil {
				t.Fatal(err)
			}
			return dir, st
		}
		first, st1 := run(cache, asOf)
		second, st2 := run(cache, asOf.Add(time.Minute))
		uncached, _ := run("", asOf)
		if st1.Mode != "full" || st2.Mode != "incremental" {
			t.Fatalf("seed %d: modes %s then %s, want full then incremental", seed, st1.Mode, st2.Mode)
		}
		files, err := filepath.Glob(filepath.Join(first, "*.parquet"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no marts: %v", err)
		}
		for _, f := range files {
			a := readFile(t, f)
			for _, other := range []string{second, uncached} {
				if b := readFile(t, filepath.Join(other, filepath.Base(f))); !bytes.Equal(a, b) {
					t.Errorf("seed %d: %s differs between two computations of the same warehouse", seed, filepath.Base(f))
				}
			}
			compared++
		}
	}
	t.Logf("%d mart files compared", compared)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
