package catalogue

import (
	"slices"
	"testing"

	"mittari/domain"
)

// TestDefaultAccessors looks the embedded catalogue up the way the pipeline does.
func TestDefaultAccessors(t *testing.T) {
	c := defaultCatalogue(t)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"children of O.1.1", c.Children("O.1.1"), []string{"O.1.1.1", "O.1.1.2", "O.1.1.3"}},
		{"children of R.1.7", c.Children("R.1.7"), []string{"R.1.7.1", "R.1.7.2"}},
		{"children of a leaf", c.Children("O.2.7"), []string(nil)},
		{"1A1 applies the misprinted O.1.4.1", c.Applies("1A1", "O.1.4.1"), true},
		{"1A1 does not apply a made-up O.1.5", c.Applies("1A1", "O.1.5"), false},
		{"1B5 applies no indicator", c.Applies("1B5", "O.1.1"), false},
		{"2D8 applies R.2.11", c.Applies("2D8", "R.2.11"), true},
		{"unknown action applies nothing", c.Applies("9Z9", "O.1.1"), false},
		{"of-which rules", len(c.RulesOfKind(OfWhichNotAboveParent)), 10},
		{"result rules", len(c.RulesOfKind(ResultNotAboveOutput)), 3},
		{"SO2 operating allocation", c.Allocation(2, domain.SupportOperating), domain.MustEuros("2883652.73")},
		{"SO2 specific actions allocation", c.Allocation(2, domain.SupportSpecificAction), domain.Cents(0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !equal(tc.got, tc.want) {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}

	os2, ok := c.Action("OS2")
	if !ok || os2.SO != 2 || os2.SupportType != domain.SupportOperating || os2.CofinancingPct != 100 || os2.Measure != "" {
		t.Errorf("OS2 = %+v", os2)
	}
	for _, a := range c.Actions {
		want := map[domain.SupportType]int{domain.SupportProject: 75, domain.SupportOperating: 100, domain.SupportSpecificAction: 90}[a.SupportType]
		if a.SO == 4 {
			// The thematic facility's amounts per person (AMIF Art 19 and 20) are all Union money
			// (actions.csv says why).
			want = 100
		}
		if a.CofinancingPct != want {
			t.Errorf("%s (%s): co-financing %d %%, the programme's rate for its support type is %d %%", a.Code, a.SupportType, a.CofinancingPct, want)
		}
	}
	if g, ok := c.Goal("R.2.8"); !ok || g.Milestone2024 != nil {
		t.Errorf("R.2.8 goal = %+v, %v; a result has a target and no milestone", g, ok)
	}
}

func equal(a, b any) bool {
	if as, ok := a.([]string); ok {
		bs, _ := b.([]string)
		return slices.Equal(as, bs)
	}
	return a == b
}
