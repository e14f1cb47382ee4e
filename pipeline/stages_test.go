package pipeline

import (
	"context"
	"testing"
)

// TestStagesEqualRun: ingest, transform, export and report run one by one give, byte for byte,
// the figures, marts, exports and report that run gives, both into a fresh output folder and
// over the run's own outputs. (A milestone of 0 came back empty from the figures' file once.)
func TestStagesEqualRun(t *testing.T) {
	cat, inbox, a := demoFolders(t)
	_, _, b := demoFolders(t)
	ctx := context.Background()
	now := clockAt("2026-12-06T02:00:00Z")
	if _, err := Run(ctx, Options{Inbox: inbox, Out: a, Catalogue: cat, Now: now}); err != nil {
		t.Fatal(err)
	}
	want := publishedTree(t, a)
	for _, part := range []string{"figures.json", "report/index.html", "marts/mart_sfc_indicators.parquet"} {
		if want[part] == "" {
			t.Fatalf("run published no %s", part)
		}
	}
	if len(want) < 100 {
		t.Fatalf("run published %d files; the exports are missing", len(want))
	}

	o := Options{Inbox: inbox, Out: b, Catalogue: cat, Now: now}
	stages := []struct {
		name string
		fn   func(context.Context, Options) (*Result, error)
	}{{"transform", TransformStage}, {"export", ExportStage}, {"report", ReportStage}}
	if _, err := IngestStage(ctx, o); err != nil {
		t.Fatal(err)
	}
	for _, s := range stages {
		if _, err := s.fn(ctx, o); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	sameTree(t, "ingest, transform, export, report into a fresh folder", publishedTree(t, b), want)

	o.Out = a
	for _, s := range stages {
		if _, err := s.fn(ctx, o); err != nil {
			t.Fatalf("%s after run: %v", s.name, err)
		}
	}
	sameTree(t, "transform, export, report after run", publishedTree(t, a), want)
}
