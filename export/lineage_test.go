package export

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLineage keeps LINEAGE.md in step with the table definitions, and holds every definition
// to the code: each mart column it names is a column the model file makes, and each catalogue
// column one the catalogue file has. A renamed mart column fails here, not in a reader's hands.
func TestLineage(t *testing.T) {
	want := lineageMarkdown()
	if *update {
		if err := os.WriteFile("LINEAGE.md", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("LINEAGE.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("LINEAGE.md is stale: run go test ./export -run TestLineage -update")
	}
	catalogueColumn := regexp.MustCompile(`^catalogue: ([a-z_]+\.csv) ([a-z_]+)$`)
	for _, def := range tableDefs {
		for _, c := range def.columns {
			src := sourceOf(def, c)
			switch {
			case src.mart != "":
				sql, err := os.ReadFile(filepath.Join("..", modelsDir, src.mart+".sql"))
				if err != nil {
					t.Errorf("%s %s: %v", def.path, c.name, err)
					continue
				}
				if !regexp.MustCompile(`\b` + src.column + `\b`).Match(sql) {
					t.Errorf("%s %s: %s.sql makes no column %s", def.path, c.name, src.mart, src.column)
				}
			case catalogueColumn.MatchString(src.other):
				m := catalogueColumn.FindStringSubmatch(src.other)
				data, err := os.ReadFile(filepath.Join("..", "data", "programme", m[1]))
				if err != nil {
					t.Errorf("%s %s: %v", def.path, c.name, err)
					continue
				}
				if !hasColumn(string(data), m[2]) {
					t.Errorf("%s %s: %s has no column %s", def.path, c.name, m[1], m[2])
				}
			case strings.HasPrefix(src.other, "none: "):
				// A column export leaves empty for its reader to fill.
			case !strings.HasPrefix(src.other, "transform."):
				t.Errorf("%s %s: %q names neither a mart column nor a catalogue column", def.path, c.name, c.from)
			}
		}
	}
}

// hasColumn says whether a catalogue file's header (its first line that is not a comment)
// names col.
func hasColumn(file, col string) bool {
	for _, line := range strings.Split(file, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		for _, h := range strings.Split(strings.TrimSpace(line), ",") {
			if h == col {
				return true
			}
		}
		return false
	}
	return false
}
