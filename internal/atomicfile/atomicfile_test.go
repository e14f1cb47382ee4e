package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSymlink: a link is made, then switched to another target in place, leaving no temporary
// name behind.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "current")
	for _, target := range []string{"generations/a", "generations/b"} {
		if err := Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if got, err := os.Readlink(link); err != nil || got != target {
			t.Fatalf("link reads %q (%v), want %q", got, err, target)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want the link alone", len(entries))
	}
	if err := SyncDir(dir); err != nil {
		t.Error(err)
	}
}

// TestLinkOrCopy: the file lands at its new name with the same bytes, replacing what was there,
// and the original stays as it was, with no temporary file left; a missing source is an error and
// leaves nothing behind.
func TestLinkOrCopy(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "published.parquet"), filepath.Join(dir, "staged.parquet")
	if err := os.WriteFile(from, []byte("mart rows"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, []byte("an older, longer file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := LinkOrCopy(from, to); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{from, to} {
		if b, err := os.ReadFile(p); err != nil || string(b) != "mart rows" {
			t.Errorf("%s holds %q (%v), want %q", filepath.Base(p), b, err, "mart rows")
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files after the link, want the two names only", len(entries))
	}
	missing := filepath.Join(dir, "missing.parquet")
	if err := LinkOrCopy(filepath.Join(dir, "no such file"), missing); err == nil {
		t.Error("linking a missing file succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a failed link left %s behind (%v)", filepath.Base(missing), err)
	}
}
