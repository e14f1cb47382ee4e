package export

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// resultsFor builds figures for every indicator and allocation of a catalogue at one cut-off,
// the shape transform produces.
func resultsFor(cat *catalogue.Catalogue, c domain.Cutoff) *metrics.Results {
	res := &metrics.Results{Cutoffs: []domain.Cutoff{c}, GoalsNote: cat.GoalsNote, GoalsIllustrative: cat.GoalsIllustrative}
	for i, ind := range cat.Indicators {
		v := metrics.IndicatorValue{Cutoff: c, SO: ind.SO, Indicator: ind.Code, Kind: ind.Kind, Unit: ind.Unit,
			Selected: int64(10 * (i + 1)), Achieved: int64(3 * (i + 1))}
		if g, ok := cat.Goal(ind.Code); ok {
			v.Milestone2024, v.Target2029 = g.Milestone2024, &g.Target2029
		}
		res.Indicators = append(res.Indicators, v)
	}
	for _, so := range cat.SOs {
		all := metrics.FinancialValue{Cutoff: c, SO: so.SO, SupportType: "all"}
		for _, st := range domain.SupportTypes {
			v := metrics.FinancialValue{Cutoff: c, SO: so.SO, SupportType: string(st), Allocation: cat.Allocation(so.SO, st)}
			all.Allocation += v.Allocation
			res.Financial = append(res.Financial, v)
		}
		res.Financial = append(res.Financial, all)
	}
	// The report due the year after: every indicator's progress and the SO 4 counts the
	// catalogue names, in the catalogue's order.
	year := c.Date.Year() + 1
	res.APR = &metrics.APR{Years: []int{year}}
	for _, ind := range cat.Indicators {
		res.APR.Progress = append(res.APR.Progress, metrics.APRProgress{Report: year, Cutoff: c, SO: ind.SO, Indicator: ind.Code, Kind: ind.Kind, Unit: ind.Unit})
		if m, ok := cat.ResultMeasure(ind.Code); ok && m.SO4Count != "" {
			res.APR.SO4 = append(res.APR.SO4, metrics.APRSO4{Report: year, Cutoff: c, Count: m.SO4Count, Indicator: ind.Code, Unit: ind.Unit})
		}
	}
	return res
}

// TestDefaultCatalogue exports figures shaped by the embedded programme catalogue: every
// indicator passes the checks, every APR row is named, and the manifest carries the catalogue's
// hash when the caller gives none.
func TestDefaultCatalogue(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Cutoff{Date: domain.MustDate("2025-06-30")}
	dir := t.TempDir()
	if _, err := Write(dir, resultsFor(cat, c), cat, Meta{CodeVersion: "test", DataAsOf: "run-1"}); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) [][]string {
		f, err := os.Open(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	if got, want := len(read("exports/sfc/202506/indicators.csv"))-1, len(cat.Indicators); got != want {
		t.Errorf("indicators.csv has %d rows, catalogue %d indicators", got, want)
	}
	if got, want := len(read("exports/apr/2026/progress.csv"))-1, len(cat.Indicators); got != want {
		t.Errorf("progress.csv has %d rows, catalogue %d indicators", got, want)
	}
	so4 := read("exports/apr/2026/so4_persons.csv")[1:]
	var codes []string
	for _, r := range so4 {
		codes = append(codes, r[3])
	}
	if strings.Join(codes, " ") != "R.4.4 R.4.5 R.4.3" {
		t.Errorf("SO4 persons rows %v, want resettled, admitted, transferred", codes)
	}
	var total domain.Cents
	for _, r := range read("exports/sfc/202506/financial.csv")[1:] {
		if r[3] == "all" {
			a, err := domain.ParseEuros(r[8])
			if err != nil {
				t.Fatal(err)
			}
			total += a
		}
	}
	// Table 1 of the implementation plan: the allocation without technical assistance.
	if total.String() != "98577917.93" {
		t.Errorf("allocations add up to %s, want 98577917.93", total)
	}
	b, err := os.ReadFile(filepath.Join(dir, "exports/sfc/202506/manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m SFCManifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.CatalogueSHA256 != cat.Hash || len(cat.Hash) != 64 {
		t.Errorf("manifest catalogue hash %q, catalogue %q", m.CatalogueSHA256, cat.Hash)
	}
	if m.GoalsIllustrative != cat.GoalsIllustrative {
		t.Errorf("manifest goals_illustrative %v, catalogue %v", m.GoalsIllustrative, cat.GoalsIllustrative)
	}
}
