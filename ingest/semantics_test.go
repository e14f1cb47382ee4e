package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/warehouse"
)

// listFiles lists every file under root with its size, to see that a run wrote nothing.
func listFiles(t testing.TB, root string) []string {
	var out []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestIdempotent: a second run on the same inbox (bad files included) writes nothing at all.
func TestIdempotent(t *testing.T) {
	inbox := copyTree(t, badInbox)
	goodXLSX(t, filepath.Join(inbox, "reports", "2026", "amif-001-h2.xlsx"))
	wh := filepath.Join(t.TempDir(), "wh")
	cat := testCatalogue(t)
	first, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r1", Now: testClock(0), Catalogue: cat})
	if err != nil || !first.Wrote {
		t.Fatalf("first run: %v %+v", err, first)
	}
	files, content := listFiles(t, wh), dumpWarehouse(t, wh)
	second, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: "r2", Now: testClock(60), Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if second.Wrote || second.FilesNew != 0 || second.FilesSkipped != first.FilesNew || second.RegisterChanged {
		t.Errorf("second run: %+v", second)
	}
	if got := listFiles(t, wh); !reflect.DeepEqual(got, files) {
		t.Errorf("second run changed the files: %v, was %v", got, files)
	}
	if got := dumpWarehouse(t, wh); !reflect.DeepEqual(got, content) {
		t.Errorf("second run changed the content")
	}
}

// inForce derives the versions in force from what the warehouse holds, as transform does.
func inForce(t testing.TB, wh string) map[domain.ReportKey]warehouse.ReportVersionRow {
	var vs []domain.Version
	rows := map[string]warehouse.ReportVersionRow{}
	err := warehouse.Read(wh, warehouse.TableReportVersions, func(_ string, r warehouse.ReportVersionRow) error {
		vs = append(vs, domain.Version{Key: domain.ReportKey{ProjectID: r.ProjectID, PeriodStart: domain.Date(r.PeriodStart), PeriodEnd: domain.Date(r.PeriodEnd)},
			SubmittedAt: r.SubmittedAt, Hash: r.VersionHash})
		rows[r.VersionHash] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := domain.ResolveInForce(vs)
	out := map[domain.ReportKey]warehouse.ReportVersionRow{}
	for k, v := range m {
		out[k] = rows[v.Hash]
	}
	return out
}

// TestCorrections: a later version replaces the earlier whole; a rejected correction leaves the
// previous version in force with its errors in quarantine; an older version is kept but ignored.
func TestCorrections(t *testing.T) {
	cat := testCatalogue(t)
	inbox := copyTree(t, "testdata/inbox")
	wh := filepath.Join(t.TempDir(), "wh")
	run := func(id string) *Summary {
		s, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: id, Now: testClock(0), Catalogue: cat})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	run("r1")
	key := domain.ReportKey{ProjectID: "AMIF-2023-001", PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30")}
	original := inForce(t, wh)[key]
	if original.SourceFile != "reports/2025/amif-001-h1.csv" {
		t.Fatalf("in force before corrections: %+v", original)
	}

	// A correction with an error: rejected whole, the original stays in force.
	writeFile(t, filepath.Join(inbox, "reports/fix-bad.csv"), hdr+
		"AMIF-2023-001,2025-01-01,2025-06-30,2025-08-01T09:00:00+03:00,O.2.3,45,\n"+
		"AMIF-2023-001,2025-01-01,2025-06-30,2025-08-01T09:00:00+03:00,O.2.3.1,50,\n")
	s := run("r2")
	if s.ReportsRejected != 1 || s.ReportsAccepted != 0 {
		t.Errorf("bad correction: %+v", s)
	}
	if got := inForce(t, wh)[key]; got.VersionHash != original.VersionHash {
		t.Errorf("after a rejected correction, %s is in force; want the original", got.SourceFile)
	}
	var quarantined []string
	warehouse.Read(wh, warehouse.TableQuarantine, func(_ string, r warehouse.FindingRow) error {
		quarantined = append(quarantined, r.Rule+"@"+r.Place)
		return nil
	})
	if len(quarantined) != 1 || !strings.HasPrefix(quarantined[0], RuleOfWhichAbove.ID+"@reports/fix-bad.csv:3") {
		t.Errorf("quarantine: %v", quarantined)
	}

	// A valid correction replaces it whole (O.2.3.1 and expenditure are gone from it).
	writeFile(t, filepath.Join(inbox, "reports/fix-good.json"), `{"project_id": "AMIF-2023-001", "period_start": "2025-01-01", "period_end": "2025-06-30", "submitted_at": "2025-08-02T09:00:00+03:00", "indicators": {"O.2.3": 45}}`)
	// and a version older than the original arrives late: kept, ignored, with a warning.
	writeFile(t, filepath.Join(inbox, "reports/late-old.csv"), hdr+"AMIF-2023-001,2025-01-01,2025-06-30,2025-07-01T09:00:00+03:00,O.2.3,1,\n")
	s = run("r3")
	if s.ReportsAccepted != 1 || s.ReportsIgnored != 1 {
		t.Errorf("good correction and late old version: %+v", s)
	}
	got := inForce(t, wh)[key]
	if got.SourceFile != "reports/fix-good.json" || got.Items != 1 {
		t.Errorf("in force after the correction: %+v", got)
	}
	var ignored bool
	for _, f := range findingsOf(t, s) {
		ignored = ignored || (f.Rule == RuleOlderIgnored.ID && f.Place.File == "reports/late-old.csv")
	}
	if !ignored {
		t.Errorf("no warning for the late old version: %v", findingsOf(t, s))
	}
}

func TestFormatFindings(t *testing.T) {
	fs := []domain.Finding{
		RuleCountInteger.at(domain.Place{File: "reports/a.csv", Line: 3, Column: "value"}, "12.5", "the value of O.2.3, %q, is not a count", "12.5"),
		RuleItemNotInAction.at(domain.Place{File: "reports/b.xlsx", Sheet: "report", Cell: "E4"}, "O.1.2", "indicator O.1.2 is not among those action 2A1 reports"),
	}
	var text, js bytes.Buffer
	if err := FormatFindings(&text, fs, false); err != nil {
		t.Fatal(err)
	}
	if err := FormatFindings(&js, fs, true); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/findings.txt", text.Bytes())
	golden(t, "testdata/findings.json", js.Bytes())
}

func TestFormatRules(t *testing.T) {
	var text, js bytes.Buffer
	if err := FormatRules(&text, false); err != nil {
		t.Fatal(err)
	}
	if err := FormatRules(&js, true); err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !strings.Contains(text.String(), r.ID+" (") || !strings.Contains(js.String(), `"id": "`+r.ID+`"`) {
			t.Errorf("rule %s missing from the listings", r.ID)
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update to accept):\n%s", path, got)
	}
}

// TestRegisterFixRevalidates: a report rejected because its project was missing from the
// register is taken in once the register has the project, without being resent.
func TestRegisterFixRevalidates(t *testing.T) {
	cat := testCatalogue(t)
	inbox := copyTree(t, "testdata/inbox")
	wh := filepath.Join(t.TempDir(), "wh")
	writeFile(t, filepath.Join(inbox, "reports/new-project.csv"), hdr+
		"AMIF-2025-009,2025-01-01,2025-06-30,2025-07-20T10:00:00+03:00,O.2.3,7,\n"+
		"AMIF-2025-009,2025-07-01,2025-12-31,2026-01-20T10:00:00+02:00,O.2.3,8,\n")
	run := func(id string) *Summary {
		s, err := Run(context.Background(), Options{Inbox: inbox, Warehouse: wh, RunID: id, Now: testClock(0), Catalogue: cat})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := run("r1"); s.ReportsRejected != 2 {
		t.Fatalf("before the register knows the project: %+v", s)
	}
	appendFile(t, filepath.Join(inbox, ProjectsFile), "AMIF-2025-009,New,Org,ngo,2A1,2025-01-01,2025-09-30,1000.00,750.00,ongoing,\n")
	s := run("r2")
	// The first period is now valid; the second is still outside the project's dates.
	if s.ReportsRevalidated != 1 || s.ReportsAccepted != 1 || !s.RegisterChanged {
		t.Fatalf("after the register fix: %+v", s)
	}
	key := domain.ReportKey{ProjectID: "AMIF-2025-009", PeriodStart: domain.MustDate("2025-01-01"), PeriodEnd: domain.MustDate("2025-06-30")}
	if got := inForce(t, wh)[key]; got.SourceFile != "reports/new-project.csv" {
		t.Errorf("in force: %+v", got)
	}
	var fileRows int
	warehouse.Read(wh, warehouse.TableFiles, func(_ string, r warehouse.FileRow) error {
		if r.Path == "reports/new-project.csv" {
			fileRows++
		}
		return nil
	})
	if fileRows != 1 {
		t.Errorf("the file is recorded %d times, want once", fileRows)
	}
	if s := run("r3"); s.Wrote {
		t.Errorf("a third run wrote again: %+v", s)
	}
}

// TestValidateJudgesItsOwnFiles: a valid file that would put another report of the inbox out of
// force (it was submitted earlier and overlaps it) is not in error; what becomes of the other
// report is said as a warning at the other report's place.
func TestValidateJudgesItsOwnFiles(t *testing.T) {
	inbox := copyTree(t, "testdata/inbox")
	path := filepath.Join(inbox, ReportsDir, "2025", "amif-001-q1.csv")
	writeFile(t, path, hdr+"AMIF-2023-001,2025-01-01,2025-03-31,2025-04-10T10:00:00+03:00,O.2.3,12,\n")
	fs, err := Validate(context.Background(), inbox, []string{path}, testCatalogue(t), "")
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, f := range fs {
		if f.Severity == domain.SeverityError {
			t.Errorf("an error: %s", f)
		}
		if f.Rule == RulePeriodOverlap.ID && f.Place.File == "reports/2025/amif-001-h1.csv" && strings.Contains(f.Message, "no longer in force") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning that reports/2025/amif-001-h1.csv would fall out of force: %v", fs)
	}
}
