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
