package catalogue

import (
	"fmt"
	"slices"

	"mittari/domain"
)

// checkShape holds the invariants New enforces beyond resolving references: values that are valid
// one by one but cannot hold together (a rule that compares an indicator with something other
// than its parent, an operating support line inside a measure, an allocation listed twice).
func (c *Catalogue) checkShape() error {
	measureSO := map[string]domain.SO{}
	for _, m := range c.Measures {
		measureSO[m.Code] = m.SO
	}
	for _, a := range c.Actions {
		if !slices.Contains(domain.SupportTypes, a.SupportType) {
			return fmt.Errorf("action %s: support type %q is not one of %v", a.Code, a.SupportType, domain.SupportTypes)
		}
		if a.Measure != "" && measureSO[a.Measure] != a.SO {
			return fmt.Errorf("action %s is in specific objective %d but its measure %s is in %d", a.Code, a.SO, a.Measure, measureSO[a.Measure])
		}
		if a.AltCofinancingPct != 0 && (a.AltCofinancingPct <= a.CofinancingPct || a.AltCofinancingPct > 100) {
			return fmt.Errorf("action %s: second co-financing rate %d %% is not between its rate %d %% and 100 %%", a.Code, a.AltCofinancingPct, a.CofinancingPct)
		}
	}
	for _, ind := range c.Indicators {
		if parent, ok := c.indicators[ind.Parent]; ok && parent.Kind != ind.Kind {
			return fmt.Errorf("indicator %s is an %s but its parent %s is an %s; an \"of which\" has its parent's kind", ind.Code, ind.Kind, ind.Parent, parent.Kind)
		}
	}
	ruleIDs := map[string]bool{}
	for _, r := range c.Rules {
		if ruleIDs[r.ID] {
			return fmt.Errorf("consistency rule %s listed twice", r.ID)
		}
		ruleIDs[r.ID] = true
		lesser, greater := c.indicators[r.Lesser], c.indicators[r.Greater]
		switch r.Kind {
		case OfWhichNotAboveParent:
			if lesser.Parent != r.Greater {
				return fmt.Errorf("consistency rule %s: %s is not an \"of which\" of %s", r.ID, r.Lesser, r.Greater)
			}
		case ResultNotAboveOutput:
			if lesser.Kind != domain.KindResult || greater.Kind != domain.KindOutput {
				return fmt.Errorf("consistency rule %s: %s must be a result and %s an output", r.ID, r.Lesser, r.Greater)
			}
		default:
			return fmt.Errorf("consistency rule %s: kind %q is neither %s nor %s", r.ID, r.Kind, OfWhichNotAboveParent, ResultNotAboveOutput)
		}
	}
	allocs := map[string]bool{}
	if ta := c.TechnicalAssistance; ta.SO != 0 || (ta.SupportType != "" && ta.SupportType != domain.SupportTypeAll) {
		return fmt.Errorf("the technical-assistance row of the financial plan must have no specific objective and support type all")
	}
	for _, al := range c.Allocations {
		if !slices.Contains(domain.SupportTypes, al.SupportType) {
			return fmt.Errorf("allocation SO%d: support type %q is not one of %v", al.SO, al.SupportType, domain.SupportTypes)
		}
		key := fmt.Sprint(al.SO, al.SupportType)
		if allocs[key] {
			return fmt.Errorf("allocation SO%d %s listed twice", al.SO, al.SupportType)
		}
		allocs[key] = true
	}
	calls := map[string]bool{}
	for _, ca := range c.Calls {
		if ca.Amount < 0 {
			return fmt.Errorf("call %s SO%d %s: negative amount", ca.Call, ca.SO, ca.Code)
		}
		if so := codeSO(ca.Code); so != 0 && so != ca.SO {
			return fmt.Errorf("call %s: %s is not in specific objective %d", ca.Call, ca.Code, ca.SO)
		}
		key := fmt.Sprint(ca.SO, "|", ca.Code, "|", ca.Call)
		if calls[key] {
			return fmt.Errorf("call %s SO%d %s listed twice", ca.Call, ca.SO, ca.Code)
		}
		calls[key] = true
	}
	for _, g := range c.Goals {
		if g.Target2029 < 0 || (g.Milestone2024 != nil && *g.Milestone2024 < 0) {
			return fmt.Errorf("milestones and targets: %s has a negative value", g.Indicator)
		}
	}
	return nil
}

