package hostiletest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"mittari/catalogue"
	"mittari/data"
	"mittari/domain"
	"mittari/ingest"
	"mittari/transform"
	"mittari/warehouse"
)

// within runs fn and fails the test if it does not return in d: a run that hangs on a hostile
// file must fail the test, not hang it.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// The project the hostile reports are of: added to the demo register, with the largest costs a
// project may have, so that the sums of reports at the bounds are as large as they can be.
const (
	project    = "HOSTILE-1"
	projectRow = project + ",Hostile sums,=cmd|' /C calc'!A0,ngo,1A3,2022-01-01,2025-12-31,100000000.00,100000000.00,ongoing,2021-12-01,,,,\n"
	header     = "project_id,period_start,period_end,submitted_at,item,value,comment\n"
)

// hostileFile is one file put into the inbox: a regular file's content, or a special file made
// by make.
type hostileFile struct {
	name    string // under reports/hostile/
	content string
	make    func(path string) error
}

// day is the i-th day of the project, as a one-day reporting period that overlaps no other i.
func day(i int) string {
	return domain.NewDate(2022, time.January, 1+i%1400).String()
}

// csvReport is a report of the project for day i, submitted the next day, with the given
// O.1.2 count and expenditure.
func csvReport(i int, count, expenditure, comment string) string {
	return csvReportAt(i, domain.MustDate(day(i)).Time().Add(36*time.Hour).Format(time.RFC3339), count, expenditure, comment)
}

// csvReportAt is csvReport submitted at sub.
func csvReportAt(i int, sub, count, expenditure, comment string) string {
	d := day(i)
	row := project + "," + d + "," + d + "," + sub + ","
	return header + row + "O.1.2," + count + "," + comment + "\n" + row + "expenditure_eur," + expenditure + ",\n"
}

