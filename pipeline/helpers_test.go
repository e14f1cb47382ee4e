package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/data"
	"mittari/pipeline/pipelinetest"
)

// demoFolders copies the embedded demo inbox to a temporary folder and names an output folder.
func demoFolders(t *testing.T) (cat *catalogue.Catalogue, inbox, out string) {
	t.Helper()
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	inbox = t.TempDir()
	if err := MaterializeInbox(data.Demo(), inbox); err != nil {
		t.Fatal(err)
	}
	return cat, inbox, filepath.Join(t.TempDir(), "out")
}

func clockAt(s string) func() time.Time {
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return func() time.Time { return ts }
}

// publishedTree is pipelinetest.Published of out.
func publishedTree(t *testing.T, out string) map[string]string {
	t.Helper()
	tree, err := pipelinetest.Published(out)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// sameTree reports every file that differs between two published trees.
func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if diff := pipelinetest.Diff(got, want); len(want) == 0 || len(diff) > 0 {
		t.Errorf("%s: %d of %d files differ: %s", what, len(diff), len(want), strings.Join(diff[:min(len(diff), 12)], ", "))
	}
}

func readRecordFile(t *testing.T, out, runID string) *Record {
	t.Helper()
	r, err := readRecord(Layout{Root: out}, runID)
	if err != nil || r == nil {
		t.Fatalf("record of %s: %v, %v", runID, r, err)
	}
	return r
}