// indexInterventions indexes the Annex VI codes and the actions' defaults and checks them: a code
// listed once, of a known dimension and status, an intervention field of a specific objective of
// the catalogue; every action with a default code of every dimension (when the catalogue has codes
// at all: Table 2 adds up to Table 1 only if every operation has one), each code in the list and
// the intervention field of the action's own specific objective. It also checks the financial
// plan's rates, which the allocation checks of New do not cover.
func (c *Catalogue) indexInterventions() error {
	for _, al := range append(slices.Clone(c.Allocations), c.TechnicalAssistance) {
		if al.National < 0 {
			return fmt.Errorf("financial plan SO%d %s: negative national contribution", al.SO, al.SupportType)
		}
		// 0 is a rate not given (parts made in tests); the file always gives one (1 to 100).
		if al.CofinancingPct < 0 || al.CofinancingPct > 100 {
			return fmt.Errorf("financial plan SO%d %s: co-financing rate %d %% is not between 0 and 100", al.SO, al.SupportType, al.CofinancingPct)
		}
	}
	dims := map[string]bool{}
	for _, d := range Dimensions {
		dims[d] = true
	}
	for i := range c.Interventions {
		ic := &c.Interventions[i]
		key := [2]string{ic.Dimension, ic.Code}
		switch {
		case !dims[ic.Dimension]:
			return fmt.Errorf("intervention code %s: dimension %q is not one of %v", ic.Code, ic.Dimension, Dimensions)
		case c.codes[key] != nil:
			return fmt.Errorf("intervention code %s %s listed twice", ic.Dimension, ic.Code)
		case ic.Status != CodeVerified && ic.Status != CodeUnverified && ic.Status != CodeLocal:
			return fmt.Errorf("intervention code %s %s: status %q is not %s, %s or %s", ic.Dimension, ic.Code, ic.Status, CodeVerified, CodeUnverified, CodeLocal)
		case ic.Dimension == DimInterventionField && !ic.TA && c.soIndex(ic.SO) < 0:
			return fmt.Errorf("intervention field %s: unknown specific objective %d", ic.Code, ic.SO)
		case ic.Dimension != DimInterventionField && (ic.SO != 0 || ic.TA):
			return fmt.Errorf("%s %s: only intervention fields belong to a specific objective", ic.Dimension, ic.Code)
		}
		c.codes[key] = ic
	}
	for i := range c.ActionCodes {
		d := &c.ActionCodes[i]
		a, ok := c.actions[d.Action]
		if !ok {
			return fmt.Errorf("default intervention codes for action %s, which is not in the action list", d.Action)
		}
		if c.defaults[d.Action] != nil {
			return fmt.Errorf("default intervention codes for action %s listed twice", d.Action)
		}
		for j, dim := range Dimensions {
			ic, ok := c.codes[[2]string{dim, d.Codes[j]}]
			if !ok {
				return fmt.Errorf("action %s: default %s %q is not in the intervention code list", d.Action, dim, d.Codes[j])
			}
			if dim == DimInterventionField && (ic.TA || ic.SO != a.SO) {
				return fmt.Errorf("action %s is in specific objective %d but its default intervention field %s is not", d.Action, a.SO, d.Codes[j])
			}
		}
		c.defaults[d.Action] = d
	}
	if len(c.Interventions) == 0 {
		return nil
	}
	for _, a := range c.Actions {
		if c.defaults[a.Code] == nil {
			return fmt.Errorf("action %s has no default intervention codes", a.Code)
		}
	}
	return nil
}

func (c *Catalogue) soIndex(so domain.SO) int {
	for i, s := range c.SOs {
		if s.SO == so {
			return i
		}
	}
	return -1
}
