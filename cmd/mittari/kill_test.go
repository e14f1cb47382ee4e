package main

import (
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mittari/pipeline/pipelinetest"
)

// The kill test SIGKILLs `mittari run` at named points of every stage, and after random delays,
// then runs it again and requires the second run to finish and publish what a run never
// interrupted publishes, with nothing left behind. The named points are where a command stops
// when MITTARI_TEST_PAUSE_AT names it (see pipeline/testhook.go): a random delay mostly lands
// in the longest stage, and the windows that matter (just after ingest commits, between the
// rename of a generation and the switch of current) are microseconds wide. Random delays cover
// what no named point does (inside ingest's writes, DuckDB's, the exports').
//
// `make test` runs killPointsShort and one random kill; `make soak` (MITTARI_SOAK=rounds) every
// point and many random kills, some of them killing the recovering run too.

// killPoint is a named point where the test kills the run, and what the run after it must give
// byte for byte: everything published, or (whole = false) the figures, exports and marts,
// where the report legitimately differs:
//   - ingested: killed between the commit of its ingest and the writing of its findings, the
//     run's findings are lost (until the warehouse keeps them with the commit);
//   - switched, published: the killed run had published; the run after it reports no new runs.
type killPoint struct {
	name  string
	whole bool
}

var killPointsShort = []killPoint{
	{"locked", true}, {"ingested", false}, {"recorded", true}, {"transformed", true},
	{"exported", true}, {"renamed", true}, {"switched", false},
}

var killPointsAll = append(killPointsShort, killPoint{"charted", true}, killPoint{"published", false})

const killClock = "MITTARI_TEST_NOW=2026-12-06T02:00:00Z"

func TestKillRun(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes")
	}
	inbox := demoInbox(t)
	ref, took := referenceRun(t, inbox)
	for _, kp := range killPointsShort {
		t.Run(kp.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			killAt(t, inbox, out, kp.name)
			checkRecovered(t, inbox, out, ref, kp.whole)
		})
	}
	t.Run("random", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		killAfter(t, inbox, out, randomDelay(took))
		checkRecovered(t, inbox, out, ref, false)
	})
}

// TestKillSoak is the long loop of `make soak`: MITTARI_SOAK rounds, each killing the run at
// every named point and at a random moment, and sometimes killing the recovering run as well.
func TestKillSoak(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("MITTARI_SOAK"))
	if rounds <= 0 {
		t.Skip("MITTARI_SOAK=<rounds> runs it (make soak)")
	}
	inbox := demoInbox(t)
	ref, took := referenceRun(t, inbox)
	for round := range rounds {
		for _, kp := range killPointsAll {
			out := filepath.Join(t.TempDir(), "out")
			killAt(t, inbox, out, kp.name)
			checkRecovered(t, inbox, out, ref, kp.whole)
		}
		out := filepath.Join(t.TempDir(), "out")
		killAfter(t, inbox, out, randomDelay(took))
		if round%2 == 1 {
			killAfter(t, inbox, out, randomDelay(took)) // the recovering run, killed too
		}
		checkRecovered(t, inbox, out, ref, false)
		if t.Failed() {
			t.Fatalf("round %d failed", round)
		}
	}
}

// referenceRun runs mittari never interrupted and returns what it published and how long it took.
func referenceRun(t *testing.T, inbox string) (map[string]string, time.Duration) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "ref")
	t0 := time.Now()
	c := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", out)
	if st := c.wait(); !succeeded(st) {
		t.Fatalf("the reference run exited %d:\n%s", st, c.output())
	}
	took := time.Since(t0)
	tree, err := pipelinetest.Published(out)
	if err != nil {
		t.Fatal(err)
	}
	return tree, took
}

func randomDelay(max time.Duration) time.Duration {
	return time.Duration(rand.Int64N(int64(max)))
}

// killAt starts a run that pauses at point and SIGKILLs it there.
func killAt(t *testing.T, inbox, out, point string) {
	t.Helper()
	c := startMittari(t, []string{killClock, "MITTARI_TEST_PAUSE_AT=" + point}, "run", "--inbox", inbox, "--out", out)
	if !c.waitPaused(point) {
		t.Fatalf("the run never reached %s:\n%s", point, c.output())
	}
	c.kill()
}

// killAfter starts a run and SIGKILLs it after d (if it has not finished by then).
func killAfter(t *testing.T, inbox, out string, d time.Duration) {
	t.Helper()
	c := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", out)
	select {
	case <-c.done:
	case <-time.After(d):
		c.kill()
	}
}