// fixedFiles are the cases named in issue 9, each once: values at and beyond the bounds, names
// of any bytes, dates from the future, links and special files, empty and binary files, text a
// spreadsheet would run.
func fixedFiles(now time.Time) []hostileFile {
	future := func(d time.Duration, i int) string {
		return csvReportAt(i, now.Add(d).Format(time.RFC3339), "1", "1.00", "")
	}
	files := []hostileFile{
		{name: "max-count.csv", content: csvReport(1, "1000000000", "100000000.00", "")},
		{name: "count-int64.csv", content: csvReport(2, "9223372036854775807", "1.00", "")},
		{name: "count-beyond-int64.csv", content: csvReport(3, "99999999999999999999", "1.00", "")},
		{name: "count-over-bound.csv", content: csvReport(4, "1000000001", "1.00", "")},
		{name: "expenditure-over-bound.csv", content: csvReport(5, "1", "100000000.01", "")},
		{name: "expenditure-15-digits.csv", content: csvReport(6, "1", "999999999999999.99", "")},
		{name: "submitted-2206.csv", content: csvReportAt(7, "2206-01-20T10:00:00+02:00", "1", "1.00", "")},
		{name: "submitted-in-an-hour.csv", content: future(time.Hour, 8)},
		{name: "submitted-in-ten-minutes.csv", content: future(10*time.Minute, 9)},
		{name: "formula-comment.csv", content: csvReport(10, "1", "1.00", "=cmd|' /C calc'!A0")},
		{name: "formula-project.csv", content: strings.ReplaceAll(csvReport(11, "1", "1.00", ""), project, `"=HYPERLINK(""http://x"")"`)},
		{name: "name-\xff\xfe-latin1-\xe4.csv", content: csvReport(12, "1", "1.00", "")},
		{name: "name-with\nnewline-and-\x1b[31m.csv", content: csvReport(13, "1", "1.00", "")},
		{name: strings.Repeat("long-", 48) + ".csv", content: csvReport(14, "1", "1.00", "")},
		{name: "empty.csv", content: ""},
		{name: "empty.json", content: ""},
		{name: "empty.xlsx", content: ""},
		{name: "header-only.csv", content: header},
		{name: "binary.csv", content: "\x7fELF\x02\x01\x01\x00\x00\x00\x00"},
		{name: "binary.json", content: "\x00\x01\x02\xff"},
		{name: "json-huge-numbers.json", content: `{"project_id": "` + project + `", "period_start": "` + day(15) + `", "period_end": "` + day(15) +
			`", "submitted_at": "2022-01-20T10:00:00Z", "indicators": {"O.1.2": 1e400}, "expenditure_eur": "1.00"}`},
		{name: "json-int64.jsonl", content: `{"project_id": "` + project + `", "period_start": "` + day(16) + `", "period_end": "` + day(16) +
			`", "submitted_at": "2022-01-20T10:00:00Z", "indicators": {"O.1.2": 9223372036854775808}, "expenditure_eur": "1.00"}` + "\n"},
		{name: "notes.txt", content: "not a report"},
		{name: "fifo.csv", make: func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{name: "zero.csv", make: func(p string) error { return os.Symlink("/dev/zero", p) }},
		{name: "passwd.csv", make: func(p string) error { return os.Symlink("/etc/passwd", p) }},
		{name: "fifo-link.csv", make: func(p string) error { return os.Symlink("fifo.csv", p) }},
		{name: "dangling.csv", make: func(p string) error { return os.Symlink("no-such-file.csv", p) }},
		{name: "folder-link.json", make: func(p string) error { return os.Symlink("..", p) }},
	}
	// Twelve expenditures of 999999999999999.99 made every later transform fail.
	for i := 0; i < 12; i++ {
		files = append(files, hostileFile{name: fmt.Sprintf("expenditure-15-digits-%02d.csv", i), content: csvReport(50+i, "1", "999999999999999.99", "")})
	}
	// Reports at the bounds: the sums of expenditures and counts at their largest must fit
	// every model.
	for i := 0; i < 30; i++ {
		files = append(files, hostileFile{name: fmt.Sprintf("at-bounds-%02d.csv", i), content: csvReport(100+i, "1000000000", "100000000.00", "")})
	}
	return files
}

// tokens are values a mutation puts into a field of an otherwise valid report.
var tokens = []string{
	"", "0", "-1", "1000000000", "1000000001", "9223372036854775807", "-9223372036854775808", strings.Repeat("9", 80),
	"100000000.00", "100000000.01", "999999999999999.99", "-0.01", "1,5", "1e9", "NaN", "Infinity", "0x10", "١٢", "１２",
	"2206-01-01", "0001-01-01", "9999-12-31", "2024-02-30", "2206-01-20T10:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
	"=1+1", "@SUM(A1)", "+1", "-", "a\x00b", "ok\x1b[31m", "\xff\xfe", `"quoted, with comma"`, "\u202e", strings.Repeat("x", 70000),
	project, "hostile-1", "AMIF-2023-001", "expenditure_eur", "O.1.2", "O.9.9",
}

// mutated is a valid report of day i with one field of one row replaced by a token.
func mutated(rng *rand.Rand, i int) string {
	lines := strings.Split(strings.TrimSuffix(csvReport(i, "7", "70.00", ""), "\n"), "\n")
	row := 1 + rng.IntN(len(lines)-1)
	fields := strings.Split(lines[row], ",")
	col := rng.IntN(len(fields))
	tok := tokens[rng.IntN(len(tokens))]
	if strings.ContainsAny(tok, ",\n") && !strings.HasPrefix(tok, `"`) {
		tok = `"` + tok + `"`
	}
	fields[col] = tok
	lines[row] = strings.Join(fields, ",")
	return strings.Join(lines, "\n") + "\n"
}

// TestNoFileBreaksALaterRun ingests, round after round, the hostile files above and random
// mutations of valid reports: every file must end accepted, rejected, ignored or refused (never
// a failed run, never a hang), and after each round the next ingest and a full transform must
// succeed.
func TestNoFileBreaksALaterRun(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	inbox := t.TempDir()
	if err := os.CopyFS(inbox, data.Demo()); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(inbox, "projects.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(projectRow); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wh := filepath.Join(t.TempDir(), "warehouse")
	clock := time.Now().UTC()
	ingestOnce := func(what string) *ingest.Summary {
		t.Helper()
		clock = clock.Add(time.Second)
		var sum *ingest.Summary
		var err error
		within(t, 60*time.Second, what, func() {
			sum, err = ingest.Run(context.Background(), ingest.Options{Inbox: inbox, Warehouse: wh, RunID: warehouse.NewRunID(wh, clock, nil), Now: clock, Catalogue: cat})
		})
		if err != nil {
			t.Fatalf("%s failed: %v", what, err)
		}
		return sum
	}
	ingestOnce("ingest of the demo inbox")

	outcomes := map[string]bool{ingest.OutcomeRead: true, ingest.OutcomeRejected: true, ingest.OutcomeIgnored: true, ingest.OutcomeSkipped: true}
	total := countReports(t, inbox)
	for round := 0; round < 3; round++ {
		rng := rand.New(rand.NewPCG(uint64(round), 9))
		dir := filepath.Join(inbox, "reports", "hostile", fmt.Sprint(round))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var files []hostileFile
		if round == 0 {
			files = fixedFiles(clock)
		}
		for i := 0; i < 40; i++ {
			files = append(files, hostileFile{name: fmt.Sprintf("mutated-%02d.csv", i), content: mutated(rng, 200+40*round+i)})
		}
		for _, h := range files {
			path := filepath.Join(dir, h.name)
			if h.make != nil {
				err = h.make(path)
			} else {
				err = os.WriteFile(path, []byte(h.content), 0o644)
			}
			if err != nil {
				t.Fatalf("%q: %v", h.name, err)
			}
		}
		total += len(files)

		sum := ingestOnce(fmt.Sprintf("round %d: ingest", round))
		if len(sum.Files) != total {
			t.Errorf("round %d: the run accounts for %d files, the inbox holds %d", round, len(sum.Files), total)
		}
		for _, fs := range sum.Files {
			if !outcomes[fs.Outcome] || !utf8.ValidString(fs.Path) {
				t.Errorf("round %d: file %q: outcome %q", round, fs.Path, fs.Outcome)
			}
			if fs.Outcome == ingest.OutcomeRead && fs.Accepted+fs.Rejected == 0 && !hasFinding(t, sum, fs.Path) {
				t.Errorf("round %d: file %q read, but neither accepted nor rejected anything, nor said why", round, fs.Path)
			}
		}
		for _, f := range findingsOf(t, sum) {
			if !utf8.ValidString(f.Place.String() + f.Value + f.Message + f.Report) {
				t.Errorf("round %d: a finding that is not UTF-8: %q", round, f)
			}
		}
		if round == 0 {
			checkFixed(t, sum)
		}
		if again := ingestOnce(fmt.Sprintf("round %d: the next ingest", round)); again.Wrote || again.FilesNew != 0 {
			t.Errorf("round %d: the next ingest found %d new files", round, again.FilesNew)
		}
		within(t, 120*time.Second, fmt.Sprintf("round %d: transform", round), func() {
			_, err = transform.Run(context.Background(), transform.Options{Warehouse: wh, Catalogue: cat, TempDir: t.TempDir()})
		})
		if err != nil {
			t.Fatalf("round %d: a full transform after the hostile files fails: %v", round, err)
		}
	}
}

// checkFixed checks what became of some of the fixed files.
func checkFixed(t *testing.T, sum *ingest.Summary) {
	t.Helper()
	byFile := map[string][]string{}
	for _, f := range findingsOf(t, sum) {
		byFile[f.Place.File] = append(byFile[f.Place.File], f.Rule)
	}
	accepted := map[string]int{}
	for _, f := range sum.Files {
		accepted[f.Path] = f.Accepted
	}
	p := "reports/hostile/0/"
	for name, rule := range map[string]string{
		"count-int64.csv": "report.value_too_large", "count-beyond-int64.csv": "report.value_too_large",
		"count-over-bound.csv": "report.value_too_large", "expenditure-over-bound.csv": "report.value_too_large",
		"expenditure-15-digits.csv": "report.value_too_large", "submitted-2206.csv": "report.submitted_in_future",
		"submitted-in-an-hour.csv": "report.submitted_in_future", "formula-comment.csv": "text.formula_injection",
		"fifo.csv": "file.not_regular", "fifo-link.csv": "file.not_regular", "folder-link.json": "file.not_regular",
		"zero.csv": "file.link_outside_inbox", "passwd.csv": "file.link_outside_inbox", "dangling.csv": "file.unreadable",
	} {
		if !contains(byFile[p+name], rule) {
			t.Errorf("%s: findings %v, want %s", name, byFile[p+name], rule)
		}
	}
	for _, name := range []string{"max-count.csv", "submitted-in-ten-minutes.csv", `name-\xff\xfe-latin1-\xe4.csv`, `name-with\x0anewline-and-\x1b[31m.csv`, "at-bounds-29.csv"} {
		if accepted[p+name] != 1 {
			t.Errorf("%s: %d reports accepted, want 1 (findings %v)", name, accepted[p+name], byFile[p+name])
		}
	}
}

// findingsOf is every finding of a run.
func findingsOf(t *testing.T, sum *ingest.Summary) []domain.Finding {
	t.Helper()
	var out []domain.Finding
	if err := sum.EachFinding(func(f domain.Finding) error { out = append(out, f); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func hasFinding(t *testing.T, sum *ingest.Summary, file string) bool {
	for _, f := range findingsOf(t, sum) {
		if f.Place.File == file {
			return true
		}
	}
	return false
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// countReports counts what ingest lists under reports/ (hidden files aside).
func countReports(t *testing.T, inbox string) int {
	n := 0
	err := filepath.WalkDir(filepath.Join(inbox, "reports"), func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") && !strings.HasPrefix(d.Name(), "~") {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
