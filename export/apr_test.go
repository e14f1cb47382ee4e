package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalendarYearFoldersRemoved recreates what an earlier Mittari left under exports/apr (a
// folder per calendar year, 2021 … 2025, each with the 31 December cut-off), and checks that
// the next export leaves only the reports by accounting year, never a 2021 or 2022 folder, and
// keeps a folder that is not Mittari's. RemoveStale does the same for a folder carried over
// after the export.
func TestCalendarYearFoldersRemoved(t *testing.T) {
	plant := func(t *testing.T, apr string, names ...string) {
		for _, name := range names {
			cutoff := strings.TrimSuffix(name, ".old") + "-12-31"
			if err := os.MkdirAll(filepath.Join(apr, name), 0o755); err != nil {
				t.Fatal(err)
			}
			m := `{"year": ` + strings.TrimSuffix(name, ".old") + `, "cutoff_date": "` + cutoff + `"}`
			if err := os.WriteFile(filepath.Join(apr, name, "manifest.json"), []byte(m), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	list := func(t *testing.T, apr string) string {
		entries, err := os.ReadDir(apr)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		return strings.Join(got, " ")
	}
	dir := t.TempDir()
	apr := filepath.Join(dir, "exports", "apr")
	plant(t, apr, "2021", "2022", "2024", "2025.old")
	if err := os.MkdirAll(filepath.Join(apr, "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeAll(t, dir)
	if got, want := list(t, apr), "2023 2026 drafts"; got != want {
		t.Fatalf("exports/apr holds %s, want %s", got, want)
	}
	for _, year := range []string{"2023", "2026"} {
		b, err := os.ReadFile(filepath.Join(apr, year, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m APRManifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m.CutoffDate != map[string]string{"2023": "2022-06-30", "2026": "2025-06-30"}[year] {
			t.Errorf("%s: cut-off %s, want 30 June of the year before", year, m.CutoffDate)
		}
	}
	plant(t, apr, "2022")
	if err := RemoveStale(dir); err != nil {
		t.Fatal(err)
	}
	if got, want := list(t, apr), "2023 2026 drafts"; got != want {
		t.Errorf("after RemoveStale exports/apr holds %s, want %s", got, want)
	}
}
