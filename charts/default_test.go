package charts

import (
	"strings"
	"testing"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// TestDefaultCatalogue renders figures shaped by the embedded programme catalogue: a section with
// both charts for every SO that has indicators, named as the catalogue names it.
func TestDefaultCatalogue(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Cutoff{Date: domain.MustDate("2025-12-31")}
	res := &metrics.Results{Cutoffs: []domain.Cutoff{c}, GoalsNote: cat.GoalsNote, GoalsIllustrative: cat.GoalsIllustrative}
	sos := map[domain.SO]bool{}
	for i, ind := range cat.Indicators {
		v := metrics.IndicatorValue{Cutoff: c, SO: ind.SO, Indicator: ind.Code, Kind: ind.Kind, Unit: ind.Unit,
			Selected: int64(10 * (i + 1)), Achieved: int64(3 * (i + 1))}
		if g, ok := cat.Goal(ind.Code); ok {
			v.Milestone2024, v.Target2029 = g.Milestone2024, &g.Target2029
		}
		res.Indicators = append(res.Indicators, v)
		sos[ind.SO] = true
	}
	page := renderString(t, Input{Results: res, Catalogue: cat, Run: RunInfo{ID: "run-1"}})
	for _, so := range cat.SOs {
		if !sos[so.SO] {
			continue
		}
		for _, want := range []string{
			"<h2>" + "SO" + string(rune('0'+so.SO)) + " – " + so.NameEN + "</h2>",
			`id="so` + string(rune('0'+so.SO)) + `_goals"`,
			`id="so` + string(rune('0'+so.SO)) + `_path"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	}
	for _, ind := range cat.Indicators {
		if !strings.Contains(page, "<td>"+ind.Code+"</td>") {
			t.Errorf("indicator %s missing from its SO's table", ind.Code)
		}
	}
	if cat.GoalsIllustrative != strings.Contains(page, `class="banner"`) {
		t.Errorf("banner shown = %v, catalogue illustrative = %v", !cat.GoalsIllustrative, cat.GoalsIllustrative)
	}
}
