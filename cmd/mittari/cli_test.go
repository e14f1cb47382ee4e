package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/pipeline"
)

// goIdentifier matches what a message must never show a person: a package-qualified Go name
// such as ingest.LoadRegister or pipeline.lock.
var goIdentifier = regexp.MustCompile(`\b(main|pipeline|ingest|transform|warehouse|export|charts|catalogue|gen|domain|errs)\.[A-Za-z]\w*`)

func checkPlainMessage(t *testing.T, what, stderr string) {
	t.Helper()
	if m := goIdentifier.FindString(stderr); m != "" {
		t.Errorf("%s: the message names the Go identifier %s:\n%s", what, m, stderr)
	}
	for _, internal := range []string{"configuration error", "0001-01-01", "<nil>"} {
		if strings.Contains(stderr, internal) {
			t.Errorf("%s: the message says %q:\n%s", what, internal, stderr)
		}
	}
}

// nextCutoff is the first cut-off that has not passed today.
func nextCutoff(t *testing.T) string {
	t.Helper()
	latest, _ := domain.LatestPassedCutoff(time.Now())
	for _, c := range domain.CutoffsThrough(latest.Date + 400) {
		if c.Date > latest.Date {
			return c.String()
		}
	}
	t.Fatal("no cut-off in the next 400 days")
	return ""
}

