package ingest

import (
	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
)

// privateContribution reads the optional private_contribution_eur of a register row: the
// beneficiary's own private money in the eligible cost (empty means 0). It may be neither
// negative nor above the eligible cost, or the public eligible cost would make no sense.
func privateContribution(row read.Row, eligible domain.Cents, add func(domain.Finding)) domain.Cents {
	c := row.Cell("private_contribution_eur")
	if c.Kind == read.Missing {
		return 0
	}
	v, err := domain.ParseEuros(c.Text)
	if err != nil || v < 0 {
		add(RuleRegPrivate.at(c.Place(), c.Text, "private_contribution_eur %q is not an amount; expected a non-negative decimal with a dot and at most two decimals, or nothing for 0", c.Text))
		return 0
	}
	if v > eligible {
		add(RuleRegPrivate.at(c.Place(), c.Text, "private_contribution_eur %s exceeds eligible_cost_eur %s; expected at most the eligible cost", v, eligible))
	}
	return v
}

// interventionCodes reads the optional Annex VI codes of a register row, one per dimension ("" =
// the action's default). A code must be one of its dimension in the catalogue, and an
// intervention field one of the action's specific objective.
func interventionCodes(row read.Row, cat *catalogue.Catalogue, add func(domain.Finding)) [3]string {
	var out [3]string
	action, known := cat.Action(row.Cell("action").Text)
	for i, dim := range catalogue.Dimensions {
		c := row.Cell(dim)
		if c.Kind == read.Missing {
			continue
		}
		ic, ok := cat.InterventionCode(dim, c.Text)
		switch {
		case !ok:
			add(RuleRegIntervention.at(c.Place(), c.Text, "%s %q is not a code of the catalogue (data/programme/intervention_codes.csv); expected a three-digit Annex VI code such as 001, or nothing for the action's default", dim, c.Text))
		case known && dim == catalogue.DimInterventionField && (ic.TA || ic.SO != action.SO):
			add(RuleRegIntervention.at(c.Place(), c.Text, "intervention_field %s belongs to another specific objective than action %s (SO %d); expected an intervention field of SO %d", c.Text, action.Code, action.SO, action.SO))
		default:
			out[i] = c.Text
		}
	}
	return out
}
