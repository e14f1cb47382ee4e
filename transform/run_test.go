package transform

import (
	"context"
	"encoding/json"
	"flag"
	"mittari/internal/oracle"
	"mittari/internal/testcat"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func runScenario(t *testing.T, o Options) *metrics.Results {
	t.Helper()
	if o.Warehouse == "" {
		o.Warehouse = t.TempDir()
		writeWarehouse(t, o.Warehouse, scenarioRuns())
	}
	o.Catalogue = testcat.New(t)
	o.Threads, o.MemoryLimit, o.TempDir = 1, "256MB", t.TempDir()
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(o.TempDir); len(left) != 0 {
		t.Errorf("Run left %d entries in its temporary folder, e.g. %s", len(left), left[0].Name())
	}
	return res
}

func findIndicator(t *testing.T, res *metrics.Results, cutoff, code string) metrics.IndicatorValue {
	t.Helper()
	for _, v := range res.Indicators {
		if v.Cutoff.String() == cutoff && v.Indicator == code {
			return v
		}
	}
	t.Fatalf("no indicator row %s %s", cutoff, code)
	return metrics.IndicatorValue{}
}

// TestAsOf checks that a run restricted to what was received by T reproduces the earlier state:
// as of the end of r1, A (not its correction A2) is in force and P2 is not cancelled yet.
func TestAsOf(t *testing.T) {
	root := t.TempDir()
	writeWarehouse(t, root, scenarioRuns())
	tests := []struct {
		asOf               string
		code               string
		selected, achieved int64
	}{
		{"2022-08-01T00:01:00Z", "O.2.3", 7 + 99 + 20, 2 + 50}, // A and B; P2 still selected
		{"2022-08-01T00:01:00Z", "O.1.1.1", 5, 2},
		{"2022-07-31T23:59:59Z", "O.2.3", 0, 0},      // before any ingest: nothing known
		{"2023-04-01T00:00:00Z", "O.2.3", 7 + 20, 8}, // A2 replaced A, P2 cancelled, C arrived
		{"2023-04-01T00:00:00Z", "O.1.1.1", 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.asOf+" "+tt.code, func(t *testing.T) {
			res := runScenario(t, Options{Warehouse: root, AsOf: ts(tt.asOf), Cutoffs: scenarioCutoffs})
			v := findIndicator(t, res, "2022-06-30", tt.code)
			if v.Selected != tt.selected || v.Achieved != tt.achieved {
				t.Errorf("got selected %d achieved %d, want %d %d", v.Selected, v.Achieved, tt.selected, tt.achieved)
			}
		})
	}
	// The whole tables as of r1 agree with the oracle fed r1's data only.
	res := runScenario(t, Options{Warehouse: root, AsOf: ts("2022-08-01T00:01:00Z"), Cutoffs: scenarioCutoffs})
	r1 := scenarioRuns()[0]
	want := oracle.Compute(oracle.Input{Catalogue: testcat.New(t), Projects: r1.Projects,
		Targets: r1.Targets, Reports: r1.Reports, Cutoffs: scenarioCutoffs})
	if !reflect.DeepEqual(res.Indicators, want.Indicators) || !reflect.DeepEqual(res.Financial, want.Financial) ||
		!reflect.DeepEqual(res.ByIntervention, want.ByIntervention) || !reflect.DeepEqual(res.Forecast, want.Forecast) {
		t.Errorf("as of r1 the tables differ from the oracle on r1's data")
	}
}

// r2AsOf is how the pipeline transforms in run r2: as of the run's own start, which is also the
// ingested_at of everything r2 wrote.
var r2AsOf = ts("2023-01-20T00:00:00Z")

// TestChanges checks what changed between r1 (the previous run) and r2, and which reports and
// register changes are named for it.
func TestChanges(t *testing.T) {
	res := runScenario(t, Options{AsOf: r2AsOf, Cutoffs: scenarioCutoffs})
	if res.PreviousRun != "20220801T000000Z" || !res.PreviousAsOf.Equal(ts("2022-08-01T00:00:00Z")) {
		t.Fatalf("previous run %q as of %s, want r1 as of 2022-08-01T00:00:00Z", res.PreviousRun, res.PreviousAsOf)
	}
	byFigure := map[string]metrics.Change{}
	for _, c := range res.Changes {
		byFigure[c.Cutoff.String()+" "+itoa(c.SO)+" "+c.Figure] = c
	}
	tests := []struct {
		figure        string
		before, after string
		reports       []string // substrings, one per listed item, in order
	}{
		{"2022-06-30 1 O.1.1 achieved_value", "5", "6", []string{
			"report P1 2022-01-01..2022-06-30 submitted 2022-07-10T07:00:00Z", "no longer in force",
		}},
		{"2022-06-30 2 O.2.3 achieved_value", "52", "8", []string{
			"report P1 2022-01-01..2022-06-30 submitted 2022-07-10T07:00:00Z",
			"report P4 2022-01-01..2022-06-30 submitted 2022-09-15T09:00:00Z",
			"project register: P2 status ongoing → cancelled",
		}},
		{"2022-06-30 2 O.2.3 selected_value", "126", "27", []string{"project register: P2 status ongoing → cancelled"}},
		{"2022-06-30 2 project selected_operations", "2", "1", []string{"P2 status ongoing → cancelled"}},
		{"2022-06-30 1 project declared_expenditure_eur", "100.01", "100.02", []string{
			"report P1 2022-01-01..2022-06-30 submitted 2022-07-10T07:00:00Z", "report P1 2022-01-01..2022-06-30 submitted 2022-08-05T09:00:00Z",
		}},
	}
	for _, tt := range tests {
		c, ok := byFigure[tt.figure]
		if !ok {
			t.Errorf("no change listed for %s; changes: %v", tt.figure, keys(byFigure))
			continue
		}
		if c.Before != tt.before || c.After != tt.after {
			t.Errorf("%s: %s → %s, want %s → %s", tt.figure, c.Before, c.After, tt.before, tt.after)
		}
		joined := strings.Join(c.Reports, "\n")
		for _, want := range tt.reports {
			if !strings.Contains(joined, want) {
				t.Errorf("%s: reports\n  %s\nlack %q", tt.figure, strings.Join(c.Reports, "\n  "), want)
			}
		}
	}
	// O.1.1.1's selected value did not move: it must not be listed.
	if c, ok := byFigure["2022-06-30 1 O.1.1.1 selected_value"]; ok {
		t.Errorf("unmoved figure listed: %+v", c)
	}
	// A later transform with nothing ingested since r2 compares with r2 itself: nothing moved.
	later := runScenario(t, Options{AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs})
	if later.PreviousRun != "20230120T000000Z" || len(later.Changes) != 0 {
		t.Errorf("as of %s: previous run %q, %d changes; want r2 and none", scenarioAsOf, later.PreviousRun, len(later.Changes))
	}
}

func itoa(so domain.SO) string { return string(rune('0' + so)) }

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRunDefaultsAndEmpty: without cut-offs every one from 2021-12-31 to the last passed is
// computed; a warehouse with nothing in it gives zero rows for every catalogue indicator.
func TestRunDefaultsAndEmpty(t *testing.T) {
	res := runScenario(t, Options{Warehouse: t.TempDir(), AsOf: ts("2023-04-01T00:00:00Z")})
	var got []string
	for _, c := range res.Cutoffs {
		got = append(got, c.String())
	}
	want := "2021-12-31 2022-03-31 2022-06-30 2022-08-31 2022-10-31 2022-12-31 2023-03-31"
	if strings.Join(got, " ") != want {
		t.Fatalf("cut-offs %v, want %s", got, want)
	}
	cat := testcat.New(t)
	if len(res.Indicators) != 7*len(cat.Indicators) {
		t.Errorf("%d indicator rows, want %d", len(res.Indicators), 7*len(cat.Indicators))
	}
	for _, v := range res.Indicators {
		if v.Selected != 0 || v.Achieved != 0 {
			t.Errorf("empty warehouse gave %+v", v)
		}
	}
	// Every SO x (three support types + all), and the technical-assistance row, per cut-off.
	if want := 7 * (len(cat.SOs)*4 + 1); len(res.Financial) != want || len(res.Changes) != 0 || res.PreviousRun != "" {
		t.Errorf("financial rows %d (want %d), changes %d, previous run %q", len(res.Financial), want, len(res.Changes), res.PreviousRun)
	}
}

// TestMartsDir: every mart lands as Parquet under its own name, and no temporary file is left.
func TestMartsDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "marts")
	runScenario(t, Options{AsOf: scenarioAsOf, Cutoffs: scenarioCutoffs, MartsDir: dir})
	models, err := loadModels()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, e := range entries {
		present[e.Name()] = true
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	for _, m := range models {
		if m.Layer == "marts" && !present[m.Name+".parquet"] {
			t.Errorf("mart %s not written", m.Name)
		}
	}
}

