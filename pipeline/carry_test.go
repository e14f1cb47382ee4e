package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestNightEqualsFresh: a night whose exports and marts take over what the published
// generation holds from the same inputs (export.Carry, transform.Options.MartsFrom) publishes,
// byte for byte, the exports and marts of a night that makes every file anew; a correction of
// one report changes the inputs of the list of operations, not of every file.
func TestNightEqualsFresh(t *testing.T) {
	correction := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1,95\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,O.1.1.3,28\n" +
		"AMIF-2024-001,2025-07-01,2025-07-31,2026-04-05T09:00:00+03:00,expenditure_eur,33124.92\n"
	nights := func(t *testing.T, forget bool) (out string, gens []*Generation) {
		cat, inbox, out := demoFolders(t)
		o := Options{Inbox: inbox, Out: out, Catalogue: cat}
		for i, at := range []string{"2026-04-01T02:00:00Z", "2026-04-10T02:00:00Z"} {
			if i == 1 {
				if err := os.WriteFile(filepath.Join(inbox, "reports", "correction.csv"), []byte(correction), 0o644); err != nil {
					t.Fatal(err)
				}
				if forget {
					forgetInputs(t, out)
				}
			}
			o.Now = clockAt(at)
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			gens = append(gens, res.Generation)
		}
		return out, gens
	}
	carried, gens := nights(t, false)
	fresh, _ := nights(t, true)
	if len(gens[0].ExportInputs) == 0 || len(gens[1].ExportInputs) != len(gens[0].ExportInputs) {
		t.Fatalf("the generations recorded the inputs of %d and %d exported files", len(gens[0].ExportInputs), len(gens[1].ExportInputs))
	}
	if len(gens[1].MartDigests) == 0 {
		t.Fatal("the generation recorded no digest of its marts")
	}
	sameTree(t, "the exports and marts of a night that took files over", tables(publishedTree(t, carried)), tables(publishedTree(t, fresh)))
	if gens[0].ExportInputs["exports/operations"] == gens[1].ExportInputs["exports/operations"] {
		t.Error("the correction did not change the inputs of the list of operations")
	}
	same := 0
	for p, d := range gens[1].ExportInputs {
		if gens[0].ExportInputs[p] == d {
			same++
		}
	}
	if same == 0 {
		t.Error("no exported file had the same inputs after a correction of one report")
	}
}

// forgetInputs removes from the published generation of out what it recorded of its exports'
// inputs and its marts' content, so that the next run makes every file anew.
func forgetInputs(t *testing.T, out string) {
	t.Helper()
	g, dir, err := published(Layout{out})
	if err != nil || g == nil {
		t.Fatalf("nothing published: %v", err)
	}
	g.ExportInputs, g.MartDigests = nil, nil
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir.Meta(), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRecordedOutputsHashed: the run record gives every file the run published its SHA-256,
// whether read from the file or from its export folder's manifest, on a first night and on one
// that took files over.
func TestRecordedOutputsHashed(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	o := Options{Inbox: inbox, Out: out, Catalogue: cat}
	for _, at := range []string{"2026-04-01T02:00:00Z", "2026-04-02T02:00:00Z"} {
		o.Now = clockAt(at)
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Record.Outputs) < 100 {
			t.Fatalf("%d outputs recorded", len(res.Record.Outputs))
		}
		for _, f := range res.Record.Outputs {
			if got := fileSHA256(f.Path); got != f.SHA256 || got == "" {
				t.Errorf("%s: recorded %s, the file's SHA-256 is %s", f.Path, f.SHA256, got)
			}
		}
	}
}
