package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionScript: the version `make build` stamps names the commit and, for uncommitted or
// untracked changes, a hash of them, so that two builds of different code never share a version.
func TestVersionScript(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	script, err := filepath.Abs(filepath.Join("..", "..", ".ci", "version"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, b)
		}
		return strings.TrimSpace(string(b))
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(repo, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("git", "init", "-q")
	write("a.go", "package a\n")
	run("git", "add", "a.go")
	run("git", "commit", "-q", "-m", "one")
	clean := run("sh", script)
	if commit := run("git", "rev-parse", "--short", "HEAD"); !strings.HasPrefix(clean, commit) || strings.Contains(clean, "dirty") {
		t.Errorf("clean tree: version %q, want the commit %s", clean, commit)
	}
	write("a.go", "package a // one change\n")
	one := run("sh", script)
	write("a.go", "package a // another change\n")
	another := run("sh", script)
	write("a.go", "package a\n")
	write("b.go", "package a // untracked\n")
	untracked := run("sh", script)
	for _, v := range []string{one, another, untracked} {
		if !strings.HasPrefix(v, clean+"-dirty-") {
			t.Errorf("changed tree: version %q, want %s-dirty-<hash>", v, clean)
		}
	}
	if one == another || one == untracked || another == untracked {
		t.Errorf("different changes share a version: %s, %s, %s", one, another, untracked)
	}
}