// TestScenarioGolden pins the whole Results of the scenario; run with -update to rewrite
// testdata/scenario_results.golden.json after a deliberate change, and review the diff.
func TestScenarioGolden(t *testing.T) {
	res := runScenario(t, Options{AsOf: r2AsOf, Cutoffs: scenarioCutoffs})
	got, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "scenario_results.golden.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestScenarioGolden ./transform -update to create it)", err)
	}
	if string(append(got, '\n')) != string(want) {
		t.Errorf("Results differ from %s; run with -update and review the diff", path)
	}
}

func TestRunRefusesBadCutoffs(t *testing.T) {
	for _, d := range []string{"2021-06-30", "2025-12-30"} {
		_, err := Run(context.Background(), Options{Warehouse: t.TempDir(), Catalogue: testcat.New(t),
			Cutoffs: []domain.Cutoff{{Date: domain.MustDate(d)}}, TempDir: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), d) {
			t.Errorf("cut-off %s: error %v, want one naming it", d, err)
		}
	}
	if _, err := Run(context.Background(), Options{Warehouse: t.TempDir()}); err == nil {
		t.Error("no catalogue: want an error")
	}
}

// TestPreviousRunWithoutData: a committed run that wrote no rows is still a run; its time is
// its start.
func TestPreviousRunWithoutData(t *testing.T) {
	root := t.TempDir()
	runs := scenarioRuns()[:1]
	runs = append(runs, ingestRun{ID: "20221001T000000Z", At: ts("2022-10-01T00:00:00Z")})
	writeWarehouse(t, root, runs)
	res := runScenario(t, Options{Warehouse: root, AsOf: ts("2022-10-02T00:00:00Z"), Cutoffs: scenarioCutoffs})
	if res.PreviousRun != "20221001T000000Z" || !res.PreviousAsOf.Equal(ts("2022-10-01T00:00:00Z")) || len(res.Changes) != 0 {
		t.Errorf("previous run %q as of %s with %d changes; want the empty run, its start, none",
			res.PreviousRun, res.PreviousAsOf, len(res.Changes))
	}
}

