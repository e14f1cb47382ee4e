package sent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mittari/internal/errs"
	"mittari/metrics"
)

func TestFolderNames(t *testing.T) {
	for _, tt := range []struct {
		version string
		work    int
		folder  string
	}{{"202612", 0, "202612"}, {"202612", 1, "202612.1"}, {"202503", 12, "202503.12"}} {
		if got := Folder(tt.version, tt.work); got != tt.folder {
			t.Errorf("Folder(%s, %d) = %s, want %s", tt.version, tt.work, got, tt.folder)
		}
		v, w, ok := ParseFolder(tt.folder)
		if !ok || v != tt.version || w != tt.work {
			t.Errorf("ParseFolder(%s) = %s %d %v", tt.folder, v, w, ok)
		}
	}
	for _, bad := range []string{"acknowledged", ".staging-202612", "202612.0", "202612.", "20261", "202612.01", "202612.1.2"} {
		if _, _, ok := ParseFolder(bad); ok {
			t.Errorf("ParseFolder(%q) accepted", bad)
		}
	}
}

// exportFolder writes a small export folder and returns it with its files' SHA-256.
func exportFolder(t *testing.T) (string, []string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"financial.csv": "version,cutoff_date,so,support_type,selected_operations,eligible_cost_eur,plan_basis\n" +
			"202612,2025-12-31,1,project,2,1000.00,derived\n202612,2025-12-31,TA,all,0,0.00,assumed\n",
		"indicators.csv": "version,cutoff_date,so,indicator,kind,unit,selected_value,achieved_value,milestone_2024,target_2029\n" +
			"202612,2025-12-31,1,O.1.1,output,participants,40,6,,100\n",
		"financial_by_intervention.csv": "version,cutoff_date,so,dimension,code,selected_operations,eligible_cost_eur,code_status\n" +
			"202612,2025-12-31,1,intervention_field,001,2,1000.00,unverified\n",
		"manifest.json": "{}\n",
	}
	want := map[string]string{}
	var names []string
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
		want[name] = sha(body)
	}
	slices.Sort(names)
	return dir, names, want
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func record(version string, work int, at string) Record {
	ts, _ := time.Parse(time.RFC3339, at)
	return Record{Version: version, WorkVersion: work, Folder: Folder(version, work), Cutoff: "2025-12-31", SentAt: ts,
		PreparedBy: "A", ApprovedBy: "B", FiguresAsOf: ts.Add(-time.Hour)}
}