// TestFutureCutoffRefused: a cut-off that has not passed is a usage error that says which
// cut-off to give, and nothing is created; an export folder an older Mittari wrote for one is
// removed by the next run.
func TestFutureCutoffRefused(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	out := filepath.Join(t.TempDir(), "out")
	for _, c := range []string{"2099-12-31", nextCutoff(t)} {
		_, stderr, st := runMittari(t, "run", "--cutoff", c, "--out", out)
		if st != exitUsage {
			t.Fatalf("run --cutoff %s exited %d, want %d:\n%s", c, st, exitUsage, stderr)
		}
		if !strings.Contains(stderr, "--cutoff") || !strings.Contains(stderr, "has not passed") || !strings.Contains(stderr, "latest cut-off passed") {
			t.Errorf("run --cutoff %s: the message does not say why and what to give:\n%s", c, stderr)
		}
		checkPlainMessage(t, "run --cutoff "+c, stderr)
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("run --cutoff %s created the output folder", c)
		}
		if _, stderr, st := runMittari(t, "transform", "--cutoff", c, "--out", out); st != exitUsage {
			t.Errorf("transform --cutoff %s exited %d, want %d:\n%s", c, st, exitUsage, stderr)
		}
	}
	// A reproduction as of a moment before the cut-off passed is refused too.
	if _, stderr, st := runMittari(t, "run", "--cutoff", "2025-12-31", "--as-of", "2025-12-31T12:00:00+02:00", "--out", out); st != exitUsage {
		t.Errorf("run --cutoff 2025-12-31 --as-of 2025-12-31T12:00 exited %d, want %d:\n%s", st, exitUsage, stderr)
	}

	stale := filepath.Join(out, "exports", "sfc", "210012")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, "manifest.json"), []byte(`{"cutoff_date": "2099-12-31"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, st := runMittari(t, "run", "--inbox", demoInbox(t), "--out", out); st != exitRejected {
		t.Fatalf("run exited %d: %s", st, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a run kept the export folder of a cut-off that has not passed")
	}
}

// TestMissingInbox: a wrong --inbox is found before anything is created, and the message names
// the folder given and what is missing.
func TestMissingInbox(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	dir := t.TempDir()
	notInbox := filepath.Join(dir, "empty")
	if err := os.Mkdir(notInbox, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		inbox string
		says  []string
	}{
		{filepath.Join(dir, "nope"), []string{"--inbox " + filepath.Join(dir, "nope"), "no such folder", "projects.csv"}},
		{notInbox, []string{"--inbox " + notInbox, "has no projects.csv and no project_targets.csv"}},
	}
	for _, tc := range tests {
		for _, args := range [][]string{
			{"run", "--inbox", tc.inbox},
			{"ingest", "--inbox", tc.inbox},
			{"validate", "--inbox", tc.inbox, "x.csv"},
		} {
			out := filepath.Join(dir, "out")
			_, stderr, st := runMittari(t, append(args, "--out", out)...)
			if args[0] == "validate" {
				_, stderr, st = runMittari(t, args...)
			}
			name := strings.Join(args, " ")
			if st != exitUsage {
				t.Errorf("%s exited %d, want %d:\n%s", name, st, exitUsage, stderr)
			}
			for _, s := range tc.says {
				if !strings.Contains(stderr, s) {
					t.Errorf("%s: the message does not say %q:\n%s", name, s, stderr)
				}
			}
			checkPlainMessage(t, name, stderr)
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s created the output folder (and so a lock and a run record)", name)
				os.RemoveAll(out)
			}
		}
	}
}

// TestHelp: asking for help succeeds and prints to stdout; each command lists its own flags;
// a mistyped command or flag gets a suggestion.
func TestHelp(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "help"}, {"help", "--help"}} {
		stdout, stderr, st := runMittari(t, args...)
		if st != exitOK || !strings.Contains(stdout, "usage: mittari <command>") || stderr != "" {
			t.Errorf("mittari %s exited %d (stdout %q, stderr %q), want 0 and the commands on stdout", args[0], st, stdout, stderr)
		}
		if strings.Contains(stdout, "duckdb-copy") {
			t.Errorf("mittari %s lists the internal duckdb-copy command", args[0])
		}
		for _, c := range []string{"run", "runs", "validate", "gen", "ingest", "transform", "report", "export", "version"} {
			if !strings.Contains(stdout, "\n  "+c+" ") {
				t.Errorf("mittari %s does not list %s", args[0], c)
			}
		}
	}
	if _, _, st := runMittari(t); st != exitUsage {
		t.Errorf("mittari with no command exited %d, want %d", st, exitUsage)
	}

	flagsOf := func(help string) map[string]bool {
		m := map[string]bool{}
		for _, f := range regexp.MustCompile(`(?m)^  (--?[a-z-]+)`).FindAllStringSubmatch(help, -1) {
			m[f[1]] = true
		}
		return m
	}
	for name, c := range commands {
		if c.hidden || name == "help" {
			continue
		}
		a, _, st1 := runMittari(t, "help", name)
		b, _, st2 := runMittari(t, name, "--help")
		if st1 != exitOK || st2 != exitOK || a != b || !strings.HasPrefix(a, "usage: mittari "+name) {
			t.Errorf("help %s (exit %d) and %s --help (exit %d) differ or lack the usage line:\n%s\n---\n%s", name, st1, name, st2, a, b)
		}
	}
	ingestHelp, _, _ := runMittari(t, "help", "ingest")
	if f := flagsOf(ingestHelp); f["--results"] || !f["--inbox"] || !f["--out"] {
		t.Errorf("ingest --help lists %v: --results means nothing there, --inbox and --out must be listed", f)
	}
	transformHelp, _, _ := runMittari(t, "help", "transform")
	if f := flagsOf(transformHelp); !f["--results"] || !f["--threads"] || !f["--memory-limit"] || f["--inbox"] {
		t.Errorf("transform --help lists %v", f)
	}
	runsHelp, _, _ := runMittari(t, "help", "runs")
	if f := flagsOf(runsHelp); !f["-n"] || !f["--json"] || !f["--out"] {
		t.Errorf("runs --help lists %v", f)
	}

	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"rn"}, `did you mean "run"?`},
		{[]string{"valdiate"}, `did you mean "validate"?`},
		{[]string{"help", "rnus"}, `did you mean "runs"?`},
		{[]string{"run", "--inbx", "x"}, "has no flag --inbx; did you mean --inbox?"},
		{[]string{"gen", "--project", "3"}, "did you mean --projects?"},
		{[]string{"runs", "--jsn"}, "did you mean --json?"},
		{[]string{"run", "--threads", "two"}, "--threads two: expected a whole number"},
		{[]string{"run", "out"}, "takes only flags"},
		{[]string{"run", "--memory-limit", "lots"}, "--memory-limit lots: expected a size such as 1GB"},
		{[]string{"transform", "--memory-limit", "1 parsec"}, "expected a size"},
		{[]string{"validate", "--inbox", "../../data/demo", "--warehouse", "/nonexistent", "x.csv"}, "--warehouse /nonexistent: no such folder"},
	} {
		_, stderr, st := runMittari(t, tc.args...)
		if st != exitUsage || !strings.Contains(stderr, tc.says) {
			t.Errorf("mittari %s exited %d with %q, want %d and %q", strings.Join(tc.args, " "), st, stderr, exitUsage, tc.says)
		}
	}
	if _, stderr, _ := runMittari(t, "runs", "-x"); strings.Contains(stderr, "did you mean") {
		t.Errorf("a one-letter flag got a guess: %s", stderr)
	}
}

func TestSuggest(t *testing.T) {
	opts := []string{"inbox", "out", "cutoff", "as-of", "threads", "json", "n"}
	for given, want := range map[string]string{"inbx": "inbox", "ot": "out", "cuttof": "cutoff", "asof": "as-of",
		"thread": "threads", "x": "", "memory": "", "inbox": "inbox", "JSON": "json"} {
		if got := suggest(given, opts); got != want {
			t.Errorf("suggest(%q) = %q, want %q", given, got, want)
		}
	}
}

// TestExitCodes: each kind of error has its documented exit status, decided in one place.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{errs.E(errs.Usage, "bad flag"), exitUsage},
		{errs.E(errs.Busy, "in use"), exitBusy},
		{errs.E(errs.Interrupted, "stopped"), exitFailed},
		{errs.E(errs.IO, context.Canceled), exitFailed},
		{errs.E(errs.Config, "format 9"), exitFailed},
		{errs.E(errs.Internal, "bug"), exitFailed},
		{errors.New("plain"), exitFailed},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v, kind %v) = %d, want %d", tc.err, errs.KindOf(tc.err), got, tc.want)
		}
	}
	if k := kindOf(errs.E(errs.IO, fmt.Errorf("reading: %w", context.Canceled))); k != errs.Interrupted {
		t.Errorf("a cancelled context wrapped as IO is %v, want interrupted", k)
	}
}

func readRecord(t *testing.T, path string) pipeline.Record {
	t.Helper()
	var rec pipeline.Record
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func onlyRecord(t *testing.T, out string) pipeline.Record {
	t.Helper()
	files, err := pipeline.RecordFiles(out)
	if err != nil || len(files) == 0 {
		t.Fatalf("no run record in %s (%v)", out, err)
	}
	return readRecord(t, files[0].Path)
}

// TestFailedRuns: a busy output folder, an interrupted run and a failed stage each exit with
// their code and say what to do; the record of a failed run has its real as_of.
func TestFailedRuns(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	inbox := demoInbox(t)

	busy := t.TempDir()
	f, err := os.OpenFile(pipeline.Layout{Root: busy}.Lock(), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	_, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", busy)
	f.Close()
	if st != exitBusy || !strings.Contains(stderr, "run it again once the other mittari command has finished") {
		t.Errorf("run on a busy folder exited %d, want %d with what to do:\n%s", st, exitBusy, stderr)
	}
	checkPlainMessage(t, "busy", stderr)

	stopped := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e strings.Builder
	st = dispatch(ctx, []string{"run", "--inbox", inbox, "--out", stopped}, &o, &e)
	if st != exitFailed || !strings.Contains(e.String(), "stopped by a signal") || !strings.Contains(e.String(), "run it again") {
		t.Errorf("an interrupted run exited %d, want %d, saying it was interrupted:\n%s", st, exitFailed, e.String())
	}
	if rec := onlyRecord(t, stopped); rec.Status != pipeline.StatusInterrupted || !strings.Contains(rec.Error, "stopped by a signal") {
		t.Errorf("the record of an interrupted run says %s: %q", rec.Status, rec.Error)
	}

	broken := t.TempDir()
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", broken); st != exitRejected {
		t.Fatalf("first run exited %d: %s", st, stderr)
	}
	if err := os.WriteFile(filepath.Join(broken, "warehouse", "FORMAT"), []byte("9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, st = runMittari(t, "run", "--inbox", inbox, "--out", broken)
	if st != exitFailed || !strings.Contains(stderr, "new output folder") {
		t.Errorf("a run on a warehouse of another format exited %d, want %d with what to do:\n%s", st, exitFailed, stderr)
	}
	checkPlainMessage(t, "failed stage", stderr)
	rec := onlyRecord(t, broken)
	if rec.Status != "failed" || rec.AsOf.IsZero() || !rec.AsOf.Equal(rec.StartedAt) {
		t.Errorf("the failed run's record: status %s, as_of %s, started %s", rec.Status, rec.AsOf, rec.StartedAt)
	}
}

// TestLogs: away from a terminal every line of stderr is a JSON object, with a line per stage
// and one for the run; at a terminal (or MITTARI_LOG=text) the lines are for people.
func TestLogs(t *testing.T) {
	t.Setenv("MITTARI_LOG", "")
	inbox, out := demoInbox(t), t.TempDir()
	_, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out)
	if st != exitRejected {
		t.Fatalf("run exited %d: %s", st, stderr)
	}
	var started, finished []string
	var run map[string]any
	rejectedFiles := 0
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("a log line is not JSON: %q", line)
		}
		switch m["msg"] {
		case msgStageStarted:
			started = append(started, m["stage"].(string))
		case msgStageFinished:
			finished = append(finished, m["stage"].(string))
		case msgRunFinished:
			run = m
		case "reports rejected":
			rejectedFiles++
		}
	}
	want := "ingest transform charts exports publish"
	if strings.Join(started, " ") != want || strings.Join(finished, " ") != want {
		t.Errorf("stages logged: started %v, finished %v, want %s", started, finished, want)
	}
	if run == nil || run["level"] != "WARN" || run["exit_code"] != float64(exitRejected) || run["reports_rejected"] != float64(2) || run["files_new"] == float64(0) {
		t.Errorf("the run's line: %v", run)
	}
	if rejectedFiles != 2 {
		t.Errorf("%d lines name a file with rejected reports, want 2", rejectedFiles)
	}

	t.Setenv("MITTARI_LOG", "text")
	_, stderr, _ = runMittari(t, "run", "--inbox", inbox, "--out", out)
	if strings.Contains(stderr, "{") || !regexp.MustCompile(`(?m)^ingest +\d+\.\d\ds$`).MatchString(stderr) {
		t.Errorf("text logs:\n%s", stderr)
	}
}

func TestRenderBar(t *testing.T) {
	for _, tc := range []struct {
		elapsed, expected time.Duration
		want              string
	}{
		{5 * time.Second, 10 * time.Second, "ingest    [=====>    ]  50%  5s of ~10s"},
		{30 * time.Second, 10 * time.Second, "ingest    [=========>]  99%  30s of ~10s"},
		{0, 0, "ingest    [====      ]  0s"},
		{300 * time.Millisecond, 0, "ingest    [   ====   ]  300ms"},
	} {
		if got := renderBar("ingest", tc.elapsed, tc.expected, 10); got != tc.want {
			t.Errorf("renderBar(%s of %s) = %q, want %q", tc.elapsed, tc.expected, got, tc.want)
		}
	}
}

// TestRunsAndKeep: `mittari runs` lists what each run took in, rejected and changed, newest
// first; --keep removes the records and reproductions beyond the newest N, never the warehouse.
func TestRunsAndKeep(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	inbox, out := demoInbox(t), t.TempDir()
	for i, args := range [][]string{
		{"run", "--inbox", inbox, "--out", out},
		{"run", "--inbox", inbox, "--out", out},
		{"run", "--inbox", inbox, "--out", out, "--as-of", time.Now().Add(-time.Second).Format(time.RFC3339)},
	} {
		if _, stderr, st := runMittari(t, args...); st != exitOK && st != exitRejected {
			t.Fatalf("run %d exited %d: %s", i+1, st, stderr)
		}
		time.Sleep(1100 * time.Millisecond) // run ids are seconds
	}
	stdout, stderr, st := runMittari(t, "runs", "--out", out, "--json")
	if st != exitOK {
		t.Fatalf("runs exited %d: %s", st, stderr)
	}
	var rows []runSummary
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("runs lists %d runs, want 3:\n%s", len(rows), stdout)
	}
	repro, second, first := rows[0], rows[1], rows[2]
	if repro.AsOf == nil || second.AsOf != nil || first.AsOf != nil {
		t.Errorf("only the newest run is a reproduction: %v %v %v", repro.AsOf, second.AsOf, first.AsOf)
	}
	if first.FilesNew == 0 || first.ReportsAccepted == 0 || first.ReportsRejected != 2 || first.ExportsChanged != nil {
		t.Errorf("first run: %+v", first)
	}
	if second.FilesNew != 0 || second.ReportsRejected != 0 || second.ExportsChanged == nil || *second.ExportsChanged != 0 {
		t.Errorf("second run (nothing new): %+v", second)
	}
	text, _, _ := runMittari(t, "runs", "--out", out, "-n", "2")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], repro.RunID) || !strings.Contains(lines[2], "0 export files") {
		t.Errorf("runs -n 2:\n%s", text)
	}

	asOf, _ := filepath.Glob(filepath.Join(out, "as-of", "*"))
	warehouse := treeHashes(t, filepath.Join(out, "warehouse"))
	if len(asOf) != 1 {
		t.Fatalf("%d as-of folders, want 1", len(asOf))
	}
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out, "--keep", "2"); st != exitOK {
		t.Fatalf("run --keep 2 exited %d: %s", st, stderr)
	}
	files, _ := pipeline.RecordFiles(out)
	if len(files) != 2 || files[1].Record.RunID != repro.RunID {
		t.Errorf("after --keep 2: %d records, want the newest two", len(files))
	}
	if _, err := os.Stat(asOf[0]); err != nil {
		t.Errorf("--keep 2 removed the reproduction of a kept run: %v", err)
	}
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out, "--keep", "1"); st != exitOK {
		t.Fatalf("run --keep 1 exited %d: %s", st, stderr)
	}
	if files, _ := pipeline.RecordFiles(out); len(files) != 1 {
		t.Errorf("after --keep 1: %d records", len(files))
	}
	if _, err := os.Stat(asOf[0]); err == nil {
		t.Error("--keep 1 kept the reproduction of a removed run")
	}
	after := treeHashes(t, filepath.Join(out, "warehouse"))
	for p, h := range warehouse {
		if after[p] != h {
			t.Errorf("retention changed the warehouse: %s", p)
		}
	}
	if _, stderr, st := runMittari(t, "run", "--keep", "-1", "--out", out); st != exitUsage {
		t.Errorf("--keep -1 exited %d: %s", st, stderr)
	}
}

// TestGenRefusesAnInbox: gen does not write into a folder that holds an inbox, and says how.
func TestGenRefusesAnInbox(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	inbox := demoInbox(t)
	before := treeHashes(t, inbox)
	_, stderr, st := runMittari(t, "gen", "--out", inbox, "--projects", "2", "--years", "1")
	if st != exitUsage || !strings.Contains(stderr, "--out "+inbox) || !strings.Contains(stderr, "already holds an inbox") || !strings.Contains(stderr, "--replace") {
		t.Errorf("gen into an inbox exited %d, want %d naming the folder and --replace:\n%s", st, exitUsage, stderr)
	}
	checkPlainMessage(t, "gen", stderr)
	if after := treeHashes(t, inbox); len(after) != len(before) {
		t.Errorf("a refused gen changed the inbox: %d files, was %d", len(after), len(before))
	}
	if _, stderr, st := runMittari(t, "gen", "--out", inbox, "--projects", "2", "--years", "1", "--replace"); st != exitOK {
		t.Errorf("gen --replace exited %d: %s", st, stderr)
	}
}

// TestStageCommandMessages: the stage commands name what is missing and how to make it.
func TestStageCommandMessages(t *testing.T) {
	t.Setenv("MITTARI_LOG", "text")
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"transform", "--out", filepath.Join(dir, "none")}, "holds no warehouse"},
		{[]string{"report", "--out", dir}, "holds no warehouse"},
		{[]string{"ingest"}, "--inbox is required"},
		// A mistyped --out: nothing to send, check or acknowledge, and nothing written there.
		{[]string{"send", "--out", filepath.Join(dir, "typo"), "--cutoff", "2025-12-31", "--prepared-by", "a", "--approved-by", "b"}, "holds no warehouse"},
		{[]string{"acknowledge", "--out", filepath.Join(dir, "typo"), "--version", "202612", "--by", "a", "--reason", "r"}, "holds no warehouse"},
		{[]string{"check", "--out", filepath.Join(dir, "typo")}, "holds no warehouse"},
		{[]string{"sent", "--out", filepath.Join(dir, "typo")}, "holds no warehouse"},
	} {
		_, stderr, st := runMittari(t, tc.args...)
		if st != exitUsage || !strings.Contains(stderr, tc.says) {
			t.Errorf("mittari %s exited %d with %q, want %d and %q", strings.Join(tc.args, " "), st, stderr, exitUsage, tc.says)
		}
		checkPlainMessage(t, strings.Join(tc.args, " "), stderr)
	}
	for _, name := range []string{"none", "typo"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("an output folder %s that held no warehouse was created", name)
		}
	}
}
