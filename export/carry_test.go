package export

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mittari/metrics"
)

// TestCarriedEqualsFresh: an export that takes over what the published outputs hold from the
// same inputs writes, byte for byte, what a fresh export writes — for data of a later run (the
// workbooks redated, the manifests naming the new run), and after each kind of change, where
// what changed is made anew and the rest taken over.
func TestCarriedEqualsFresh(t *testing.T) {
	cat := testCatalogue(t)
	first := t.TempDir()
	carry := &Carry{}
	meta := testMeta
	meta.Carry = carry
	if _, err := Write(first, testResults(), cat, meta); err != nil {
		t.Fatal(err)
	}
	if carry.taken != 0 || len(carry.Made()) == 0 {
		t.Fatalf("a first export took %d files over and recorded %d", carry.taken, len(carry.Made()))
	}
	later := testMeta
	later.DataAsOf, later.DataAsOfTime = "20260301T020000Z", time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	changedOps := slices.Clone(testOperations)
	changedOps[1].Title = "Language café, Espoo"
	for _, c := range []struct {
		name   string
		change func(res *metrics.Results, meta *Meta)
		// all: every workbook and the list of operations are taken over.
		all bool
	}{
		{"a later run, the same figures", func(*metrics.Results, *Meta) {}, true},
		{"an indicator of one cut-off", func(res *metrics.Results, _ *Meta) {
			for i := range res.Indicators {
				if res.Indicators[i].Cutoff == fixtureLast {
					res.Indicators[i].Achieved++
				}
			}
		}, false},
		{"a note of every workbook", func(res *metrics.Results, _ *Meta) { res.GoalsNote += " (revised)" }, false},
		{"an operation", func(_ *metrics.Results, meta *Meta) { meta.Operations = changedOps }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, fresh := testResults(), later
			c.change(res, &fresh)
			carried := fresh
			carried.Carry = &Carry{From: first, Inputs: carry.Made()}
			a, b := t.TempDir(), t.TempDir()
			if _, err := Write(a, res, cat, carried); err != nil {
				t.Fatal(err)
			}
			if _, err := Write(b, res, cat, fresh); err != nil {
				t.Fatal(err)
			}
			got, want := listFiles(t, a), listFiles(t, b)
			for _, name := range slices.Sorted(maps.Keys(want)) {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s differs from a fresh export", name)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d files, a fresh export %d", len(got), len(want))
			}
			taken, recorded := carried.Carry.taken, len(carried.Carry.Made())
			if c.all && taken != recorded || !c.all && (taken == 0 || taken == recorded) {
				t.Errorf("%d of %d workbooks and folders taken over", taken, recorded)
			}
			if !maps.Equal(carried.Carry.Made(), withCarry(t, res, fresh)) {
				t.Error("the inputs recorded differ from a fresh export's")
			}
		})
	}
}

// withCarry is what a fresh export records.
func withCarry(t *testing.T, res *metrics.Results, meta Meta) map[string]string {
	t.Helper()
	meta.Carry = &Carry{}
	if _, err := Write(t.TempDir(), res, testCatalogue(t), meta); err != nil {
		t.Fatal(err)
	}
	return meta.Carry.Made()
}

// TestCarriedOperationsLinked: the list of operations taken over shares its CSV and JSON
// files with the published ones (no copy of a file that grows with the programme).
func TestCarriedOperationsLinked(t *testing.T) {
	cat := testCatalogue(t)
	first, second := t.TempDir(), t.TempDir()
	meta := testMeta
	meta.Carry = &Carry{}
	if _, err := Write(first, testResults(), cat, meta); err != nil {
		t.Fatal(err)
	}
	meta.Carry = &Carry{From: first, Inputs: meta.Carry.Made()}
	if _, err := WriteOperations(second, testResults(), cat, meta); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"operations.csv", "operations.json"} {
		a, err := os.Stat(filepath.Join(first, "exports", "operations", name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.Stat(filepath.Join(second, "exports", "operations", name))
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(a, b) {
			t.Errorf("%s was written again, not linked", name)
		}
	}
}
