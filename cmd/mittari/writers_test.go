package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two mittari commands on one output folder: the second is refused at once with a message
// naming the folder and --wait, and no figure counts twice. The first is held at a named point
// (MITTARI_TEST_PAUSE_AT) while it holds the lock.
func TestSecondWriterRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	tests := []struct {
		name          string
		first, second []string
		published     bool // the folder holds a published run before the two start
	}{
		{"run then ingest", []string{"run"}, []string{"ingest"}, false},
		{"ingest then ingest", []string{"ingest"}, []string{"ingest"}, false},
		{"export then run", []string{"export"}, []string{"run"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inbox := demoInbox(t)
			out := filepath.Join(t.TempDir(), "out")
			args := func(cmd []string) []string {
				a := append(append([]string(nil), cmd...), "--out", out)
				if cmd[0] == "run" || cmd[0] == "ingest" {
					a = append(a, "--inbox", inbox)
				}
				return a
			}
			if tt.published {
				if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out); !succeeded(st) {
					t.Fatalf("the first run: %s", stderr)
				}
			}
			// Held after its ingest committed (run, ingest), or with the lock just taken.
			point := "ingested"
			if tt.first[0] == "export" {
				point = "locked"
			}
			first := startMittari(t, []string{"MITTARI_TEST_PAUSE_AT=" + point}, args(tt.first)...)
			if !first.waitPaused(point) {
				t.Fatalf("the first command never reached %s:\n%s", point, first.output())
			}
			t0 := time.Now()
			second := startMittari(t, nil, args(tt.second)...)
			if st := second.wait(); st == 0 {
				t.Fatalf("the second command ran beside the first:\n%s", second.output())
			}
			if took := time.Since(t0); took > 20*time.Second {
				t.Errorf("the second command took %s to give up", took)
			}
			msg := second.output()
			for _, want := range []string{out, "--wait", "process"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the refusal does not say %q:\n%s", want, msg)
				}
			}
			for _, bad := range []string{"pipeline.", "lock:", "configuration error"} {
				if strings.Contains(msg, bad) {
					t.Errorf("the refusal says %q:\n%s", bad, msg)
				}
			}
			if st := first.wait(); !succeeded(st) {
				t.Fatalf("the first command, let go on, exited %d:\n%s", st, first.output())
			}
			// No figure counts twice.
			if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out); !succeeded(st) {
				t.Fatalf("a run after both: %s", stderr)
			}
			checkDemoFigures(t, out)
		})
	}
}

// TestSecondWriterWaits: with --wait the second command waits for the first, then does its work
// on what the first left (an ingest after a run finds nothing new).
func TestSecondWriterWaits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real processes")
	}
	inbox := demoInbox(t)
	out := filepath.Join(t.TempDir(), "out")
	first := startMittari(t, []string{"MITTARI_TEST_PAUSE_AT=ingested"}, "run", "--inbox", inbox, "--out", out)
	if !first.waitPaused("ingested") {
		t.Fatalf("the run never reached ingested:\n%s", first.output())
	}
	second := startMittari(t, nil, "ingest", "--wait", "--inbox", inbox, "--out", out)
	time.Sleep(time.Second)
	select {
	case <-second.done:
		t.Fatalf("the waiting ingest did not wait:\n%s", second.output())
	default:
	}
	if st := first.wait(); !succeeded(st) {
		t.Fatalf("the run exited %d:\n%s", st, first.output())
	}
	if st := second.wait(); !succeeded(st) {
		t.Fatalf("the waiting ingest exited %d:\n%s", st, second.output())
	}
	if !strings.Contains(second.output(), "waiting for another mittari command") || !strings.Contains(second.output(), "files: 0 new") {
		t.Errorf("the waiting ingest did not say it waited, or took in files the run had:\n%s", second.output())
	}
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out); !succeeded(st) {
		t.Fatalf("a run after both: %s", stderr)
	}
	checkDemoFigures(t, out)
}

// checkDemoFigures checks figures of the demo inbox that double if anything is taken twice:
// O.1.1 achieved at 2025-12-31 and the number of versions in force behind it.
func checkDemoFigures(t *testing.T, out string) {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(out, "exports", "sfc", "*", "indicators.csv"))
	for _, f := range dirs {
		for _, r := range readCSV(t, f)[1:] {
			if r[1] == "2025-12-31" && r[3] == "O.1.1" {
				if r[7] != "7462" {
					t.Errorf("O.1.1 achieved at 2025-12-31 is %s, want 7462 (data/demo/README.md)", r[7])
				}
				return
			}
		}
	}
	t.Errorf("no O.1.1 row for 2025-12-31 in %d indicator files", len(dirs))
}
