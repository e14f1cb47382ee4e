package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"mittari/domain"
	"mittari/warehouse"
)

// dumpWarehouse reads every data table (not runs) as sorted text rows without ingested_at, so
// that two warehouses can be compared for content regardless of run ids and times.
func dumpWarehouse(t testing.TB, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	// Version ids number versions in the order a run took them in; what a row says is which
	// version it belongs to, so rows show the version's hash instead.
	hashOf := map[int64]string{}
	add := func(table string, row any, prefix ...string) {
		v := reflect.ValueOf(row)
		parts := prefix
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			if name == "IngestedAt" || name == "VersionID" || name == "ModTime" {
				continue
			}
			f := v.Field(i)
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					parts = append(parts, name+"=NULL")
					continue
				}
				f = f.Elem()
			}
			parts = append(parts, fmt.Sprintf("%s=%v", name, f.Interface()))
		}
		out[table] = append(out[table], strings.Join(parts, " "))
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(warehouse.Read(root, warehouse.TableFiles, func(_ string, r warehouse.FileRow) error { add(warehouse.TableFiles, r); return nil }))
	must(warehouse.Read(root, warehouse.TableReportVersions, func(_ string, r warehouse.ReportVersionRow) error {
		add(warehouse.TableReportVersions, r)
		if _, dup := hashOf[r.VersionID]; dup || r.VersionID <= 0 {
			t.Fatalf("version_id %d given twice or not positive (%s)", r.VersionID, r.VersionHash)
		}
		hashOf[r.VersionID] = r.VersionHash
		return nil
	}))
	must(warehouse.Read(root, warehouse.TableReportRows, func(_ string, r warehouse.ReportRow) error {
		add(warehouse.TableReportRows, r, "Version="+hashOf[r.VersionID])
		return nil
	}))
	must(warehouse.Read(root, warehouse.TableQuarantine, func(_ string, r warehouse.FindingRow) error { add(warehouse.TableQuarantine, r); return nil }))
	must(warehouse.Read(root, warehouse.TableWarnings, func(_ string, r warehouse.FindingRow) error { add(warehouse.TableWarnings, r); return nil }))
	must(warehouse.Read(root, warehouse.TableProjects, func(_ string, r warehouse.ProjectRow) error { add(warehouse.TableProjects, r); return nil }))
	must(warehouse.Read(root, warehouse.TableProjectTargets, func(_ string, r warehouse.ProjectTargetRow) error {
		add(warehouse.TableProjectTargets, r)
		return nil
	}))
	for _, rows := range out {
		sort.Strings(rows)
	}
	return out
}

// randomReports writes n report files into inbox/reports: several versions of the same
// reports, overlapping periods, invalid reports, an indicator outside the action, CSV and JSON.
func randomReports(t testing.TB, rng *rand.Rand, inbox string, n int) []string {
	periods := [][2]string{{"2024-01-01", "2024-06-30"}, {"2024-07-01", "2024-12-31"}, {"2025-01-01", "2025-06-30"}, {"2024-04-01", "2024-09-30"}}
	projects := []string{"AMIF-2023-001", "AMIF-2023-002"}
	items := map[string][]string{"AMIF-2023-001": {"O.2.3", "O.2.3.1", "R.2.8", "O.1.2"}, "AMIF-2023-002": {"O.1.2", "R.1.5"}}
	var files []string
	seq := 0
	for i := 0; i < n; i++ {
		asJSON := rng.IntN(2) == 0
		var b strings.Builder
		if asJSON {
			b.WriteString("[")
		} else {
			b.WriteString(hdr)
		}
		for r := 0; r < 1+rng.IntN(3); r++ {
			seq++
			p := projects[rng.IntN(len(projects))]
			per := periods[rng.IntN(len(periods))]
			// Unique instants keep every version's content distinct (a same-content resend in
			// another file would make which file is recorded depend on arrival).
			sub := domain.MustDate(per[1]).Time().AddDate(0, 0, 1+rng.IntN(90)).Add(time.Duration(seq) * time.Second)
			subText := sub.Format(time.RFC3339)
			vals := map[string]int64{}
			for _, it := range items[p] {
				if rng.IntN(3) > 0 {
					vals[it] = int64(rng.IntN(40))
				}
			}
			if rng.IntN(6) == 0 {
				vals[items[p][0]] = -1 // an error: the whole report is rejected
			}
			codes := make([]string, 0, len(vals))
			for c := range vals {
				codes = append(codes, c)
			}
			sort.Strings(codes)
			if asJSON {
				if r > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, `{"project_id": %q, "period_start": %q, "period_end": %q, "submitted_at": %q, "indicators": {`, p, per[0], per[1], subText)
				for j, c := range codes {
					if j > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "%q: %d", c, vals[c])
				}
				fmt.Fprintf(&b, `}, "expenditure_eur": "%d.%02d"}`, rng.IntN(10000), rng.IntN(100))
			} else {
				for _, c := range codes {
					fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%d,\n", p, per[0], per[1], subText, c, vals[c])
				}
				fmt.Fprintf(&b, "%s,%s,%s,%s,expenditure_eur,%d.%02d,\n", p, per[0], per[1], subText, rng.IntN(10000), rng.IntN(100))
			}
		}
		ext := "csv"
		if asJSON {
			b.WriteString("]")
			ext = "json"
		}
		name := fmt.Sprintf("reports/f%02d.%s", i, ext)
		writeFile(t, filepath.Join(inbox, name), b.String())
		files = append(files, name)
	}
	return files
}