func TestWriteFreezesByteForByte(t *testing.T) {
	root := filepath.Join(t.TempDir(), "sent")
	src, names, want := exportFolder(t)
	path, rec, err := Write(root, record("202612", 0, "2026-01-20T10:00:00Z"), src, names, want, nil)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(root, "202612") || len(rec.Files) != len(names) {
		t.Fatalf("path %s, files %v", path, rec.Files)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(src, n))
		b, err := os.ReadFile(filepath.Join(path, n))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s not copied byte for byte (%v)", n, err)
		}
		if st, _ := os.Stat(filepath.Join(path, n)); st.Mode().Perm()&0o222 != 0 {
			t.Errorf("%s is writable: %v", n, st.Mode())
		}
	}
	got, err := List(root)
	if err != nil || len(got) != 1 || got[0].Folder != "202612" || len(got[0].Files) != len(names) {
		t.Fatalf("List: %+v %v", got, err)
	}
	before := snapshot(t, path)
	// Sending it again under the same name is refused, and changes nothing.
	if _, _, err := Write(root, record("202612", 0, "2026-01-21T10:00:00Z"), src, names, want, nil); !errs.Is(errs.Invalid, err) {
		t.Errorf("a second write of the same folder: %v", err)
	}
	if after := snapshot(t, path); after != before {
		t.Error("the sent folder changed")
	}
	if left, _ := filepath.Glob(filepath.Join(root, StagingPrefix+"*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestWriteLeavesNothingWhenItFails(t *testing.T) {
	root := filepath.Join(t.TempDir(), "sent")
	src, names, want := exportFolder(t)
	bad := map[string]string{}
	for k, v := range want {
		bad[k] = v
	}
	bad["financial.csv"] = strings.Repeat("0", 64)
	if _, _, err := Write(root, record("202612", 0, "2026-01-20T10:00:00Z"), src, names, bad, nil); !errs.Is(errs.Invalid, err) {
		t.Errorf("a file that is not the one its manifest lists: %v", err)
	}
	stop := errors.New("killed")
	if _, _, err := Write(root, record("202612", 0, "2026-01-20T10:00:00Z"), src, names, want, func() error { return stop }); !errors.Is(err, stop) {
		t.Errorf("beforeRename's error: %v", err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 0 {
		t.Errorf("a failed send left %v", entries)
	}
}

// snapshot is a folder's files and their bytes, as text.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		c, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, "%s %q\n", e.Name(), c)
	}
	return b.String()
}

func TestListRefusesDamagedFolders(t *testing.T) {
	root := filepath.Join(t.TempDir(), "sent")
	src, names, want := exportFolder(t)
	for _, r := range []Record{record("202612", 1, "2026-03-01T10:00:00Z"), record("202612", 0, "2026-01-20T10:00:00Z"), record("202506", 0, "2025-07-20T10:00:00Z")} {
		if _, _, err := Write(root, r, src, names, want, nil); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(root, "notes"), 0o755)
	got, err := List(root)
	if err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, r := range got {
		folders = append(folders, r.Folder)
	}
	if fmt.Sprint(folders) != "[202506 202612 202612.1]" {
		t.Errorf("listed %v", folders)
	}
	if n := NextWork(got, "202612"); n != 2 {
		t.Errorf("NextWork(202612) = %d, want 2", n)
	}
	if n := NextWork(got, "202606"); n != 0 {
		t.Errorf("NextWork(202606) = %d, want 0", n)
	}
	// A folder renamed to another version's name, and one without its record.
	if err := os.Rename(filepath.Join(root, "202506"), filepath.Join(root, "202508")); err != nil {
		t.Fatal(err)
	}
	if _, err := List(root); !errs.Is(errs.Config, err) {
		t.Errorf("a renamed folder: %v", err)
	}
	os.Rename(filepath.Join(root, "202508"), filepath.Join(root, "202506"))
	os.MkdirAll(filepath.Join(root, "202603"), 0o755)
	if _, err := List(root); !errs.Is(errs.Config, err) {
		t.Errorf("a folder without its record: %v", err)
	}
}

func TestFiguresAndInputs(t *testing.T) {
	root := filepath.Join(t.TempDir(), "sent")
	src, names, want := exportFolder(t)
	rec := record("202612", 0, "2026-01-20T10:00:00Z")
	if _, _, err := Write(root, rec, src, names, want, nil); err != nil {
		t.Fatal(err)
	}
	figs, tables, err := Figures(root, rec)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range figs {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", f.Table, f.SO, f.Row, f.Figure, f.Value))
	}
	wantFigs := []string{
		"indicators|1|O.1.1|selected_value|40", "indicators|1|O.1.1|achieved_value|6",
		"indicators|1|O.1.1|milestone_2024|", "indicators|1|O.1.1|target_2029|100",
		"financial|1|project|selected_operations|2", "financial|1|project|eligible_cost_eur|1000.00",
		"financial|TA|all|selected_operations|0", "financial|TA|all|eligible_cost_eur|0.00",
		"financial_by_intervention|1|intervention_field 001|selected_operations|2",
		"financial_by_intervention|1|intervention_field 001|eligible_cost_eur|1000.00",
	}
	if strings.Join(got, "\n") != strings.Join(wantFigs, "\n") {
		t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFigs, "\n"))
	}
	if fmt.Sprint(tables) != "[{indicators [selected_value achieved_value milestone_2024 target_2029]} {financial [selected_operations eligible_cost_eur]} {financial_by_intervention [selected_operations eligible_cost_eur]}]" {
		t.Errorf("tables %v", tables)
	}

	in1, err := Inputs(root, time.Time{})
	if err != nil || len(in1.Versions) != 1 || len(in1.Figures) != len(wantFigs) || len(in1.Acknowledged) != 0 {
		t.Fatalf("inputs %+v %v", in1, err)
	}
	ackAt, _ := time.Parse(time.RFC3339, "2026-02-01T10:00:00Z")
	if _, err := Acknowledge(root, Acknowledgement{Folder: "202612", Version: "202612", AcknowledgedAt: ackAt, By: "B", Reason: "corrected",
		Figures: []AcknowledgedFigure{{Table: "indicators", SO: "1", Row: "O.1.1", Figure: "achieved_value", Sent: "6", Now: "5"}}}); err != nil {
		t.Fatal(err)
	}
	// The same moment twice makes a second file, never a rewrite.
	if _, err := Acknowledge(root, Acknowledgement{Folder: "202612", Version: "202612", AcknowledgedAt: ackAt, By: "B", Reason: "again"}); err != nil {
		t.Fatal(err)
	}
	if files, _ := filepath.Glob(filepath.Join(root, AcknowledgedDir, "*.json")); len(files) != 2 {
		t.Errorf("acknowledgement files %v", files)
	}
	in2, err := Inputs(root, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if in2.State == in1.State {
		t.Error("an acknowledgement does not change the state")
	}
	if len(in2.Acknowledged) != 1 || in2.Acknowledged[0] != (metrics.Acknowledgement{Folder: "202612", Table: "indicators", SO: "1", Row: "O.1.1", Figure: "achieved_value", Value: "5"}) {
		t.Errorf("acknowledged %+v", in2.Acknowledged)
	}
	// As of a moment before the acknowledgement, the inputs are those before it.
	early, err := Inputs(root, ackAt.Add(-time.Second))
	if err != nil || early.State != in1.State {
		t.Errorf("inputs as of before the acknowledgement: %v, state %s want %s", err, early.State, in1.State)
	}
	if none, _ := Inputs(root, rec.SentAt.Add(-time.Second)); len(none.Versions) != 0 {
		t.Errorf("inputs as of before the send: %+v", none.Versions)
	}
}

// TestTablesMatchTheMart: the figure columns compared are those mart_transmission_figures
// unpivots, table by table, in the same order.
func TestTablesMatchTheMart(t *testing.T) {
	b, err := os.ReadFile("../transform/models/marts/mart_transmission_figures.sql")
	if err != nil {
		t.Fatal(err)
	}
	lists := regexp.MustCompile(`UNPIVOT INCLUDE NULLS \(hundredths FOR figure IN \(([^)]*)\)\)`).FindAllStringSubmatch(string(b), -1)
	if len(lists) != len(Tables) {
		t.Fatalf("%d UNPIVOT lists in the mart, %d tables here", len(lists), len(Tables))
	}
	for i, tbl := range Tables {
		var cols []string
		for _, c := range strings.Split(lists[i][1], ",") {
			cols = append(cols, strings.TrimSpace(c))
		}
		if fmt.Sprint(cols) != fmt.Sprint(tbl.figures) {
			t.Errorf("%s: the mart compares %v, the sent folder's reader %v", tbl.name, cols, tbl.figures)
		}
	}
}
