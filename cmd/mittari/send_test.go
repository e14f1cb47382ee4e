package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mittari/pipeline/pipelinetest"
)

// folderBytes is pipelinetest.FolderBytes of dir.
func folderBytes(t *testing.T, dir string) string {
	t.Helper()
	b, err := pipelinetest.FolderBytes(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// copyOut copies an output folder whole (links as links, modes kept) to a new one.
func copyOut(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "out")
	if b, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v\n%s", err, b)
	}
	return to
}

// justifyAll is a --justify flag for every check with warnings at the cut-off.
func justifyAll(t *testing.T, out, cutoff string) []string {
	t.Helper()
	stdout, stderr, _ := runMittari(t, "check", "--out", out, "--cutoff", cutoff, "--json")
	var o struct {
		Rules []struct {
			Rule, Severity string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &o); err != nil {
		t.Fatalf("check --json: %v\n%s\n%s", err, stdout, stderr)
	}
	var flags []string
	for _, r := range o.Rules {
		if r.Severity == "warning" {
			flags = append(flags, "--justify", r.Rule+"=accepted for the test")
		}
	}
	return flags
}

// TestSendCommands: the exit statuses and messages of check, send, sent and acknowledge.
func TestSendCommands(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	inbox := demoInbox(t)
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out, "--cutoff", "2025-12-31"); !succeeded(st) {
		t.Fatalf("run exited %d:\n%s", st, stderr)
	}
	stdout, stderr, st := runMittari(t, "check", "--out", out)
	if st != exitOK || !strings.Contains(stdout, "version 202612 (cut-off 2025-12-31)") || !strings.Contains(stdout, "to send it: mittari send --cutoff 2025-12-31") {
		t.Errorf("check exited %d:\n%s\n%s", st, stdout, stderr)
	}
	if stdout, _, st := runMittari(t, "check", "--rules"); st != exitOK || !strings.Contains(stdout, "C08") {
		t.Errorf("check --rules exited %d:\n%s", st, stdout)
	}
	justify := justifyAll(t, out, "2025-12-31")
	for _, tt := range []struct {
		name string
		args []string
		says string
	}{
		{"no cut-off", []string{"--prepared-by", "A", "--approved-by", "B"}, "--cutoff is required"},
		{"four eyes", []string{"--cutoff", "2025-12-31", "--prepared-by", "Aino", "--approved-by", "AINO"}, "same person"},
		{"a justification without its check", []string{"--cutoff", "2025-12-31", "--prepared-by", "A", "--approved-by", "B", "--justify", "no-equals-sign"}, "RULE=TEXT"},
		{"a cut-off not computed", []string{"--cutoff", "2025-06-30", "--prepared-by", "A", "--approved-by", "B"}, "mittari run --cutoff 2025-06-30"},
	} {
		_, stderr, st := runMittari(t, append([]string{"send", "--out", out}, tt.args...)...)
		if st != exitUsage || !strings.Contains(stderr, tt.says) {
			t.Errorf("send, %s: exited %d, want %d saying %q:\n%s", tt.name, st, exitUsage, tt.says, stderr)
		}
		checkPlainMessage(t, "send, "+tt.name, stderr)
	}
	if len(justify) > 0 {
		_, stderr, st := runMittari(t, "send", "--out", out, "--cutoff", "2025-12-31", "--prepared-by", "A", "--approved-by", "B")
		if st != exitUsage || !strings.Contains(stderr, "--justify") {
			t.Errorf("send without justifications exited %d:\n%s", st, stderr)
		}
	}
	args := append([]string{"send", "--out", out, "--cutoff", "2025-12-31", "--prepared-by", "Aino Analyst", "--approved-by", "Bertil Head"}, justify...)
	stdout, stderr, st = runMittari(t, args...)
	if st != exitOK || !strings.Contains(stdout, "sent version 202612 (cut-off 2025-12-31, work version 0)") {
		t.Fatalf("send exited %d:\n%s\n%s", st, stdout, stderr)
	}
	stdout, _, st = runMittari(t, "sent", "--out", out)
	if st != exitOK || !strings.Contains(stdout, "202612") || !strings.Contains(stdout, "Aino Analyst") || !strings.Contains(stdout, "Bertil Head") {
		t.Errorf("sent exited %d:\n%s", st, stdout)
	}
	_, stderr, st = runMittari(t, "acknowledge", "--out", out, "--version", "202612", "--by", "B", "--reason", "r")
	if st != exitUsage || !strings.Contains(stderr, "run `mittari run` first") {
		t.Errorf("acknowledge before a run has seen the version exited %d:\n%s", st, stderr)
	}
	// A run later, the version is compared; nothing moved.
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out, "--cutoff", "2025-12-31"); !succeeded(st) {
		t.Fatalf("run exited %d:\n%s", st, stderr)
	}
	stdout, _, _ = runMittari(t, "sent", "--out", out, "--json")
	var lines []struct {
		Folder     string
		Recomputed bool
		Restated   int
	}
	if err := json.Unmarshal([]byte(stdout), &lines); err != nil || len(lines) != 1 || !lines[0].Recomputed || lines[0].Restated != 0 {
		t.Errorf("sent --json: %v\n%s", err, stdout)
	}
	_, stderr, st = runMittari(t, append([]string{"send", "--out", out, "--cutoff", "2025-12-31", "--prepared-by", "A", "--approved-by", "B"}, justify...)...)
	if st != exitUsage || !strings.Contains(stderr, "--reason") {
		t.Errorf("sending 202612 again without a reason exited %d:\n%s", st, stderr)
	}
}