// checkRecovered runs mittari again on out and requires it to finish, to publish ref (all of
// it, or its figures, exports and marts), and to leave nothing behind.
func checkRecovered(t *testing.T, inbox, out string, ref map[string]string, whole bool) {
	t.Helper()
	c := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", out)
	if st := c.wait(); !succeeded(st) {
		t.Fatalf("the run after the kill exited %d:\n%s", st, c.output())
	}
	got, err := pipelinetest.Published(out)
	if err != nil {
		t.Fatal(err)
	}
	want := ref
	if !whole {
		got, want = withoutReport(got), withoutReport(ref)
	}
	if diff := pipelinetest.Diff(got, want); len(diff) > 0 {
		t.Errorf("after the kill and a run, %d files differ from a run never killed: %s", len(diff), strings.Join(diff[:min(len(diff), 10)], ", "))
	}
	if left := leftBehind(t, out); len(left) > 0 {
		t.Errorf("left behind: %s", strings.Join(left, ", "))
	}
	checkRecords(t, out)
}

func withoutReport(tree map[string]string) map[string]string {
	out := map[string]string{}
	for p, h := range tree {
		if !strings.HasPrefix(p, "report/") {
			out[p] = h
		}
	}
	return out
}

// leftBehind lists temporary files and folders under out, partitions of runs that never
// committed, and generations under construction.
func leftBehind(t *testing.T, out string) []string {
	t.Helper()
	committed := map[string]bool{}
	runs, _ := filepath.Glob(filepath.Join(out, "warehouse", "runs", "run_id=*", "part-0.parquet"))
	for _, r := range runs {
		committed[filepath.Base(filepath.Dir(r))] = true
	}
	var left []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		name := d.Name()
		switch {
		case rel == ".tmp":
			if entries, _ := os.ReadDir(p); len(entries) > 0 {
				left = append(left, rel+"/"+entries[0].Name())
			}
			return filepath.SkipDir
		case strings.Contains(name, ".tmp") || strings.HasSuffix(name, ".wal") || strings.HasSuffix(name, ".old") ||
			strings.HasPrefix(name, ".staging"):
			left = append(left, rel)
		case strings.HasPrefix(name, "run_id=") && !committed[name]:
			left = append(left, rel)
		}
		return nil
	})
	return left
}

// checkRecords requires no record to be left "running" (a killed run's is marked "killed" by
// the next run) and the run after the kill's to be "ok".
func checkRecords(t *testing.T, out string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "runs", "*.json"))
	ok := 0
	for _, f := range files {
		var r struct{ Status string }
		b, err := os.ReadFile(f)
		if err == nil {
			err = json.Unmarshal(b, &r)
		}
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		switch r.Status {
		case "ok":
			ok++
		case "killed":
		default:
			t.Errorf("%s: status %s", filepath.Base(f), r.Status)
		}
	}
	if ok == 0 {
		t.Error("no run record says ok")
	}
}

// TestSIGTERMStopsStuckRun: a run stuck inside a stage (a read that never returns: the test
// hook holds the transform stage on a read of its stdin, which the test never answers) stops on
// SIGTERM within the grace it gives a stage, its record says it was interrupted, and the next
// run takes the lock and finishes.
func TestSIGTERMStopsStuckRun(t *testing.T) {
	if testing.Short() {
		t.Skip("signals real processes")
	}
	inbox := demoInbox(t)
	out := filepath.Join(t.TempDir(), "out")
	c := startMittari(t, []string{"MITTARI_TEST_PAUSE_AT=transforming"}, "run", "--inbox", inbox, "--out", out)
	if !c.waitPaused("transforming") {
		t.Fatalf("the run never reached its transform stage:\n%s", c.output())
	}
	t0 := time.Now()
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("the run did not stop within 30 s of SIGTERM:\n%s", c.output())
	}
	if c.cmd.ProcessState.ExitCode() == 0 {
		t.Errorf("a stopped run exited 0:\n%s", c.output())
	}
	t.Logf("stopped %.1fs after SIGTERM", time.Since(t0).Seconds())
	if !strings.Contains(c.output(), "stopped by a signal") {
		t.Errorf("the run does not say it was stopped:\n%s", c.output())
	}
	files, _ := filepath.Glob(filepath.Join(out, "runs", "*Z.json"))
	if len(files) != 1 {
		t.Fatalf("%d run records, want the interrupted run's", len(files))
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), `"status": "interrupted"`) {
		t.Errorf("the record does not say interrupted:\n%s", b)
	}
	next := startMittari(t, nil, "run", "--inbox", inbox, "--out", out)
	if st := next.wait(); !succeeded(st) {
		t.Fatalf("the run after the stopped one exited %d:\n%s", st, next.output())
	}
}