// TestDefaultCatalogue runs the embedded programme catalogue through the models on an empty
// warehouse: every indicator has its row, and the allocations are Table 1 of seed 004.
func TestDefaultCatalogue(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Cutoff{Date: domain.MustDate("2025-12-31")}
	res, err := Run(context.Background(), Options{Warehouse: t.TempDir(), Catalogue: cat, Cutoffs: []domain.Cutoff{c},
		Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Indicators) != len(cat.Indicators) {
		t.Errorf("%d indicator rows, want one per catalogue indicator (%d)", len(res.Indicators), len(cat.Indicators))
	}
	want := map[domain.SO]string{1: "54981626.18", 2: "32184505.00", 3: "11411786.75"}
	var total domain.Cents
	for _, f := range res.Financial {
		if f.SupportType != "all" {
			continue
		}
		if f.SO == 0 {
			// The technical-assistance row is the plan's, beside Table 1 of seed 004.
			if ta := cat.TechnicalAssistance; f.Allocation != ta.Amount || f.TotalAllocation != ta.Total() || f.PlanBasis != ta.Basis {
				t.Errorf("technical assistance %+v, the plan says %+v", f, ta)
			}
			continue
		}
		total += f.Allocation
		if w, ok := want[f.SO]; ok && f.Allocation.String() != w {
			t.Errorf("SO%d allocation %s, want %s", f.SO, f.Allocation, w)
		}
	}
	if total.String() != "98577917.93" {
		t.Errorf("total allocation %s, want 98577917.93", total)
	}
}

// TestVersionTwiceInOneFile: a file holding the same version twice stores its rows twice; the
// figures count them once, as they do when every version is stored once.
func TestVersionTwiceInOneFile(t *testing.T) {
	want := runScenario(t, Options{AsOf: r2AsOf, Cutoffs: scenarioCutoffs})
	runs := scenarioRuns()
	doubled := 0
	for i := range runs {
		if len(runs[i].Reports) > 0 && !runs[i].Uncommited {
			runs[i].Reports = append(runs[i].Reports, runs[i].Reports...)
			doubled++
		}
	}
	if doubled == 0 {
		t.Fatal("the scenario has no reports to double")
	}
	root := t.TempDir()
	writeWarehouse(t, root, runs)
	got := runScenario(t, Options{Warehouse: root, AsOf: r2AsOf, Cutoffs: scenarioCutoffs})
	for name, pair := range map[string][2]any{
		"indicators":   {got.Indicators, want.Indicators},
		"financial":    {got.Financial, want.Financial},
		"breakdowns":   {got.Breakdowns, want.Breakdowns},
		"completeness": {got.Completeness, want.Completeness},
		"changes":      {got.Changes, want.Changes},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s with every version stored twice in its file:\n %+v\nonce:\n %+v", name, pair[0], pair[1])
		}
	}
}
