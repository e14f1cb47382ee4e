package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestRegisterShrink: `mittari ingest` refuses a projects.csv cut to its first half and
// says which flag takes it in; with --accept-register-shrink it goes in.
func TestIngestRegisterShrink(t *testing.T) {
	inbox, out := demoInbox(t), t.TempDir()
	if _, stderr, st := runMittari(t, "ingest", "--inbox", inbox, "--out", out); !succeeded(st) {
		t.Fatalf("first ingest: status %d: %s", st, stderr)
	}
	path := filepath.Join(inbox, "projects.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if err := os.WriteFile(path, []byte(strings.Join(lines[:len(lines)/2], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, st := runMittari(t, "ingest", "--inbox", inbox, "--out", out)
	if st != exitFailed || !strings.Contains(stderr, "--accept-register-shrink") {
		t.Fatalf("a register cut in half: status %d: %s", st, stderr)
	}
	if _, stderr, st := runMittari(t, "ingest", "--inbox", inbox, "--out", out, "--accept-register-shrink"); !succeeded(st) {
		t.Fatalf("with --accept-register-shrink: status %d: %s", st, stderr)
	}
}
