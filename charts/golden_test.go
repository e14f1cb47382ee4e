package charts

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// renderFiles renders the site of in, every page of every language and the shared script and
// style, without the echarts library (which the golden files would only repeat).
func renderFiles(t testing.TB, in Input) map[string]string {
	t.Helper()
	files, err := render(in)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for name, b := range files {
		out[name] = string(b)
	}
	return out
}

// TestGolden holds every file of the small inbox's site to testdata/golden/; after a deliberate
// change, run go test ./charts -update and review the diff.
func TestGolden(t *testing.T) {
	got := renderFiles(t, testInput(t))
	root := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(root); err != nil {
			t.Fatal(err)
		}
		for name, content := range got {
			path := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		want[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create the golden files)", err)
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if w, ok := want[name]; !ok {
			t.Errorf("%s is new; rerun with -update after checking it", name)
		} else if w != got[name] {
			t.Errorf("%s differs from its golden file%s; rerun with -update after checking the change", name, firstDiff(w, got[name]))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is no longer written; rerun with -update after checking why", name)
		}
	}
	if again := renderFiles(t, testInput(t)); !maps.Equal(again, got) {
		t.Error("two renders of the same input differ")
	}
}

// firstDiff shows where two texts part, for a readable failure.
func firstDiff(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	line := strings.Count(a[:n], "\n") + 1
	end := func(s string) string {
		s = s[n:]
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[:i]
		}
		if len(s) > 120 {
			s = s[:120]
		}
		return s
	}
	return fmt.Sprintf(" at line %d: golden %q, now %q", line, end(a), end(b))
}

func itoa(n int) string { return strconv.Itoa(n) }
