package catalogue

import (
	"strings"
	"testing"

	"mittari/domain"
)

func smallParts() Parts {
	return Parts{
		SOs:      []SpecificObjective{{SO: 1}, {SO: 2}},
		Measures: []Measure{{Code: "1A", SO: 1}, {Code: "2D", SO: 2}},
		Actions: []Action{
			{Code: "1A1", SO: 1, Measure: "1A", SupportType: domain.SupportProject, CofinancingPct: 75, AltCofinancingPct: 90, Indicators: []string{"O.1.2"}},
			{Code: "OS2", SO: 2, SupportType: domain.SupportOperating, CofinancingPct: 100},
		},
		Indicators: []Indicator{
			{Code: "O.1.2", SO: 1, Kind: domain.KindOutput},
			{Code: "R.1.5", SO: 1, Kind: domain.KindResult},
			{Code: "O.2.3", SO: 2, Kind: domain.KindOutput},
			{Code: "O.2.3.1", SO: 2, Kind: domain.KindOutput, Parent: "O.2.3"},
		},
		Rules: []ConsistencyRule{
			{ID: "a", Kind: OfWhichNotAboveParent, Lesser: "O.2.3.1", Greater: "O.2.3", Severity: domain.SeverityError},
			{ID: "b", Kind: ResultNotAboveOutput, Lesser: "R.1.5", Greater: "O.1.2", Severity: domain.SeverityWarning},
		},
		Allocations: []Allocation{{SO: 1, SupportType: domain.SupportProject, Amount: 100}},
		Calls:       []CallAmount{{SO: 1, Code: "1A", Call: "2026-autumn", Amount: 50}, {SO: 2, Code: "total", Call: "2025-spring", Amount: 0}},
	}
}

func TestNewRejectsInconsistentParts(t *testing.T) {
	if _, err := New(smallParts()); err != nil {
		t.Fatalf("the valid base was rejected: %v", err)
	}
	cases := []struct {
		name string
		edit func(*Parts)
		want string
	}{
		{"unknown support type", func(p *Parts) { p.Actions[1].SupportType = "grant" }, `support type "grant"`},
		{"measure of another SO", func(p *Parts) { p.Actions[0].Measure = "2D" }, "its measure 2D is in 2"},
		{"second rate not above the first", func(p *Parts) { p.Actions[0].AltCofinancingPct = 60 }, "second co-financing rate 60 %"},
		{"second rate above 100", func(p *Parts) { p.Actions[0].AltCofinancingPct = 110 }, "second co-financing rate 110 %"},
		{"rule listed twice", func(p *Parts) { p.Rules[1].ID = "a" }, "consistency rule a listed twice"},
		{"of-which rule against another indicator", func(p *Parts) { p.Rules[0].Greater = "O.1.2" }, `O.2.3.1 is not an "of which" of O.1.2`},
		{"result rule reversed", func(p *Parts) { p.Rules[1].Lesser, p.Rules[1].Greater = "O.1.2", "R.1.5" }, "O.1.2 must be a result and R.1.5 an output"},
		{"unknown rule kind", func(p *Parts) { p.Rules[1].Kind = "sum_equals" }, `kind "sum_equals"`},
		{"of-which of another kind", func(p *Parts) { p.Indicators[3].Kind = domain.KindResult }, "an \"of which\" has its parent's kind"},
		{"allocation listed twice", func(p *Parts) { p.Allocations = append(p.Allocations, p.Allocations[0]) }, "allocation SO1 project listed twice"},
		{"allocation of unknown type", func(p *Parts) { p.Allocations[0].SupportType = "all" }, `support type "all"`},
		{"call of another SO", func(p *Parts) { p.Calls[0].SO = 2 }, "1A is not in specific objective 2"},
		{"call listed twice", func(p *Parts) { p.Calls = append(p.Calls, p.Calls[0]) }, "listed twice"},
		{"negative call", func(p *Parts) { p.Calls[0].Amount = -1 }, "negative amount"},
		{"negative target", func(p *Parts) { p.Goals = []IndicatorGoal{{Indicator: "R.1.5", Target2029: -3}} }, "negative value"},
		{"unknown parent", func(p *Parts) { p.Indicators[3].Parent = "O.2.9" }, "parent O.2.9 does not exist"},
		{"unknown indicator under an action", func(p *Parts) { p.Actions[0].Indicators = []string{"O.1.9"} }, "lists indicator O.1.9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := smallParts()
			tc.edit(&p)
			_, err := New(p)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}
