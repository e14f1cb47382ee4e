package transform

import (
	"reflect"
	"testing"
)

// TestChangesSince: a transform after r2, told that readers last saw r1's figures, lists what
// moved since r1 (the changes r2 brought), not the nothing that moved since r2.
func TestChangesSince(t *testing.T) {
	root := t.TempDir()
	writeWarehouse(t, root, scenarioRuns())
	want := runScenario(t, Options{Warehouse: root, AsOf: r2AsOf, Cutoffs: scenarioCutoffs})
	if len(want.Changes) == 0 {
		t.Fatal("the scenario's r2 changed nothing: the test would prove nothing")
	}
	got := runScenario(t, Options{Warehouse: root, AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs, ChangesSince: "20220801T000000Z"})
	if got.PreviousRun != "20220801T000000Z" || !got.PreviousAsOf.Equal(want.PreviousAsOf) {
		t.Fatalf("compared with run %q as of %s, want r1 as of %s", got.PreviousRun, got.PreviousAsOf, want.PreviousAsOf)
	}
	if !reflect.DeepEqual(got.Changes, want.Changes) {
		t.Errorf("changes since r1 seen after r2:\n%v\nwant those r2 made:\n%v", got.Changes, want.Changes)
	}
	// A run that is not committed is no basis: nothing is listed as changed.
	none := runScenario(t, Options{Warehouse: root, AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs, ChangesSince: "20990101T000000Z"})
	if none.PreviousRun != "" || len(none.Changes) != 0 {
		t.Errorf("an unknown run as the basis gave previous run %q and %d changes", none.PreviousRun, len(none.Changes))
	}
}
