package ingest

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mittari/domain"
	"mittari/warehouse"
)

// TestRunFindingsStored: every finding a run reports (of files, of the register, of arrivals and
// the cumulative checks) is committed with it and read back as it was reported, with the run's
// counts; a run that writes nothing stores nothing; a warehouse without the table reads as one
// with no findings.
func TestRunFindingsStored(t *testing.T) {
	cat := testCatalogue(t)
	wh := filepath.Join(t.TempDir(), "wh")
	if _, err := Run(context.Background(), Options{Inbox: "testdata/inbox", Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat}); err != nil {
		t.Fatal(err)
	}
	inbox := copyTree(t, badInbox)
	sum, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: testClock(60), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	reported := findingsOf(t, sum)
	stages := map[Stage]bool{}
	for _, f := range reported {
		r, _ := RuleByID(f.Rule)
		stages[r.Stage] = true
	}
	if len(stages) != 5 {
		t.Fatalf("the run's findings are of stages %v, want all five", stages)
	}
	var got []domain.Finding
	err = warehouse.ReadRunFindings(wh, []string{"r2"}, func(run string, f domain.Finding) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, reported) || len(got) != sum.Errors+sum.Warnings {
		t.Errorf("stored findings differ from the reported ones:\n%v\nwant %d:\n%v", got, sum.Errors+sum.Warnings, reported)
	}
	sorted := slices.Clone(got)
	sortFindings(sorted)
	if !reflect.DeepEqual(sorted, got) {
		t.Errorf("the findings are not in order")
	}
	var row warehouse.RunRow
	if err := warehouse.ReadRun(wh, warehouse.TableRuns, "r2", func(r warehouse.RunRow) error { row = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if int(row.FilesSeen) != sum.FilesSeen || int(row.ReportsIgnored) != sum.ReportsIgnored || int(row.Errors) != sum.Errors || int(row.Warnings) != sum.Warnings ||
		int(row.FilesRejected) != sum.FilesRejected || row.Errors == 0 {
		t.Errorf("runs row %+v does not count what the run did: %+v", row, sum)
	}

	again, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r3", Now: testClock(120), Catalogue: cat})
	if err != nil || again.Wrote {
		t.Fatalf("a run with nothing new: %v, wrote %v", err, again != nil && again.Wrote)
	}
	if _, err := os.Stat(warehouse.PartitionDir(wh, warehouse.TableRunFindings, "r3")); !os.IsNotExist(err) {
		t.Errorf("a run that committed nothing stored findings")
	}

	if err := os.RemoveAll(filepath.Join(wh, warehouse.TableRunFindings)); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = warehouse.ReadRunFindings(wh, []string{"r1", "r2"}, func(string, domain.Finding) error { n++; return nil })
	if err != nil || n != 0 {
		t.Errorf("a warehouse without run_findings: %d findings, %v", n, err)
	}
}

// TestFindingLogOrder: the log gives back what was added in the order sortFindings gives (by
// file, line, place and rule, else as found), whether it sorted them in memory or in many runs
// merged from its file; findings of a group are found in the order of their ties, whatever
// order they are added in (as settle adds them), and those of one tie in the order added.
func TestFindingLogOrder(t *testing.T) {
	defer func(n int) { findingChunk = n }(findingChunk)
	rng := rand.New(rand.NewPCG(3, 4))
	type found struct {
		f     domain.Finding
		group byte
		tie   string
	}
	var fs []found
	files := []string{"reports/b.csv", "reports/a.csv", "reports/a.json", "projects.csv", `reports/\xff.csv`}
	rules := []Rule{RuleItemNotInAction, RuleCountInteger, RuleResultAbove, RulePeriodOverlap}
	for i := range 3000 {
		f := rules[rng.IntN(len(rules))].at(domain.Place{File: files[rng.IntN(len(files))], Line: rng.IntN(20)}, fmt.Sprint(rng.IntN(5)), "finding %d", i)
		switch rng.IntN(4) {
		case 0:
			f.Place.Column = []string{"item", "value"}[rng.IntN(2)]
		case 1:
			f.Place.Line, f.Place.Pointer = 0, fmt.Sprintf("/%d", rng.IntN(3))
		case 2:
			f.Place.Line, f.Place.Sheet, f.Place.Cell = 0, "report", fmt.Sprintf("B%d", rng.IntN(3))
		}
		if rng.IntN(3) == 0 {
			f.Severity, f.Report = domain.SeverityError, "AMIF-1"
		}
		x := found{f: f, group: byte(rng.IntN(5))}
		if x.group == foundArrival || x.group == foundCumulative {
			x.tie = []string{"", "A", "AB", "B", "\x00"}[rng.IntN(5)]
		}
		fs = append(fs, x)
	}
	// The order found: by group, by tie, as added; then as a run reports them.
	order := slices.Clone(fs)
	slices.SortStableFunc(order, func(a, b found) int {
		if a.group != b.group {
			return int(a.group) - int(b.group)
		}
		return strings.Compare(a.tie, b.tie)
	})
	var want []domain.Finding
	for _, x := range order {
		want = append(want, x.f)
	}
	sortFindings(want)
	for _, chunk := range []int{1 << 30, 4 << 10, 1} {
		findingChunk = chunk
		l := newFindingLog(t.TempDir())
		for i, x := range fs {
			if i < 1000 && x.group == foundReading {
				l.add(x.f)
			} else {
				l.addOrdered(x.group, []byte(x.tie), x.f)
			}
		}
		var got []domain.Finding
		if err := l.each(func(f domain.Finding) error { got = append(got, f); return nil }); err != nil {
			t.Fatal(err)
		}
		l.close()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("chunk %d: %d findings back out of order (runs %d)", chunk, len(got), len(l.runs))
		}
		if chunk < 1<<30 && len(l.runs) < 2 {
			t.Errorf("chunk %d: %d runs", chunk, len(l.runs))
		}
		if l.errors+l.warnings != len(fs) {
			t.Errorf("counted %d errors and %d warnings of %d", l.errors, l.warnings, len(fs))
		}
	}
}

// TestTies: the ties of versions and of versions taken order as the run's order does: by
// submission and hash, and by file and report.
func TestTies(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339Nano, s); return v }
	vs := []domain.Version{
		{SubmittedAt: at("1969-12-31T23:59:59.5Z"), Hash: "b"}, {SubmittedAt: at("2025-01-01T00:00:00Z"), Hash: "a"},
		{SubmittedAt: at("2025-01-01T02:00:00+03:00"), Hash: "c"}, {SubmittedAt: at("2025-01-01T00:00:00.000000001Z"), Hash: "0"},
		{SubmittedAt: at("2025-01-01T00:00:00Z"), Hash: "ab"},
	}
	for _, a := range vs {
		for _, b := range vs {
			want := 0
			switch {
			case a.SubmittedAt.Before(b.SubmittedAt) || a.SubmittedAt.Equal(b.SubmittedAt) && a.Hash < b.Hash:
				want = -1
			case b.SubmittedAt.Before(a.SubmittedAt) || a.SubmittedAt.Equal(b.SubmittedAt) && b.Hash < a.Hash:
				want = 1
			}
			if got := bytes.Compare(versionTie(a), versionTie(b)); got != want {
				t.Errorf("%v %s vs %v %s: %d, want %d", a.SubmittedAt, a.Hash, b.SubmittedAt, b.Hash, got, want)
			}
		}
	}
	for _, c := range [][4]int32{{1, 5, 2, 0}, {2, 0, 1, 5}, {3, 1, 3, 2}, {0, 1 << 20, 1, 0}} {
		if bytes.Compare(takenTie(c[0], c[1]), takenTie(c[2], c[3])) >= 0 == (c[0] < c[2] || c[0] == c[2] && c[1] < c[3]) {
			t.Errorf("takenTie(%d, %d) vs (%d, %d)", c[0], c[1], c[2], c[3])
		}
	}
}