// TestSentFolderSurvivesKilledRuns: a folder sent stays byte for byte as it was through later
// runs killed at named points of every stage (and at a random moment), each followed by a run
// that recovers and publishes what a run never killed publishes; a send killed with its folder
// built but not yet renamed in leaves nothing, and the next send sends it whole.
func TestSentFolderSurvivesKilledRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes")
	}
	inbox := demoInbox(t)
	base := filepath.Join(t.TempDir(), "out")
	c := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", base)
	if st := c.wait(); !succeeded(st) {
		t.Fatalf("the first run exited %d:\n%s", st, c.output())
	}
	justify := justifyAll(t, base, "2025-12-31")
	sendArgs := append([]string{"send", "--out", "OUT", "--cutoff", "2025-12-31", "--prepared-by", "Aino Analyst", "--approved-by", "Bertil Head"}, justify...)
	sendTo := func(out string) []string {
		a := append([]string(nil), sendArgs...)
		a[2] = out
		return a
	}

	// A send killed with its folder built beside the others, before the rename.
	killedSend := copyOut(t, base)
	k := startMittari(t, []string{killClock, "MITTARI_TEST_PAUSE_AT=send-staged"}, sendTo(killedSend)...)
	if !k.waitPaused("send-staged") {
		t.Fatalf("the send never reached send-staged:\n%s", k.output())
	}
	k.kill()
	if entries, _ := os.ReadDir(filepath.Join(killedSend, "sent")); len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), ".staging-") {
		t.Fatalf("a send killed before its rename left %v, want its staging folder only", entries)
	}
	// The next command that takes the lock, a run here, removes what the killed send left.
	next := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", killedSend)
	if st := next.wait(); !succeeded(st) {
		t.Fatalf("the run after the killed send exited %d:\n%s", st, next.output())
	}
	if left := leftBehind(t, killedSend); len(left) > 0 {
		t.Errorf("left behind after a killed send and a run: %s", strings.Join(left, ", "))
	}
	again := startMittari(t, []string{killClock}, sendTo(killedSend)...)
	if st := again.wait(); st != exitOK {
		t.Fatalf("the send after the killed one exited %d:\n%s", st, again.output())
	}

	send := startMittari(t, []string{killClock}, sendTo(base)...)
	if st := send.wait(); st != exitOK {
		t.Fatalf("send exited %d:\n%s", st, send.output())
	}
	frozen := folderBytes(t, filepath.Join(base, "sent", "202612"))
	if folderBytes(t, filepath.Join(killedSend, "sent", "202612")) == "" {
		t.Fatal("the send after the killed one sent nothing")
	}

	// What a run after the send publishes when nothing stops it.
	refOut := copyOut(t, base)
	r := startMittari(t, []string{killClock}, "run", "--inbox", inbox, "--out", refOut)
	if st := r.wait(); !succeeded(st) {
		t.Fatalf("the reference run exited %d:\n%s", st, r.output())
	}
	ref, err := pipelinetest.Published(refOut)
	if err != nil {
		t.Fatal(err)
	}
	// make test kills at two points (inside ingest, and the switch of current); make soak at all.
	points := []string{"ingested", "switched"}
	if os.Getenv("MITTARI_SOAK") != "" {
		points = nil
		for _, kp := range killPointsAll {
			points = append(points, kp.name)
		}
	}
	for _, p := range points {
		t.Run(p, func(t *testing.T) {
			out := copyOut(t, base)
			killAt(t, inbox, out, p)
			checkRecovered(t, inbox, out, ref, false)
			if got := folderBytes(t, filepath.Join(out, "sent", "202612")); got != frozen {
				t.Errorf("the sent folder changed through a run killed at %s and the run after it", p)
			}
		})
	}
	t.Run("random", func(t *testing.T) {
		out := copyOut(t, base)
		killAfter(t, inbox, out, randomDelay(3*1e9))
		checkRecovered(t, inbox, out, ref, false)
		if got := folderBytes(t, filepath.Join(out, "sent", "202612")); got != frozen {
			t.Error("the sent folder changed through a run killed at a random moment and the run after it")
		}
	})
}
