package pipeline

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
)

func TestCheckCutoffPassed(t *testing.T) {
	at := func(s string) time.Time {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	tests := []struct {
		cutoff, at string
		ok         bool
		says       string
	}{
		{"2025-12-31", "2026-01-01T00:00:00Z", true, ""},
		{"2025-06-30", "2026-01-01T00:00:00Z", true, ""},
		// A cut-off has passed once its day is over.
		{"2025-12-31", "2025-12-31T23:59:59Z", false, "latest cut-off passed is 2025-10-31"},
		{"2027-12-31", "2026-12-06T02:15:00Z", false, "the cut-off 2027-12-31 has not passed on 2026-12-06"},
		{"2021-12-31", "2021-12-31T12:00:00Z", false, "leave out --cutoff"},
	}
	for _, tc := range tests {
		c, err := domain.ParseCutoff(tc.cutoff)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckCutoffPassed(c, at(tc.at))
		if tc.ok {
			if err != nil {
				t.Errorf("%s at %s: refused: %v", tc.cutoff, tc.at, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s at %s: accepted a cut-off that has not passed", tc.cutoff, tc.at)
			continue
		}
		if !errs.Is(errs.Usage, err) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s at %s: %v (kind %v), want a usage error saying %q", tc.cutoff, tc.at, err, errs.KindOf(err), tc.says)
		}
	}
}

// TestTransformRefusesAFutureCutoff: whoever calls the pipeline, no figures — and so no export
// folder — are computed for a cut-off that has not passed.
func TestTransformRefusesAFutureCutoff(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	future, _ := domain.ParseCutoff("2027-12-31")
	now := func() time.Time { return time.Date(2026, 12, 6, 2, 15, 0, 0, time.UTC) }
	_, err = TransformStage(context.Background(), Options{Out: out, Catalogue: cat, Cutoff: &future, Now: now})
	if !errs.Is(errs.Usage, err) {
		t.Fatalf("Transform of a future cut-off: %v, want a usage error", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("Transform of a future cut-off wrote %d entries into the output folder", len(entries))
	}
}
