package main

import (
	"path/filepath"
	"strings"
	"testing"

	"mittari/pipeline/pipelinetest"
)

// TestStageCommandsEqualRun: `mittari ingest`, `transform`, `export`, `report` one after the
// other publish what `mittari run` publishes, byte for byte (marts: row for row), on the demo
// inbox; so do `transform --results FILE` and `report --results FILE`, the benchmarks' way.
func TestStageCommandsEqualRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	inbox := demoInbox(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	mittari := func(args ...string) {
		t.Helper()
		c := startMittari(t, []string{killClock}, args...)
		if st := c.wait(); !succeeded(st) {
			t.Fatalf("mittari %s exited %d:\n%s", strings.Join(args, " "), st, c.output())
		}
	}
	mittari("run", "--inbox", inbox, "--out", a)
	want, err := pipelinetest.Published(a)
	if err != nil {
		t.Fatal(err)
	}
	mittari("ingest", "--inbox", inbox, "--out", b)
	mittari("transform", "--out", b)
	mittari("export", "--out", b)
	mittari("report", "--out", b)
	got, err := pipelinetest.Published(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := pipelinetest.Diff(got, want); len(want) < 100 || len(diff) > 0 {
		t.Errorf("the stage commands published %d files; %d differ from run's %d: %v", len(got), len(diff), len(want), diff[:min(len(diff), 10)])
	}

	figures := filepath.Join(t.TempDir(), "figures.json")
	mittari("transform", "--out", b, "--results", figures)
	mittari("report", "--out", b, "--results", figures)
	mittari("export", "--out", b, "--results", figures)
	got, err = pipelinetest.Published(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := pipelinetest.Diff(got, want); len(diff) > 0 {
		t.Errorf("with --results, %d files differ from run's: %v", len(diff), diff[:min(len(diff), 10)])
	}
}
