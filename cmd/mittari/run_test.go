package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mittari/data"
	"mittari/domain"
	"mittari/pipeline"
)

// demoInbox copies the embedded demo inbox to a temporary folder.
func demoInbox(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := pipeline.MaterializeInbox(data.Demo(), dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runMittari(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var o, e bytes.Buffer
	status = dispatch(context.Background(), args, &o, &e)
	return o.String(), e.String(), status
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// treeHashes maps every file below root (relative path) to its SHA-256.
func treeHashes(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	// exports/ and marts/ are links to the published generation's folders.
	root, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRunEndToEnd runs `mittari run` on the demo inbox into a temporary folder, checks every
// output the spec promises, then runs it again and checks that nothing changed.
func TestRunEndToEnd(t *testing.T) {
	inbox := demoInbox(t)
	out := t.TempDir()
	stdout, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out)
	// The demo inbox holds reports with errors: the run succeeds and says it rejected some.
	if st != exitRejected {
		t.Fatalf("mittari run exited %d, want %d (success, reports rejected)\nstdout:\n%s\nstderr:\n%s", st, exitRejected, stdout, stderr)
	}
	for _, want := range []string{"report:", "exports:", "run record:", "2021-12-31 (SFC2021 version 202212)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say where the outputs are (%q missing):\n%s", want, stdout)
		}
	}

	// The report opens offline: one page, no remote script.
	page, err := os.ReadFile(filepath.Join(out, "report", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`<script[^>]+src="?https?:`).Match(page) {
		t.Error("report/index.html loads a script from the network")
	}
	if !bytes.Contains(page, []byte("echarts")) || !bytes.Contains(page, []byte("ILLUSTRATIVE")) && !bytes.Contains(page, []byte("llustrative")) {
		t.Error("report/index.html lacks the charts or the note that milestones and targets are illustrative")
	}

	// Exports: June/December versions carry indicators, the others only finances.
	dec := filepath.Join(out, "exports", "sfc", "202612")
	ind := readCSV(t, filepath.Join(dec, "indicators.csv"))
	if got := strings.Join(ind[0], ","); got != "version,cutoff_date,so,indicator,kind,unit,selected_value,achieved_value,milestone_2024,target_2029" {
		t.Errorf("indicators.csv header = %s", got)
	}
	fin := readCSV(t, filepath.Join(dec, "financial.csv"))
	if got := strings.Join(fin[0], ","); got != "version,cutoff_date,so,support_type,selected_operations,eligible_cost_eur,eu_contribution_eur,declared_expenditure_eur,allocation_eur,"+
		"public_eligible_cost_eur,total_allocation_eur,cofinancing_rate_pct,selected_pct_of_allocation,declared_pct_of_allocation,plan_basis" {
		t.Errorf("financial.csv header = %s", got)
	}
	for _, name := range []string{"financial_by_intervention.csv", "financial_by_intervention.xlsx"} {
		if _, err := os.Stat(filepath.Join(dec, name)); err != nil {
			t.Errorf("the December transmission lacks %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "exports", "forecast", "2026-01-31", "forecast.csv")); err != nil {
		t.Error("no forecast of payment applications due 2026-01-31")
	}
	if _, err := os.Stat(filepath.Join(out, "exports", "sfc", "202510", "indicators.csv")); err == nil {
		t.Error("an October cut-off must not carry indicators")
	}
	if _, err := os.Stat(filepath.Join(out, "exports", "sfc", "202510", "financial.csv")); err != nil {
		t.Error("the October cut-off lacks financial.csv")
	}
	checkManifest(t, dec)

	// The run record says what was read and written.
	records, _ := filepath.Glob(filepath.Join(out, "runs", "*.json"))
	if len(records) != 1 {
		t.Fatalf("runs/ holds %d records, want 1", len(records))
	}
	var rec pipeline.Record
	b, _ := os.ReadFile(records[0])
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	// Every file read is listed (with its hash) beside the record, every finding too.
	filesRead, _ := os.ReadFile(filepath.Join(out, "runs", rec.Ingest.FilesFile))
	findings, _ := os.ReadFile(filepath.Join(out, "runs", rec.Ingest.FindingsFile))
	nFiles, nFindings := bytes.Count(filesRead, []byte("\n")), bytes.Count(findings, []byte("\n"))
	if rec.Status != "ok" || nFiles != rec.Ingest.FilesNew || nFiles == 0 || !bytes.Contains(filesRead, []byte(`"sha256":"`)) ||
		nFindings != rec.Ingest.Errors+rec.Ingest.Warnings || nFindings == 0 ||
		rec.CatalogueSHA256 == "" || len(rec.Stages) != 5 || len(rec.Outputs) == 0 {
		t.Errorf("run record incomplete: status %s, %d files listed of %d read, %d findings of %d, catalogue %q, %d stages, %d outputs",
			rec.Status, nFiles, rec.Ingest.FilesNew, nFindings, rec.Ingest.Errors+rec.Ingest.Warnings, rec.CatalogueSHA256, len(rec.Stages), len(rec.Outputs))
	}
	if len(rec.Versions) != len(rec.Cutoffs) || len(rec.Versions) == 0 || rec.Cutoffs[0] != "2021-12-31" || rec.Versions[0] != "202212" {
		t.Errorf("run record versions %v for cut-offs %v; want the SFC2021 version of each (2021-12-31 is 202212)", rec.Versions, rec.Cutoffs)
	}

	// A second run on the same inbox changes neither the warehouse nor the exports.
	wh, ex := treeHashes(t, filepath.Join(out, "warehouse")), treeHashes(t, filepath.Join(out, "exports"))
	if _, stderr, st := runMittari(t, "run", "--inbox", inbox, "--out", out); st != exitOK {
		t.Fatalf("second run exited %d, want 0 (it reads nothing new, so rejects nothing): %s", st, stderr)
	}
	for name, before := range map[string]map[string]string{"warehouse": wh, "exports": ex} {
		after := treeHashes(t, filepath.Join(out, name))
		if len(after) != len(before) {
			t.Errorf("%s: %d files after the second run, %d before", name, len(after), len(before))
		}
		for p, h := range before {
			if after[p] != h {
				t.Errorf("%s/%s changed on a second run over the same inbox", name, p)
			}
		}
	}
}

func checkManifest(t *testing.T, dir string) {
	t.Helper()
	var m struct {
		Files []struct {
			Name   string `json:"name"`
			Rows   int    `json:"rows"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) < 2 {
		t.Fatalf("manifest lists %d files", len(m.Files))
	}
	for _, f := range m.Files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Errorf("manifest names %s: %v", f.Name, err)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("manifest SHA-256 of %s does not match the file", f.Name)
		}
		if strings.HasSuffix(f.Name, ".csv") && f.Rows != len(readCSV(t, filepath.Join(dir, f.Name)))-1 {
			t.Errorf("manifest row count of %s is %d", f.Name, f.Rows)
		}
	}
}

// TestDemoKnownAnswers checks the Commission tables for cut-off 2025-12-31 against figures
// derived by hand from the demo inbox (data/demo/README.md, "Expected figures", has every term).
func TestDemoKnownAnswers(t *testing.T) {
	out := t.TempDir()
	if _, stderr, st := runMittari(t, "run", "--inbox", demoInbox(t), "--out", out, "--cutoff", "2025-12-31"); st != exitRejected {
		t.Fatalf("mittari run exited %d: %s", st, stderr)
	}
	dir := filepath.Join(out, "exports", "sfc", "202612")
	fin := map[string][]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "financial.csv"))[1:] {
		fin[r[2]+"/"+r[3]] = r
	}
	ind := map[string][]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "indicators.csv"))[1:] {
		ind[r[3]] = r
	}
	sum := func(amounts ...string) string {
		var c domain.Cents
		for _, a := range amounts {
			c += domain.MustEuros(a)
		}
		return c.String()
	}

	// SO 3, all support types: five selected operations at 2025-12-31 (none cancelled, all
	// selected before the cut-off).
	// Declared = the in-force reports with period_end <= 2025-12-31 of each:
	//   AMIF-2022-004 (OS3)  167201.75 + 157682.19 + 108238.25 + 149928.22 = 583050.41
	//   AMIF-2023-002 (3D1)  95213.53 + 261720.19 + 201300.19 + 238149.85 + 84517.09 = 880900.85
	//   AMIF-2024-006 (3C1)  302084.25 + 212309.94 + 226903.24 + 273388.41 = 1014685.84
	//   AMIF-2024-008 (3A2)  57440.68 + 258574.10 + 269998.21 + 259813.15 = 845826.14
	//   AMIF-2025-002 (SA3)  209343.65 + 310817.01 = 520160.66
	so3 := fin["3/all"]
	wantSO3 := []string{"5",
		sum("600000.00", "900000.00", "1600000.00", "1200000.00", "1150000.00"),
		sum("600000.00", "675000.00", "1200000.00", "900000.00", "1035000.00"),
		sum("583050.41", "880900.85", "1014685.84", "845826.14", "520160.66")}
	if so3 == nil || strings.Join(so3[4:8], " ") != strings.Join(wantSO3, " ") {
		t.Errorf("SO 3 all: got %v, want selected_operations, eligible, EU, declared = %v", so3, wantSO3)
	}
	// SO 3 specific action: the pact line SA3 only; allocation 1 035 000,00 (Table 1).
	if r := fin["3/specific_action"]; r == nil || r[4] != "1" || r[7] != "520160.66" || r[8] != "1035000.00" {
		t.Errorf("SO 3 specific_action: got %v", r)
	}
	// SO 1 operating: AMIF-2022-003 (OS1), six half-years from 2023-H1 to 2025-H2.
	if r := fin["1/operating"]; r == nil || r[7] != sum("337207.45", "302837.48", "282423.25", "348199.08", "376878.50", "304767.47") {
		t.Errorf("SO 1 operating: got %v", r)
	}
	// SO 2 all: nine operations; AMIF-2025-004 is selected but has no report due yet (declares 0).
	if r := fin["2/all"]; r == nil || r[4] != "9" || r[5] != "7576000.00" || r[7] != "6457734.56" {
		t.Errorf("SO 2 all: got %v", r)
	}

	// Table 1 v2 (data/demo/README.md, "Table 1 v2, Table 2 and the forecast"). SO 3: the
	// total allocation is the plan's Union 4344522.32 + 6032264.43 + 1035000.00 and national
	// 1448174.11 (75 %) + 0 (100 %) + 115000.00 (90 %) = 12974960.86; the public eligible cost is
	// 5450000.00 less IOM's private 25000.00 (AMIF-2024-006) = 5425000.00; rate 11411786.75 /
	// 12974960.86 = 87.95 % -> 88.0; selected 5450000.00 / 12974960.86 = 42.004 % -> 42.0 (against
	// the Union allocation alone it was 47.8 %); declared 3844623.90 / 12974960.86 = 29.63 % -> 29.6.
	if r := fin["3/all"]; r == nil || strings.Join(r[9:14], " ") != "5425000.00 12974960.86 88.0 42.0 29.6" {
		t.Errorf("SO 3 all, second-contract columns: got %v", r)
	}
	// SO 1 and SO 2 carry the private contributions of the Refugee Advice Centre (40000.00) and
	// Kieliverkko ry (12000.00).
	if r := fin["1/all"]; r == nil || r[9] != sum("14559333.33", "-40000.00") {
		t.Errorf("SO 1 all public eligible cost: got %v", r)
	}
	if r := fin["2/all"]; r == nil || r[9] != sum("7576000.00", "-12000.00") {
		t.Errorf("SO 2 all public eligible cost: got %v", r)
	}
	// SO 4: the resettlement operation AMIF-2024-009 (RS4, specific_action), declared 300000.00 +
	// 350000.00 + 320000.00; the plan gives SO 4 no amount (assumed), so no share.
	if r := fin["4/specific_action"]; r == nil || strings.Join(r[4:14], " ") != "1 1000000.00 1000000.00 970000.00 0.00 1000000.00 0.00 100.0  " {
		t.Errorf("SO 4 specific_action: got %v", r)
	}
	// Technical assistance: 6 % of 98577917.93, at 100 %.
	if r := fin["TA/all"]; r == nil || strings.Join(r[8:14], " ") != "5914675.08 0.00 5914675.08 100.0 0.0 0.0" {
		t.Errorf("technical assistance: got %v", r)
	}
	// Table 2, SO 3 by intervention field: every operation under its action's default, but
	// AMIF-2023-002 under its own 023 (reintegration assistance) where 3D1's is 021; the rows add
	// up to SO 3's all row.
	byField := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "financial_by_intervention.csv"))[1:] {
		if r[2] == "3" && r[3] == "intervention_field" {
			byField[r[4]] = r[5] + " " + r[9]
		}
	}
	if want := map[string]string{"019": "1 845826.14", "021": "1 520160.66", "022": "1 1014685.84", "023": "1 880900.85", "028": "1 583050.41"}; fmt.Sprint(byField) != fmt.Sprint(want) {
		t.Errorf("Table 2, SO 3 intervention fields: got %v, want %v", byField, want)
	}
	// The forecast due 2026-01-31, SO 3: every operation ends by the end of 2026 and claims what
	// remains of its EU contribution: 600000.00 - 583050.41 = 16949.59; 675000.00 - 880900.85 x
	// 0.75 (660675.64) = 14324.36; 1200000.00 - 1014685.84 x 0.75 (761014.38) = 438985.62;
	// 900000.00 - 845826.14 x 0.75 (634369.61) = 265630.39; 1035000.00 - 520160.66 x 0.90
	// (468144.59) = 566855.41; SO 4: 1000000.00 - 970000.00 = 30000.00.
	forecast := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(out, "exports", "forecast", "2026-01-31", "forecast.csv"))[1:] {
		forecast[r[2]] = r[4] + " " + r[6] + " " + r[7]
	}
	if got, want := forecast["3"], sum("16949.59", "14324.36", "438985.62", "265630.39", "566855.41")+" 0.00 5"; got != want {
		t.Errorf("forecast SO 3: got %s, want %s", got, want)
	}
	if got := forecast["4"]; got != "30000.00 0.00 1" {
		t.Errorf("forecast SO 4: got %s, want 30000.00 0.00 1", got)
	}

	// O.1.1: four operations report it; targets 6000 + 900 + 900 + 1500 = 9300; achieved
	//   AMIF-2022-003  877 + 788 + 735 + 906 + 980 + 793 = 5079
	//   AMIF-2023-010  114 + 187 + 128 + 117 + 128       =  674  (its erroneous 2025-H1 correction
	//                  was rejected whole; the earlier 2025-H1 version, 117, stays in force)
	//   AMIF-2024-001  306 + 536 + 88                    =  930
	//   AMIF-2025-001  332 + 447                         =  779
	if r := ind["O.1.1"]; r == nil || r[6] != "9300" || r[7] != "7462" {
		t.Errorf("O.1.1: got %v, want selected 9300, achieved 5079+674+930+779 = 7462", r)
	}
	// O.1.1.1: AMIF-2023-010 (79+129+88+80+89 = 465) and AMIF-2025-001 (170+228 = 398).
	if r := ind["O.1.1.1"]; r == nil || r[6] != "1600" || r[7] != "863" {
		t.Errorf("O.1.1.1: got %v, want selected 700+900 = 1600, achieved 465+398 = 863", r)
	}
	// O.4.2 is reported by an SO 1 project and counts under SO 4, the SO its code names.
	if r := ind["O.4.2"]; r == nil || r[2] != "4" || r[7] != "1020" {
		t.Errorf("O.4.2: got %v, want SO 4, achieved 1020", r)
	}
}
