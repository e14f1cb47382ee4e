package transform

import (
	"context"
	"mittari/internal/testcat"
	"slices"
	"testing"

	"mittari/domain"
)

// TestTargetStoredTwice: ingest drops a second target row of the same project and indicator,
// but a snapshot holding one (written otherwise) still gives one row per pair, with the rows
// added up, as stg_project_targets always did.
func TestTargetStoredTwice(t *testing.T) {
	runs := scenarioRuns()
	runs[0].Targets = append(runs[0].Targets, domain.Target{ProjectID: "P4", Indicator: "O.2.3", Value: 3})
	root := t.TempDir()
	writeWarehouse(t, root, runs)
	s, err := open(context.Background(), Options{Warehouse: root, Catalogue: testcat.New(t), AsOf: scenarioAsOf,
		Cutoffs: scenarioCutoffs, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if _, err := s.compute(context.Background(), scenarioAsOf); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, s.conn, "SELECT project_id, indicator, target FROM stg_project_targets WHERE project_id = 'P4' ORDER BY ALL")
	want := []string{"P4|O.2.3|23", "P4|O.2.3.1|10", "P4|R.2.8|12"}
	if !slices.Equal(got, want) {
		t.Errorf("P4's targets %v, want %v", got, want)
	}
	if n := queryStrings(t, s.conn, "SELECT count(*), sum(target) FROM stg_project_targets"); n[0] != "9|216" {
		t.Errorf("targets (count|sum) %v, want 9|216", n)
	}
}
