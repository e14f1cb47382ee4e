package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// unitDirectives reads a systemd unit file's Key=Value lines (comments and sections left out).
func unitDirectives(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '[' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: not a Key=Value line: %q", path, line)
		}
		m[k] = append(m[k], v)
	}
	return m
}

// flagValue is the value of --name in a command line's words.
func flagValue(words []string, name string) string {
	for i, w := range words {
		if w == "--"+name && i+1 < len(words) {
			return words[i+1]
		}
	}
	return ""
}

// TestDeployUnits checks the systemd units and the cron line in deploy/: hardened, writing only
// to the output folder the run is given, exit status 3 a success that alerts, the cron line
// running the same command; then systemd-analyze verifies the units and rates their exposure.
func TestDeployUnits(t *testing.T) {
	dir := filepath.Join("..", "..", "deploy")
	svc := unitDirectives(t, filepath.Join(dir, "mittari.service"))
	one := func(k string) string {
		if len(svc[k]) != 1 {
			t.Errorf("mittari.service has %d %s= lines, want 1", len(svc[k]), k)
			return ""
		}
		return svc[k][0]
	}
	start := strings.Fields(one("ExecStart"))
	if len(start) < 2 || start[1] != "run" {
		t.Fatalf("ExecStart=%v does not run `mittari run`", start)
	}
	inbox, out := flagValue(start, "inbox"), flagValue(start, "out")
	if inbox == "" || out == "" {
		t.Errorf("ExecStart names no --inbox or no --out: %v", start)
	}
	// Every flag of ExecStart is a flag of run, with a valid value: run's own parser says so.
	probe := append(append([]string{}, start[2:]...), "--help")
	if _, stderr, st := runMittari(t, append([]string{"run"}, probe...)...); st != exitOK {
		t.Errorf("ExecStart's flags are not run's: %s", stderr)
	}
	for k, want := range map[string]string{
		"User": "mittari", "Type": "oneshot", "ProtectSystem": "strict", "ProtectHome": "yes",
		"PrivateTmp": "yes", "NoNewPrivileges": "yes", "ReadWritePaths": out, "ReadOnlyPaths": inbox,
		"SuccessExitStatus": strconv.Itoa(exitRejected), "Environment": "MITTARI_LOG=json",
		"OnFailure": "mittari-alert@failed.service",
	} {
		if got := one(k); got != want {
			t.Errorf("mittari.service: %s=%s, want %s", k, got, want)
		}
	}
	if post := one("ExecStopPost"); !strings.Contains(post, `"$EXIT_STATUS" = `+strconv.Itoa(exitRejected)) ||
		!strings.Contains(post, "mittari-alert@rejected.service") {
		t.Errorf("ExecStopPost=%s does not raise the rejected alert on exit status %d", post, exitRejected)
	}

	cron, err := os.ReadFile(filepath.Join(dir, "mittari.cron"))
	if err != nil {
		t.Fatal(err)
	}
	var job string
	for _, line := range strings.Split(string(cron), "\n") {
		if line != "" && line[0] != '#' && !strings.Contains(strings.SplitN(line, " ", 2)[0], "=") {
			job = line
		}
	}
	fields := strings.Fields(job)
	if len(fields) < 8 || fields[5] != "mittari" {
		t.Fatalf("the cron line does not run as the user mittari: %q", job)
	}
	if !strings.Contains(job, strings.Join(start, " ")) {
		t.Errorf("the cron line does not run the unit's command %q:\n%s", strings.Join(start, " "), job)
	}
	command := strings.Join(fields[5+1:], " ")
	if out, err := exec.Command("sh", "-n", "-c", command).CombinedOutput(); err != nil {
		t.Errorf("the cron line's command is not valid sh: %v %s", err, out)
	}

	// The README shows the units and the cron line as they are.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"mittari.service", "mittari.timer"} {
		for k, vs := range unitDirectives(t, filepath.Join(dir, name)) {
			for _, v := range vs {
				if k != "Description" && !strings.Contains(string(readme), "\n"+k+"="+v+"\n") {
					t.Errorf("README.md does not show %s's line %s=%s", name, k, v)
				}
			}
		}
	}
	if !strings.Contains(string(readme), "\n"+job+"\n") {
		t.Errorf("README.md does not show the cron line of deploy/mittari.cron")
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed (Debian package systemd; .ci/run installs it): the units are not verified")
	}
	// verify needs ExecStart's program to exist: point it at this test binary.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	units := t.TempDir()
	for _, name := range []string{"mittari.service", "mittari.timer", "mittari-alert@.service"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.ReplaceAll(string(b), start[0], self))
		if err := os.WriteFile(filepath.Join(units, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(analyze, "verify", "--man=false", "mittari.service", "mittari.timer", "mittari-alert@failed.service")
	cmd.Dir = units
	// systemd-analyze verify exits 0 on an unknown key or a value it cannot parse and only says
	// so: any output is a failure.
	if b, err := cmd.CombinedOutput(); err != nil || len(strings.TrimSpace(string(b))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, b)
	}
	sec := exec.Command(analyze, "security", "--offline=true", "--threshold=20", "./mittari.service")
	sec.Dir = units
	if b, err := sec.CombinedOutput(); err != nil {
		if strings.Contains(string(b), "unrecognized option") {
			t.Logf("this systemd-analyze cannot rate a unit file offline; exposure not checked")
		} else {
			t.Errorf("systemd-analyze security rates mittari.service above 2.0 (or failed): %v\n%s", err, b)
		}
	}
}
