package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/warehouse"
)

// fullState reads every version with its counts by decoding whole rows, as loadState once did:
// the reference for the column scans of loadProjects.
func fullState(t *testing.T, root string) map[string]*known {
	t.Helper()
	out := map[string]*known{}
	byID := map[int64]*known{}
	err := warehouse.Read(root, warehouse.TableReportVersions, func(_ string, r warehouse.ReportVersionRow) error {
		if out[r.VersionHash] != nil {
			return nil // another copy
		}
		byID[r.VersionID] = &known{
			version: domain.Version{Key: domain.ReportKey{ProjectID: r.ProjectID, PeriodStart: domain.Date(r.PeriodStart),
				PeriodEnd: domain.Date(r.PeriodEnd)}, SubmittedAt: r.SubmittedAt, Hash: r.VersionHash},
			file: r.SourceFile, place: r.Place,
		}
		out[r.VersionHash] = byID[r.VersionID]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = warehouse.Read(root, warehouse.TableReportRows, func(_ string, r warehouse.ReportRow) error {
		if k := byID[r.VersionID]; k != nil && r.Value != nil {
			k.items = append(k.items, countOf(r.Item, *r.Value))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// twoRunWarehouse ingests the demo inbox in two runs (every other report file first), so that
// versions of one project lie in several files.
func twoRunWarehouse(t *testing.T) string {
	cat, err := catalogue.Default()
	if err != nil {
		t.Skipf("catalogue not loadable yet: %v", err)
	}
	inbox := copyTree(t, "../data/demo")
	held := t.TempDir()
	files, err := reportFiles(inbox)
	if err != nil {
		t.Fatal(err)
	}
	move := func(from, to string) {
		for i, rel := range files {
			if i%2 == 1 {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(to, rel)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(filepath.Join(from, rel), filepath.Join(to, rel)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	wh := filepath.Join(t.TempDir(), "wh")
	move(inbox, held)
	for _, run := range []string{"r1", "r2"} {
		if _, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: run, Now: testClock(0), Catalogue: cat}); err != nil {
			t.Fatal(err)
		}
		if run == "r1" {
			move(held, inbox)
		}
	}
	return wh
}

func sortedItems(k *known) []itemCount {
	items := append([]itemCount(nil), k.items...)
	sort.Slice(items, func(i, j int) bool { return items[i].code() < items[j].code() })
	return items
}

// TestLoadProjects: the versions loadProjects reads column by column, skipping row groups by
// their dictionaries, are exactly the reference's versions of the projects asked for.
func TestLoadProjects(t *testing.T) {
	wh := twoRunWarehouse(t)
	want := fullState(t, wh)
	if len(want) < 50 {
		t.Fatalf("only %d versions in the warehouse", len(want))
	}
	projects := map[string]bool{}
	for _, k := range want {
		projects[k.version.Key.ProjectID] = true
	}
	var one string
	for p := range projects {
		if one == "" || p < one {
			one = p
		}
	}
	cases := []struct {
		name     string
		projects map[string]bool
	}{
		{"every project", projects},
		{"one project", map[string]bool{one: true}},
		{"no project of the warehouse", map[string]bool{"AMIF-none": true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, err := loadState(wh)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.loadProjects(c.projects); err != nil {
				t.Fatal(err)
			}
			n := 0
			for h, w := range want {
				if !c.projects[w.version.Key.ProjectID] {
					if st.versions[h] != nil {
						t.Errorf("loaded %s of a project not asked for", h)
					}
					continue
				}
				n++
				g := st.versions[h]
				if g == nil {
					t.Errorf("version %s of %s not loaded", h, w.version.Key)
					continue
				}
				if !g.version.SubmittedAt.Equal(w.version.SubmittedAt) || describe(*g) != describe(*w) ||
					g.version.Key != w.version.Key || g.file != w.file || g.place != w.place {
					t.Errorf("version %s: got %+v, want %+v", h, *g, *w)
				}
				if !reflect.DeepEqual(sortedItems(g), sortedItems(w)) {
					t.Errorf("version %s: items %v, want %v", h, g.items, w.items)
				}
			}
			if len(st.versions) != n {
				t.Errorf("loaded %d versions, want %d", len(st.versions), n)
			}
		})
	}
}

// TestPartitionsMatch: a run that spills its versions into many partitions, settled on every
// core, reports and writes exactly what one that spills them into one does: on random inboxes
// (overlapping periods, older versions, rejected reports, files resent with other bytes) in one
// run, and run after run on the demo's files arriving in three batches, nothing new, then a
// file's reports resent in a file of other bytes.
func TestPartitionsMatch(t *testing.T) {
	defer func(b int64) { spillInput = b }(spillInput)
	run := func(inbox string, input int64) (*Summary, map[string][]string) {
		spillInput = input
		wh := filepath.Join(t.TempDir(), "wh")
		s, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(1), Catalogue: testCatalogue(t)})
		if err != nil {
			t.Fatal(err)
		}
		return s, dumpWarehouse(t, wh)
	}
	duplicates := 0
	for trial := 0; trial < 6; trial++ {
		rng := rand.New(rand.NewPCG(uint64(trial), 16))
		inbox := t.TempDir()
		for _, f := range []string{ProjectsFile, TargetsFile} {
			b, _ := os.ReadFile(filepath.Join("testdata/inbox", f))
			writeFile(t, filepath.Join(inbox, f), string(b))
		}
		files := randomReports(t, rng, inbox, 4+rng.IntN(6))
		for _, f := range files[:2] {
			b, _ := os.ReadFile(filepath.Join(inbox, f))
			writeFile(t, filepath.Join(inbox, "reports", "again", filepath.Base(f)), string(b)+"\n")
		}
		oneSum, oneWh := run(inbox, 1<<40)
		manySum, manyWh := run(inbox, 1)
		if one, many := comparable(t, oneSum), comparable(t, manySum); !reflect.DeepEqual(one, many) {
			t.Errorf("trial %d: one partition: accepted %d rejected %d ignored %d duplicate %d findings %v;\nmany: accepted %d rejected %d ignored %d duplicate %d findings %v", trial,
				one.ReportsAccepted, one.ReportsRejected, one.ReportsIgnored, one.ReportsDuplicate, one.findings,
				many.ReportsAccepted, many.ReportsRejected, many.ReportsIgnored, many.ReportsDuplicate, many.findings)
		}
		duplicates += oneSum.ReportsDuplicate
		if !reflect.DeepEqual(oneWh, manyWh) {
			t.Errorf("trial %d: warehouses differ:\n%s", trial, diff(oneWh, manyWh))
		}
	}
	if duplicates == 0 {
		t.Error("no trial resent a report")
	}

	cat, err := catalogue.Default()
	if err != nil {
		t.Skipf("catalogue not loadable yet: %v", err)
	}
	files, err := reportFiles("../data/demo")
	if err != nil {
		t.Fatal(err)
	}
	runAll := func(input int64) ([]*Summary, map[string][]string) {
		spillInput = input
		inbox := t.TempDir()
		for _, f := range []string{ProjectsFile, TargetsFile} {
			b, _ := os.ReadFile(filepath.Join("../data/demo", f))
			writeFile(t, filepath.Join(inbox, f), string(b))
		}
		wh := filepath.Join(t.TempDir(), "wh")
		var sums []*Summary
		for run := 0; run < 5; run++ {
			for i, rel := range files {
				if i%3 == run || run == 4 && i == 0 {
					b, _ := os.ReadFile(filepath.Join("../data/demo", rel))
					if run == 4 {
						// the same reports in a file of other bytes: duplicates, not a skip
						ext := filepath.Ext(rel)
						rel = rel[:len(rel)-len(ext)] + "-again" + ext
						b = append(b, '\n')
					}
					writeFile(t, filepath.Join(inbox, rel), string(b))
				}
			}
			s, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: fmt.Sprintf("r%d", run), Now: testClock(int64(run)), Catalogue: cat})
			if err != nil {
				t.Fatal(err)
			}
			sums = append(sums, s)
		}
		return sums, dumpWarehouse(t, wh)
	}
	oneSums, oneWh := runAll(1 << 40)
	manySums, manyWh := runAll(1)
	for i := range oneSums {
		if o, m := comparable(t, oneSums[i]), comparable(t, manySums[i]); !reflect.DeepEqual(o, m) {
			t.Errorf("run %d: one partition: accepted %d duplicate %d findings %d; many: accepted %d duplicate %d findings %d",
				i, o.ReportsAccepted, o.ReportsDuplicate, len(o.findings), m.ReportsAccepted, m.ReportsDuplicate, len(m.findings))
		}
	}
	if oneSums[4].ReportsDuplicate == 0 || oneSums[4].ReportsAccepted != 0 {
		t.Errorf("the resent reports are not all duplicates: %+v", oneSums[4])
	}
	if !reflect.DeepEqual(oneWh, manyWh) {
		t.Errorf("warehouses differ:\n%s", diff(oneWh, manyWh))
	}
}
