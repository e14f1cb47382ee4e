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
