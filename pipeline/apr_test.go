package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/domain"
)

// TestOneCutoffRunDropsCalendarYearReports: a generation an earlier Mittari published holds
// annual performance reports by calendar year (exports/apr/2021 with the 2021-12-31 cut-off). A
// run of one cut-off carries the other export folders over from it, but not those: it publishes
// the reports by accounting year only, never one for 2021 or 2022.
func TestOneCutoffRunDropsCalendarYearReports(t *testing.T) {
	cat, inbox, out := demoFolders(t)
	if _, err := Run(context.Background(), Options{Inbox: inbox, Out: out, Catalogue: cat, Now: clockAt("2026-04-01T02:00:00Z")}); err != nil {
		t.Fatal(err)
	}
	current, err := filepath.EvalSymlinks(filepath.Join(out, "current"))
	if err != nil {
		t.Fatal(err)
	}
	for year, cutoff := range map[string]string{"2021": "2021-12-31", "2022": "2022-12-31"} {
		old := filepath.Join(current, "exports", "apr", year)
		if err := os.MkdirAll(old, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(old, "manifest.json"), []byte(`{"year": `+year+`, "cutoff_date": "`+cutoff+`"}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := domain.ParseCutoff("2025-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), Options{Inbox: inbox, Out: out, Catalogue: cat, Cutoff: &c, Now: clockAt("2026-04-02T02:00:00Z")}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(out, "exports", "apr"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	// The first run (as of 2026-04-01, last cut-off 2026-03-31) wrote 2023 … 2026; the second
	// wrote them again from its cut-off.
	if want := "2023 2024 2025 2026"; strings.Join(got, " ") != want {
		t.Errorf("exports/apr holds %v, want %s", got, want)
	}
}
