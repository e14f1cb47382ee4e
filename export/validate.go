package export

import (
	"fmt"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// checkTables refuses figures that the Commission's system would reject or that betray a broken
// computation, before anything is written: an indicator not in the catalogue or counted under
// another SO than its code names, a row given twice, an unknown support type, or an SO total
// ("all") that is not the sum of its support types. The figures are never corrected here.
func checkTables(c domain.Cutoff, inds []metrics.IndicatorValue, fin []metrics.FinancialValue, cat *catalogue.Catalogue) error {
	seen := map[string]bool{}
	for _, v := range inds {
		where := fmt.Sprintf("indicators, cut-off %s, SO%d, %s", c, v.SO, v.Indicator)
		key := fmt.Sprintf("%d/%s", v.SO, v.Indicator)
		if seen[key] {
			return fmt.Errorf("%s: row given twice", where)
		}
		seen[key] = true
		if cat == nil {
			continue
		}
		ind, ok := cat.Indicator(v.Indicator)
		if !ok {
			return fmt.Errorf("%s: indicator is not in the catalogue", where)
		}
		if ind.SO != v.SO {
			return fmt.Errorf("%s: the indicator belongs to SO%d", where, ind.SO)
		}
		if ind.Kind != v.Kind {
			return fmt.Errorf("%s: kind %q, the catalogue says %q", where, v.Kind, ind.Kind)
		}
	}

	type sums struct {
		ops                                               int64
		eligible, public, eu, declared, allocation, total domain.Cents
		parts                                             int
	}
	parts := map[domain.SO]*sums{}
	totals := map[domain.SO]metrics.FinancialValue{}
	for _, v := range fin {
		where := fmt.Sprintf("financial, cut-off %s, SO%s, %s", c, v.SOCode(), v.SupportType)
		key := fmt.Sprintf("%d/%s", v.SO, v.SupportType)
		if seen[key] {
			return fmt.Errorf("%s: row given twice", where)
		}
		seen[key] = true
		if domain.SupportTypeRank(v.SupportType) > len(domain.SupportTypes) {
			return fmt.Errorf("%s: unknown support type (want project, operating, specific_action or all)", where)
		}
		if v.SO == 0 {
			continue // the technical-assistance row: the plan's, with no support types
		}
		if v.SupportType == "all" {
			totals[v.SO] = v
			continue
		}
		s := parts[v.SO]
		if s == nil {
			s = &sums{}
			parts[v.SO] = s
		}
		s.ops += v.SelectedOperations
		s.eligible += v.EligibleCost
		s.public += v.PublicEligibleCost
		s.total += v.TotalAllocation
		s.eu += v.EUContribution
		s.declared += v.Declared
		s.allocation += v.Allocation
		s.parts++
	}
	for so, t := range totals {
		s := parts[so]
		if s == nil {
			continue // the SO is given as a total only
		}
		where := fmt.Sprintf("financial, cut-off %s, SO%d, all", c, so)
		checks := []struct {
			column   string
			all, sum string
		}{
			{"selected_operations", fmt.Sprint(t.SelectedOperations), fmt.Sprint(s.ops)},
			{"eligible_cost_eur", t.EligibleCost.String(), s.eligible.String()},
			{"eu_contribution_eur", t.EUContribution.String(), s.eu.String()},
			{"declared_expenditure_eur", t.Declared.String(), s.declared.String()},
			{"allocation_eur", t.Allocation.String(), s.allocation.String()},
			{"public_eligible_cost_eur", t.PublicEligibleCost.String(), s.public.String()},
			{"total_allocation_eur", t.TotalAllocation.String(), s.total.String()},
		}
		for _, ch := range checks {
			if ch.all != ch.sum {
				return fmt.Errorf("%s: %s is %s but its support types add up to %s", where, ch.column, ch.all, ch.sum)
			}
		}
	}
	return nil
}

// checkInterventions refuses a Table 2 that does not add up to Table 1 (for each SO and Annex VI
// dimension, to the SO's "all" row, to the cent and the operation): a transmission whose two
// tables disagree would be refused, and betrays a broken computation.
func checkInterventions(c domain.Cutoff, fin []metrics.FinancialValue, byCode []metrics.InterventionValue) error {
	if err := metrics.Table2AddsUp(fin, byCode); err != nil {
		return fmt.Errorf("financial_by_intervention, %w", err)
	}
	return nil
}
