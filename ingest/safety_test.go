package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mittari/ingest/read"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// within runs fn and fails the test if it does not return in d: a run that hangs on a hostile
// file must fail the test, not hang it.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not return within %v", d)
	}
}

// TestSpecialFilesRefused: what is not a regular file of the inbox is refused with a finding of
// its own, without being opened (a FIFO, /dev/zero, a link leading out of the inbox, a folder
// reached through a link, a file above the size limit); a name of any bytes is read, shown
// escaped, stored as text with its bytes beside it, and recognised by the next run.
func TestSpecialFilesRefused(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	reports := filepath.Join(inbox, ReportsDir)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(reports, "fifo.csv"), 0o644))
	must(os.Symlink("fifo.csv", filepath.Join(reports, "fifo-link.csv")))
	must(os.Symlink("/dev/zero", filepath.Join(reports, "zero.csv")))
	must(os.Symlink("/etc/passwd", filepath.Join(reports, "passwd.csv")))
	must(os.MkdirAll(filepath.Join(inbox, "elsewhere"), 0o755))
	must(os.Symlink("../elsewhere", filepath.Join(reports, "folder.csv")))
	writeFile(t, filepath.Join(reports, "big.csv"), csvReport("O.2.3,5,"+strings.Repeat("x", 2<<10)))
	odd := "reports/r\xff\x1b\u2028.csv"
	writeFile(t, filepath.Join(inbox, odd), hdr+"AMIF-2023-002,2023-01-01,2023-06-30,2023-07-20T10:00:00+03:00,O.1.2,5,\n")
	oddShown := `reports/r\xff\x1b\u2028.csv`

	wh := filepath.Join(t.TempDir(), "wh")
	o := Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: testCatalogue(t), MaxFileBytes: 2 << 10}
	var sum *Summary
	var err error
	within(t, 30*time.Second, func() { sum, err = Run(context.Background(), o) })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"reports/fifo.csv": RuleFileNotRegular.ID, "reports/fifo-link.csv": RuleFileNotRegular.ID,
		"reports/folder.csv": RuleFileNotRegular.ID, "reports/zero.csv": RuleFileOutside.ID,
		"reports/passwd.csv": RuleFileOutside.ID, "reports/big.csv": RuleFileTooLarge.ID,
	}
	got := map[string]string{}
	for _, f := range findingsOf(t, sum) {
		if _, ok := want[f.Place.File]; ok {
			got[f.Place.File] = f.Rule
		}
		if strings.Contains(f.Message+f.Value, "root:") {
			t.Errorf("a finding repeats what it must not have read: %s", f)
		}
	}
	for file, rule := range want {
		if got[file] != rule {
			t.Errorf("%s: finding %q, want %s", file, got[file], rule)
		}
	}
	read := false
	for _, f := range sum.Files {
		if f.Path == oddShown {
			read = f.Outcome == OutcomeRead && f.Accepted == 1
		}
	}
	if !read {
		t.Errorf("the file named %q was not read and its report accepted: %+v", oddShown, sum.Files)
	}

	err = warehouse.Read(wh, warehouse.TableFiles, func(_ string, r warehouse.FileRow) error {
		if r.Path == oddShown && !bytes.Equal(r.PathRaw, []byte(odd)) {
			t.Errorf("files row of %s keeps the name's bytes as %q", r.Path, r.PathRaw)
		}
		if r.Path != oddShown && r.PathRaw != nil {
			t.Errorf("files row of %s has path_raw %q", r.Path, r.PathRaw)
		}
		return nil
	})
	must(err)

	// Nothing new: the odd name is recognised by its bytes, the refused files are refused again.
	o.RunID, o.Now = "r2", testClock(60)
	within(t, 30*time.Second, func() { sum, err = Run(context.Background(), o) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Wrote || sum.FilesNew != 0 || sum.FilesRejected != len(want) {
		t.Errorf("second run: wrote %v, %d new, %d rejected; want nothing new and %d refused again", sum.Wrote, sum.FilesNew, sum.FilesRejected, len(want))
	}
}

// cancelAfter repeats its pattern for ever and cancels its context once it has given n bytes.
type cancelAfter struct {
	pattern  string
	n, given int64
	cancel   func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.given >= c.n {
		c.cancel()
	}
	for i := range p {
		p[i] = c.pattern[(c.given+int64(i))%int64(len(c.pattern))]
	}
	c.given += int64(len(p))
	return len(p), nil
}

// TestHashStopsWhenCancelled: hashing a file that never ends stops within a buffer of the
// cancellation, with an error of kind Interrupted.
func TestHashStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := &cancelAfter{pattern: "\x00", n: 1 << 20, cancel: cancel}
	var err error
	within(t, 30*time.Second, func() { _, _, err = hashFile(ctx, src, 0) })
	if !errs.Is(errs.Interrupted, err) {
		t.Fatalf("error %v, want one of kind Interrupted", err)
	}
	if src.given > 2<<20 {
		t.Errorf("read %d bytes after cancelling at %d", src.given, src.n)
	}
}

// TestReadStopsWhenCancelled: a reader, given what ingest gives it, stops reading a report
// file that never ends once the run is cancelled (the run then drops what it read).
func TestReadStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := &cancelAfter{pattern: period + "O.2.3,5,\n", n: 64 << 10, cancel: cancel}
	var err error
	within(t, 30*time.Second, func() {
		_, _, err = read.Reports("endless.csv", ctxReader{ctx, io.MultiReader(strings.NewReader(hdr), src)}, read.CSV, read.Limits{})
	})
	if err == nil {
		t.Fatal("read on after the cancellation")
	}
	if src.given > 1<<20 {
		t.Errorf("read %d bytes after cancelling at %d", src.given, src.n)
	}
}

// TestRunInterrupted: a run cancelled while it hashes returns an error of kind Interrupted and
// commits nothing; the next run takes everything in.
func TestRunInterrupted(t *testing.T) {
	defer func() { reorderForTest = func([]string) {} }()
	inbox := copyTree(t, "testdata/inbox")
	wh := filepath.Join(t.TempDir(), "wh")
	ctx, cancel := context.WithCancel(context.Background())
	reorderForTest = func([]string) { cancel() } // after listing, before hashing
	o := Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: testCatalogue(t)}
	_, err := Run(ctx, o)
	if !errs.Is(errs.Interrupted, err) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want one of kind Interrupted caused by the cancellation", err)
	}
	if runs, err := warehouse.CommittedRuns(wh); err != nil || len(runs) != 0 {
		t.Fatalf("committed runs %v (%v) after an interrupted run", runs, err)
	}
	reorderForTest = func([]string) {}
	o.RunID = "r2"
	sum, err := Run(context.Background(), o)
	if err != nil || !sum.Wrote || sum.ReportsAccepted == 0 {
		t.Fatalf("the next run: %v, %+v", err, sum)
	}
}
