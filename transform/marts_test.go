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
	"mittari/internal/testcat"
)

// TestMartsSameBytes: the marts of two computations of the same warehouse are the same files,
// byte for byte, whether computed in full or from the cache (a nightly run with nothing new),
// so that a backup or sync of out/marts sees no change where there is none. Rows go in the
// order of each mart's key.
func TestMartsSameBytes(t *testing.T) {
	cat := testcat.New(t)
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

// TestMartsLeftAloneWhenUnchanged: a run whose marts hold what their files hold rewrites none
// of them (the files keep their time, so a sync sees nothing new); a mart whose content changed
// is written again, as is one written by other code, and what is written equals a fresh
// computation.
func TestMartsLeftAloneWhenUnchanged(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	w := generate(rand.New(rand.NewSource(5)), cat)
	var withReports int
	for i, r := range w.runs {
		if len(r.Reports) > 0 && !r.Uncommited && i > 0 {
			withReports = i
		}
	}
	if withReports == 0 {
		t.Fatal("the random history has no later run with reports")
	}
	root := t.TempDir()
	writeWarehouse(t, root, w.runs[:withReports])
	marts := t.TempDir()
	run := func(asOf time.Time, dir string) {
		t.Helper()
		if _, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
			Threads: 2, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: dir}); err != nil {
			t.Fatal(err)
		}
	}
	first := w.runs[withReports].At.Add(-time.Minute)
	run(first, marts)
	files, _ := filepath.Glob(filepath.Join(marts, "*.parquet"))
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	run(first.Add(time.Minute), marts)
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || !st.ModTime().Equal(old) {
			t.Errorf("%s was written again although nothing changed", filepath.Base(f))
		}
	}
	// New reports change the breakdowns (and more); the file written equals a fresh one.
	writeWarehouse(t, root, w.runs[withReports:withReports+1])
	later := w.runs[withReports].At.Add(time.Hour)
	run(later, marts)
	fresh := t.TempDir()
	run(later, fresh)
	changed := 0
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if !st.ModTime().Equal(old) {
			changed++
		}
		if !bytes.Equal(readFile(t, f), readFile(t, filepath.Join(fresh, filepath.Base(f)))) {
			t.Errorf("%s differs from a fresh computation", filepath.Base(f))
		}
	}
	if changed == 0 {
		t.Fatal("new reports rewrote no mart")
	}
	// A file written by other code (or without a digest) is written again.
	victim := filepath.Join(marts, "mart_sfc_indicators.parquet")
	if err := os.WriteFile(victim, readFile(t, filepath.Join(marts, "mart_consistency.parquet")), 0o644); err != nil {
		t.Fatal(err)
	}
	run(later, marts)
	if !bytes.Equal(readFile(t, victim), readFile(t, filepath.Join(fresh, "mart_sfc_indicators.parquet"))) {
		t.Fatal("a mart file holding other content was left alone")
	}
}

func TestSameBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	long := bytes.Repeat([]byte("0123456789abcdef"), 10000)
	other := append([]byte(nil), long...)
	other[len(other)-1] = 'x'
	a := write("a", long)
	for _, tc := range []struct {
		name string
		b    string
		want bool
	}{
		{"same bytes", write("b", long), true},
		{"one byte differs, same size", write("c", other), false},
		{"shorter", write("d", long[:len(long)-1]), false},
		{"empty", write("e", nil), false},
		{"missing", filepath.Join(dir, "missing"), false},
	} {
		if got, err := sameBytes(a, tc.b); err != nil || got != tc.want {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

// TestMartsTakenOverWhenUnchanged: a run given the marts written before and their digests
// (Options.MartsFrom, MartDigests) links the marts whose content did not change and writes the
// others; every file equals a fresh computation's, byte for byte.
func TestMartsTakenOverWhenUnchanged(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	linked, written := 0, 0
	for seed := int64(6); seed <= 8; seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		last := len(w.runs) - 1
		for last > 0 && (len(w.runs[last].Reports) == 0 || w.runs[last].Uncommited) {
			last--
		}
		if last == 0 {
			continue
		}
		root := t.TempDir()
		writeWarehouse(t, root, w.runs[:last])
		run := func(asOf time.Time, from string, digests map[string]string) (string, Stats) {
			t.Helper()
			var st Stats
			dir := t.TempDir()
			if _, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 2, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: dir, MartsFrom: from, MartDigests: digests,
				Stats: &st}); err != nil {
				t.Fatal(err)
			}
			return dir, st
		}
		before, st := run(w.runs[last].At.Add(-time.Minute), "", nil)
		if len(st.Marts) == 0 {
			t.Fatal("no digest of the marts written")
		}
		writeWarehouse(t, root, w.runs[last:last+1])
		later := w.runs[last].At.Add(time.Hour)
		after, _ := run(later, before, st.Marts)
		fresh, _ := run(later, "", nil)
		files, _ := filepath.Glob(filepath.Join(fresh, "*.parquet"))
		for _, f := range files {
			name := filepath.Base(f)
			if !bytes.Equal(readFile(t, filepath.Join(after, name)), readFile(t, f)) {
				t.Errorf("seed %d: %s differs from a fresh computation", seed, name)
			}
			a, errA := os.Stat(filepath.Join(before, name))
			b, errB := os.Stat(filepath.Join(after, name))
			if errA == nil && errB == nil && os.SameFile(a, b) {
				linked++
			} else {
				written++
			}
		}
	}
	t.Logf("%d marts linked, %d written", linked, written)
	if linked == 0 || written == 0 {
		t.Fatalf("%d marts linked and %d written: new reports should change some and leave others", linked, written)
	}
}