// TestOrderDoesNotMatter is the property that file order never changes the warehouse: the same
// files read in sorted order in one run, in a shuffled order in one run, and shuffled and split
// over several runs (the inbox growing between them) give the same content.
func TestOrderDoesNotMatter(t *testing.T) {
	cat := testCatalogue(t)
	defer func() { reorderForTest = func([]string) {} }()
	defer func(b int64) { spillInput = b }(spillInput)
	for trial := 0; trial < 8; trial++ {
		rng := rand.New(rand.NewPCG(uint64(trial), 7))
		// Odd trials spill the versions into as many partitions as they can, even ones into
		// one: the property holds either way.
		spillInput = 16 << 20
		if trial%2 == 1 {
			spillInput = 1
		}
		src := t.TempDir()
		for _, f := range []string{ProjectsFile, TargetsFile} {
			b, _ := os.ReadFile(filepath.Join("testdata/inbox", f))
			writeFile(t, filepath.Join(src, f), string(b))
		}
		files := randomReports(t, rng, src, 3+rng.IntN(6))

		run := func(inbox, wh, id string) {
			if _, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: id, Now: testClock(int64(trial)), Catalogue: cat}); err != nil {
				t.Fatal(err)
			}
		}
		reorderForTest = func([]string) {}
		whSorted := filepath.Join(t.TempDir(), "wh")
		run(src, whSorted, "r1")
		want := dumpWarehouse(t, whSorted)

		reorderForTest = func(p []string) { rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] }) }
		whShuffled := filepath.Join(t.TempDir(), "wh")
		run(src, whShuffled, "r1")
		if got := dumpWarehouse(t, whShuffled); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: shuffled order gives another warehouse:\n%s", trial, diff(want, got))
		}

		// Split: the inbox receives the files in a random order, a few at a time.
		order := append([]string(nil), files...)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		inbox := t.TempDir()
		for _, f := range []string{ProjectsFile, TargetsFile} {
			b, _ := os.ReadFile(filepath.Join(src, f))
			writeFile(t, filepath.Join(inbox, f), string(b))
		}
		whSplit := filepath.Join(t.TempDir(), "wh")
		for i, runNo := 0, 0; i < len(order); runNo++ {
			k := 1 + rng.IntN(3)
			for ; k > 0 && i < len(order); k, i = k-1, i+1 {
				b, _ := os.ReadFile(filepath.Join(src, order[i]))
				writeFile(t, filepath.Join(inbox, order[i]), string(b))
			}
			run(inbox, whSplit, fmt.Sprintf("r%02d", runNo))
		}
		if got := dumpWarehouse(t, whSplit); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: split over runs gives another warehouse:\n%s", trial, diff(want, got))
		}
	}
}

func diff(want, got map[string][]string) string {
	var b strings.Builder
	for table, rows := range want {
		g := got[table]
		if !reflect.DeepEqual(rows, g) {
			fmt.Fprintf(&b, "table %s: %d rows, want %d\n", table, len(g), len(rows))
			for i := 0; i < len(rows) || i < len(g); i++ {
				var w, h string
				if i < len(rows) {
					w = rows[i]
				}
				if i < len(g) {
					h = g[i]
				}
				if w != h {
					fmt.Fprintf(&b, "  want %.200s\n  got  %.200s\n", w, h)
					break
				}
			}
		}
	}
	return b.String()
}
