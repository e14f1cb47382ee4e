package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/export"
	"mittari/internal/recovery"
	"mittari/pipeline"
)

// TestDemoAnnualReportKnownAnswers runs the demo inbox as of 2026-11-22 and checks the report due
// 2026 (accounting year 2024-07-01 … 2025-06-30, cut-off 2025-06-30) against figures derived by
// hand from the demo's files (data/demo/README.md, "The annual performance report 2026", has
// every term), the first report's period, the list of operations, and that no small count of the
// open data can be worked out from what it publishes.
func TestDemoAnnualReportKnownAnswers(t *testing.T) {
	// The clock is pinned through the pipeline's options: MITTARI_TEST_NOW is read once per
	// process, and would pin the other tests' runs too.
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, "2026-11-22T12:00:00Z")
	res, err := pipeline.Run(context.Background(), pipeline.Options{Inbox: demoInbox(t), Out: t.TempDir(), Catalogue: cat,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Dir(res.ExportsDir)
	apr := filepath.Join(out, "exports", "apr")
	entries, err := os.ReadDir(apr)
	if err != nil {
		t.Fatal(err)
	}
	var years []string
	for _, e := range entries {
		years = append(years, e.Name())
	}
	// Every accounting year ended by the last cut-off (2026-10-31): never a 2021 or 2022 folder.
	if got := strings.Join(years, " "); got != "2023 2024 2025 2026 2027" {
		t.Errorf("exports/apr holds %s, want 2023 … 2027", got)
	}
	manifest := func(year string) export.APRManifest {
		b, err := os.ReadFile(filepath.Join(apr, year, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m export.APRManifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := manifest("2023"); m.PeriodStart != "2021-01-01" || m.PeriodEnd != "2022-06-30" || m.CutoffDate != "2022-06-30" || m.PreviousCutoffDate != "" || m.DueDate != "2023-02-15" {
		t.Errorf("the first report covers %s … %s at %s (previous %q, due %s), want 2021-01-01 … 2022-06-30 at 2022-06-30, due 2023-02-15",
			m.PeriodStart, m.PeriodEnd, m.CutoffDate, m.PreviousCutoffDate, m.DueDate)
	}
	if m := manifest("2026"); m.PeriodStart != "2024-07-01" || m.PeriodEnd != "2025-06-30" || m.CutoffDate != "2025-06-30" || m.PreviousCutoffDate != "2024-06-30" || m.SFCVersion != "202506" {
		t.Errorf("the 2026 report: %+v", m)
	}
	rows := func(file string, key ...int) map[string]map[string]string {
		recs := readCSV(t, filepath.Join(apr, "2026", file))
		out := map[string]map[string]string{}
		for _, r := range recs[1:] {
			var k []string
			for _, i := range key {
				k = append(k, r[i])
			}
			row := map[string]string{}
			for i, h := range recs[0] {
				row[h] = r[i]
			}
			out[strings.Join(k, "/")] = row
		}
		return out
	}
	progress := rows("progress.csv", 5)
	check := func(what string, row map[string]string, want map[string]string) {
		t.Helper()
		for col, w := range want {
			if row[col] != w {
				t.Errorf("%s %s = %q, want %q", what, col, row[col], w)
			}
		}
	}
	// O.1.1 at 2025-06-30: AMIF-2022-003 877+788+735+906+980 = 4286, AMIF-2023-010 114+187+128+117
	// = 546, AMIF-2024-001 306+536 = 842, AMIF-2025-001 332: 6006. At 2024-06-30: 877+788+735 +
	// 114+187 = 2701, so 3305 in the year. At 2024-12-31: 3306 + 429 + 306 = 4041, against the
	// (illustrative) milestone of 2000: met, 202.1 %.
	check("O.1.1", progress["O.1.1"], map[string]string{"achieved_cumulative": "6006", "achieved_in_year": "3305",
		"achieved_at_milestone": "4041", "milestone_met": "true", "milestone_pct": "202.1", "target_type": ""})
	// R.1.5 is a share target, 80 % of O.1.2: 294 of 491 is 59.9 %; 29400 / (491 × 80) is 74.8 % of
	// the target share. In the year: 9+4 (AMIF-2023-004) + 8+7 (-005) + 23+12 (-006) + 5+5
	// (-010) = 73.
	check("R.1.5", progress["R.1.5"], map[string]string{"achieved_cumulative": "294", "achieved_in_year": "73",
		"target_type": "share", "target_share_pct": "80", "denominator": "O.1.2", "achieved_share_pct": "59.9",
		"target_pct": "74.8", "target_2029": "", "baseline": "0", "reference_year": "2021", "result_basis": "assumed"})
	check("O.1.2", progress["O.1.2"], map[string]string{"achieved_cumulative": "491"})
	// SO 4: AMIF-2024-009 resettled 30 (2024-H2) + 35 (2025-H1), both in the year.
	check("persons resettled", rows("so4_persons.csv", 2)["resettled"], map[string]string{"indicator": "R.4.4", "persons_in_year": "65", "persons_cumulative": "65"})
	// Table 1, SO 4: the one operation (selected 2023-12-14, before the year), 300000.00 +
	// 350000.00 declared, all in the year.
	check("SO 4", rows("financial.csv", 2, 3)["4/all"], map[string]string{"selected_operations": "1", "selected_operations_in_year": "0",
		"declared_expenditure_eur": "650000.00", "declared_in_year_eur": "650000.00", "declared_pct_of_eligible_cost": "65.0"})
	// AMIF-2024-009 runs from 2024-01-01 but reported only from 2024-07-01: its 2024-H1 is missing.
	// No project of measures 2A, 2C or 3B is in the register.
	issues := rows("issues.csv", 2, 3)
	check("missing reports of SO 4", issues["reports_missing/4"], map[string]string{"value": "1", "reference": "2", "pct": "50.0", "projects": "AMIF-2024-009"})
	for _, m := range []string{"2A", "2C", "3B"} {
		if issues["measure_without_operation/"+m] == nil {
			t.Errorf("measure %s has no operation, but no issue says so", m)
		}
	}

	// The list of operations at the last cut-off, 2026-10-31: the 31 projects less the cancelled
	// AMIF-2024-007.
	ops := readCSV(t, filepath.Join(out, "exports", "operations", "operations.csv"))
	byCode := map[string][]string{}
	for _, r := range ops[1:] {
		byCode[r[1]] = r
	}
	if len(byCode) != 30 || byCode["AMIF-2024-007"] != nil {
		t.Errorf("the list has %d operations (AMIF-2024-007 listed: %v), want 30 without the cancelled one", len(byCode), byCode["AMIF-2024-007"] != nil)
	}
	if r := byCode["AMIF-2023-010"]; r == nil || r[3] != "Refugee Advice Centre" || r[12] != "960000.00" || r[18] != "75.0" || r[14] != "AMIF" {
		t.Errorf("AMIF-2023-010 in the list: %v", r)
	}

	// The open data: no withheld cell can be worked out from what the table publishes.
	records := readCSV(t, filepath.Join(out, "exports", "opendata", "indicators.csv"))
	cells, sums, err := recovery.OpenData(records)
	if err != nil {
		t.Fatal(err)
	}
	bounds, err := recovery.Attack(cells, sums)
	if err != nil {
		t.Fatal(err)
	}
	if failed := recovery.Protected(cells, bounds); len(failed) > 0 {
		t.Errorf("the open data gives away:\n  %s", strings.Join(failed, "\n  "))
	}
	// R.1.5 at 2023-06-30: 21 (1A3, AMIF-2023-001) + 12 (1A2, AMIF-2023-005 4 and -006 8) + 3 (1B4,
	// AMIF-2023-004) = 36. The 3 is '<5'; beside the published 36 and 21 it would be 36 - 21 - 12,
	// so 1A2's 12, the smaller other cell, is withheld too: 1B4 + 1A2 = 15 is all a reader learns.
	published := map[string]string{}
	for _, r := range records[1:] {
		if r[0] == "2023-06-30" && r[2] == "R.1.5" {
			published[r[7]] = r[9]
		}
	}
	if want := map[string]string{"": "36", "1A3": "21", "1A2": "..", "1B4": "<5"}; len(published) != 4 || published[""] != want[""] ||
		published["1A3"] != want["1A3"] || published["1A2"] != want["1A2"] || published["1B4"] != want["1B4"] {
		t.Errorf("R.1.5 at 2023-06-30 published %v, want %v", published, want)
	}
	withheld := 0
	for _, c := range cells {
		if c.Published == "<5" || c.Published == ".." {
			withheld++
		}
	}
	if withheld == 0 {
		t.Error("the demo's open data withholds nothing: the attack attacked nothing")
	}
}
