package buildid

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestExecutableIdentityIgnoresPathAndTime: the same program at another path, written at
// another time, is the same program; another file is not.
func TestExecutableIdentityIgnoresPathAndTime(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	copied := filepath.Join(t.TempDir(), "mittari-copy")
	copyFile(t, exe, copied)
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(copied, later, later); err != nil {
		t.Fatal(err)
	}
	a, b := ExecutableOf(exe), ExecutableOf(copied)
	if a != b {
		t.Fatalf("the same program at two paths and times: %q and %q", a, b)
	}
	if runtime.GOOS == "linux" && !strings.HasPrefix(a, "build id ") {
		t.Errorf("a Go program on Linux identified by %q, not by its build ID", a)
	}
	other := filepath.Join(t.TempDir(), "other")
	if err := os.WriteFile(other, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if c := ExecutableOf(other); c == a || !strings.HasPrefix(c, "sha256 ") {
		t.Fatalf("another program: %q (this one %q)", c, a)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
