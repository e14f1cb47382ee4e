package catalogue

import (
	"strconv"
	"strings"
	"testing"

	"mittari/domain"
)

// TestFinancialPlanDerivations holds every value of financial_plan.csv that its basis column calls
// derived to the rule its header states, so that a corrected Union amount cannot leave a stale
// national share or technical-assistance amount behind: national = union x (100 - rate) / rate
// rounded half up to the cent, and technical assistance 6 % of the Union allocation of SO 1-3.
func TestFinancialPlanDerivations(t *testing.T) {
	c := defaultCatalogue(t)
	if !c.PlanDerived || !strings.HasPrefix(c.PlanNote, "DERIVED") {
		t.Errorf("plan status derived=%v, note %q; while it holds derived values both must say so", c.PlanDerived, c.PlanNote)
	}
	var union domain.Cents
	for _, a := range c.Allocations {
		union += a.Amount
		if !strings.Contains(a.Basis, "national: derived") {
			if a.National != 0 || !strings.HasPrefix(a.Basis, "assumed") {
				t.Errorf("SO%d %s: basis %q says neither how the national share was derived nor that it is assumed", a.SO, a.SupportType, a.Basis)
			}
			continue
		}
		num := int64(a.Amount) * int64(100-a.CofinancingPct)
		den := int64(a.CofinancingPct)
		want := domain.Cents((2*num + den) / (2 * den))
		if a.National != want {
			t.Errorf("SO%d %s: national %s, derived from %s at %d %% it is %s", a.SO, a.SupportType, a.National, a.Amount, a.CofinancingPct, want)
		}
		if !strings.Contains(a.Basis, "from the "+itoa(a.CofinancingPct)+" % rate") {
			t.Errorf("SO%d %s: basis %q does not name the rate %d %%", a.SO, a.SupportType, a.Basis, a.CofinancingPct)
		}
	}
	if union.String() != "98577917.93" {
		t.Errorf("the Union allocation of the specific objectives adds up to %s, seed 004 Table 1 to 98577917.93", union)
	}
	ta := c.TechnicalAssistance
	if want := domain.Cents((int64(union)*6 + 50) / 100); ta.Amount != want || ta.National != 0 || ta.CofinancingPct != 100 {
		t.Errorf("technical assistance %+v, want %s of Union money at 100 %% (6 %% of %s)", ta, want, union)
	}
	if !strings.HasPrefix(ta.Basis, "derived") {
		t.Errorf("technical assistance basis %q does not say it is derived", ta.Basis)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestInterventionDefaults looks the Annex VI codes up as the register and the exports do.
func TestInterventionDefaults(t *testing.T) {
	c := defaultCatalogue(t)
	for _, a := range c.Actions {
		d, ok := c.DefaultInterventions(a.Code)
		if !ok {
			t.Errorf("action %s has no default intervention codes", a.Code)
			continue
		}
		field, _ := c.InterventionCode(DimInterventionField, d.Codes[0])
		if field.SO != a.SO || field.TA {
			t.Errorf("action %s (SO%d) defaults to intervention field %s of SO%d", a.Code, a.SO, field.Code, field.SO)
		}
	}
	rs4, _ := c.DefaultInterventions("RS4")
	if f, _ := c.InterventionCode(DimInterventionField, rs4.Codes[0]); f.NameEN != "Resettlement (Article 19)" {
		t.Errorf("RS4 defaults to %+v, want resettlement", f)
	}
	// Nothing here was read in the Regulation's text: every code says so (see the file's header).
	for _, ic := range c.Interventions {
		if ic.Status == CodeVerified {
			t.Errorf("%s %s is marked verified, but the Annex VI lists could not be read in an official text", ic.Dimension, ic.Code)
		}
	}
	if _, ok := c.InterventionCode(DimTypeOfAction, "999"); ok {
		t.Error("an unknown code was found")
	}
	if got := c.Plan(4, domain.SupportProject); got.Amount != 0 || got.SO != 4 {
		t.Errorf("a combination without a plan row gives %+v", got)
	}
}
