package oracle

import (
	"math/big"
	"slices"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// Input is what the second computation starts from: the register and targets in force, every
// report version received (valid on its own), the catalogue and the cut-offs to compute.
type Input struct {
	Catalogue *catalogue.Catalogue
	Projects  []domain.Project
	Targets   []domain.Target
	// Reports are all received versions; domain.ResolveInForce decides which are in force.
	Reports []domain.Report
	Cutoffs []domain.Cutoff
}

// Tables are the Commission's tables as the definitions give them.
type Tables struct {
	Indicators     []metrics.IndicatorValue
	Financial      []metrics.FinancialValue
	ByIntervention []metrics.InterventionValue
	Forecast       []metrics.ForecastValue
}

// Compute computes the indicator table, Table 1 (financial) with its technical-assistance row,
// Table 2 (by type of intervention) and the forecast of payment applications. Every cut-off walks
// every project.
//
// Projects whose action is not in the catalogue, and targets or report items naming an indicator
// that is not, are left out (ingest rejects them before they reach the warehouse).
func Compute(in Input) Tables {
	cat := in.Catalogue
	reports := inForce(in.Reports)
	projects := map[string]domain.Project{}
	for _, p := range in.Projects {
		if _, ok := cat.Action(p.Action); ok {
			projects[p.ID] = p
		}
	}
	var out Tables
	for _, c := range in.Cutoffs {
		selected := map[string]int64{}
		achieved := map[string]int64{}
		for _, t := range in.Targets {
			if p, ok := projects[t.ProjectID]; ok && p.SelectedAt(c.Date) {
				selected[t.Indicator] += t.Value
			}
		}
		// declared is each selected operation's expenditure in reports in force by the cut-off.
		declared := map[string]domain.Cents{}
		for _, r := range reports {
			p, ok := projects[r.Key.ProjectID]
			if !ok || !p.SelectedAt(c.Date) || r.Key.PeriodEnd > c.Date {
				continue
			}
			for _, it := range r.Items {
				if it.Item == domain.ExpenditureItem {
					declared[p.ID] += it.Amount
					continue
				}
				achieved[it.Item] += it.Value
			}
		}
		for _, so := range cat.SOs {
			for _, ind := range cat.Indicators {
				if ind.SO != so.SO {
					continue
				}
				v := metrics.IndicatorValue{Cutoff: c, SO: so.SO, Indicator: ind.Code, Kind: ind.Kind, Unit: ind.Unit,
					Selected: selected[ind.Code], Achieved: achieved[ind.Code]}
				if g, ok := cat.Goal(ind.Code); ok {
					v.Milestone2024 = g.Milestone2024
					t := g.Target2029
					v.Target2029 = &t
				}
				out.Indicators = append(out.Indicators, v)
			}
		}
		out.Financial = append(out.Financial, financial(cat, c, projects, declared)...)
		out.ByIntervention = append(out.ByIntervention, byIntervention(cat, c, projects, declared)...)
		if c.HasIndicators() {
			out.Forecast = append(out.Forecast, forecast(cat, c, projects, declared)...)
		}
	}
	metrics.SortIndicators(out.Indicators)
	metrics.SortFinancial(out.Financial)
	metrics.SortInterventions(out.ByIntervention)
	metrics.SortForecast(out.Forecast)
	return out
}

// inForce keeps the versions in force, a version received twice once.
func inForce(all []domain.Report) []domain.Report {
	vs := make([]domain.Version, len(all))
	for i, r := range all {
		vs[i] = r.Version()
	}
	in, _ := domain.ResolveInForce(vs)
	hashes := make(map[string]bool, len(in))
	for _, v := range in {
		hashes[v.Hash] = true
	}
	var out []domain.Report
	for _, r := range all {
		if h := r.ContentHash(); hashes[h] {
			out = append(out, r)
			delete(hashes, h)
		}
	}
	return out
}

// money is what Tables 1 and 2 add up over operations.
type money struct {
	ops                            int64
	eligible, public, eu, declared domain.Cents
}

func (m *money) add(p domain.Project, declared domain.Cents) {
	m.ops++
	m.eligible += p.EligibleCost
	m.public += p.EligibleCost - p.PrivateContribution
	m.eu += p.EUContribution
	m.declared += declared
}

func financial(cat *catalogue.Catalogue, c domain.Cutoff, projects map[string]domain.Project, declared map[string]domain.Cents) []metrics.FinancialValue {
	by := map[domain.SO]map[domain.SupportType]*money{}
	for _, p := range projects {
		if !p.SelectedAt(c.Date) {
			continue
		}
		a, _ := cat.Action(p.Action)
		if by[a.SO] == nil {
			by[a.SO] = map[domain.SupportType]*money{}
		}
		if by[a.SO][a.SupportType] == nil {
			by[a.SO][a.SupportType] = &money{}
		}
		by[a.SO][a.SupportType].add(p, declared[p.ID])
	}
	var out []metrics.FinancialValue
	for _, so := range cat.SOs {
		all := metrics.FinancialValue{Cutoff: c, SO: so.SO, SupportType: domain.SupportTypeAll}
		var bases []string
		for _, st := range domain.SupportTypes {
			m := by[so.SO][st]
			if m == nil {
				m = &money{}
			}
			plan, planned := planRow(cat, so.SO, st)
			row := metrics.FinancialValue{Cutoff: c, SO: so.SO, SupportType: string(st), SelectedOperations: m.ops,
				EligibleCost: m.eligible, EUContribution: m.eu, Declared: m.declared, PublicEligibleCost: m.public,
				Allocation: plan.Amount, TotalAllocation: plan.Total(), PlanBasis: plan.Basis}
			if planned && plan.CofinancingPct > 0 {
				row.CofinancingRate = metrics.Pct{Tenths: int64(plan.CofinancingPct) * 10, Valid: true}
			}
			if plan.Basis != "" && !slices.Contains(bases, plan.Basis) {
				bases = append(bases, plan.Basis)
			}
			ratios(&row)
			out = append(out, row)
			all.SelectedOperations += row.SelectedOperations
			all.EligibleCost += row.EligibleCost
			all.PublicEligibleCost += row.PublicEligibleCost
			all.EUContribution += row.EUContribution
			all.Declared += row.Declared
			all.Allocation += row.Allocation
			all.TotalAllocation += row.TotalAllocation
		}
		slices.Sort(bases)
		all.PlanBasis = strings.Join(bases, " | ")
		all.CofinancingRate = pct(int64(all.Allocation), int64(all.TotalAllocation))
		ratios(&all)
		out = append(out, all)
	}
	ta := cat.TechnicalAssistance
	row := metrics.FinancialValue{Cutoff: c, SO: 0, SupportType: domain.SupportTypeAll,
		Allocation: ta.Amount, TotalAllocation: ta.Total(), PlanBasis: ta.Basis}
	if ta.CofinancingPct > 0 {
		row.CofinancingRate = metrics.Pct{Tenths: int64(ta.CofinancingPct) * 10, Valid: true}
	}
	ratios(&row)
	return append(out, row)
}

// planRow is the financial plan's row, and whether the plan has one.
func planRow(cat *catalogue.Catalogue, so domain.SO, st domain.SupportType) (catalogue.Allocation, bool) {
	for _, a := range cat.Allocations {
		if a.SO == so && a.SupportType == st {
			return a, true
		}
	}
	return catalogue.Allocation{}, false
}

func ratios(v *metrics.FinancialValue) {
	v.SelectedOfAllocation = pct(int64(v.EligibleCost), int64(v.TotalAllocation))
	v.DeclaredOfAllocation = pct(int64(v.Declared), int64(v.TotalAllocation))
	v.DeclaredOfEligibleCost = pct(int64(v.Declared), int64(v.EligibleCost))
}

// pct is part / whole in tenths of a per cent, rounded half away from zero; not valid when whole
// is not positive.
func pct(part, whole int64) metrics.Pct {
	if whole <= 0 {
		return metrics.Pct{}
	}
	num := new(big.Int).Mul(big.NewInt(part), big.NewInt(1000))
	neg := num.Sign() < 0
	num.Abs(num)
	// (2 num + whole) / (2 whole), truncated: the nearest integer, halves away from zero.
	q := new(big.Int).Add(new(big.Int).Lsh(num, 1), big.NewInt(whole))
	q.Quo(q, big.NewInt(2*whole))
	if neg {
		q.Neg(q)
	}
	return metrics.Pct{Tenths: q.Int64(), Valid: true}
}

// codes are an operation's Annex VI codes: its own, or its action's defaults.
func codes(cat *catalogue.Catalogue, p domain.Project) [3]string {
	d, _ := cat.DefaultInterventions(p.Action)
	out := d.Codes
	for i, own := range p.Interventions {
		if own != "" {
			out[i] = own
		}
	}
	return out
}

func byIntervention(cat *catalogue.Catalogue, c domain.Cutoff, projects map[string]domain.Project, declared map[string]domain.Cents) []metrics.InterventionValue {
	type key struct {
		so        domain.SO
		dim, code string
	}
	by := map[key]*money{}
	for _, p := range projects {
		if !p.SelectedAt(c.Date) {
			continue
		}
		a, _ := cat.Action(p.Action)
		for i, code := range codes(cat, p) {
			k := key{a.SO, catalogue.Dimensions[i], code}
			if by[k] == nil {
				by[k] = &money{}
			}
			by[k].add(p, declared[p.ID])
		}
	}
	var out []metrics.InterventionValue
	for k, m := range by {
		out = append(out, metrics.InterventionValue{Cutoff: c, SO: k.so, Dimension: k.dim, Code: k.code,
			SelectedOperations: m.ops, EligibleCost: m.eligible, PublicEligibleCost: m.public,
			EUContribution: m.eu, Declared: m.declared})
	}
	metrics.SortInterventions(out)
	return out
}

// forecast is the forecast of payment applications due after cut-off c (CPR Art 69(10)): for
// every selected operation, the EU contribution not yet declared (its declared expenditure
// times its EU share, rounded half up to the cent) is claimed at the pace the operation has
// declared so far (per day since its start), or evenly over its remaining days when it has
// declared nothing; whatever remains when it ends is claimed in the window it ends in, and an
// operation past its end claims all of it in the current year.
func forecast(cat *catalogue.Catalogue, c domain.Cutoff, projects map[string]domain.Project, declared map[string]domain.Cents) []metrics.ForecastValue {
	due := dueDate(c)
	year := due.Year()
	endY := domain.NewDate(year, time.December, 31)
	endNext := domain.NewDate(year+1, time.December, 31)
	rows := map[string]*metrics.ForecastValue{}
	row := func(so string) *metrics.ForecastValue {
		if rows[so] == nil {
			rows[so] = &metrics.ForecastValue{DueDate: due, Cutoff: c, SO: so, Year: year, NextYear: year + 1}
		}
		return rows[so]
	}
	for _, so := range cat.SOs {
		row(metrics.SOCode(so.SO))
	}
	row("all")
	for _, p := range projects {
		if !p.SelectedAt(c.Date) {
			continue
		}
		euDeclared := domain.Cents(0)
		if p.EligibleCost > 0 {
			euDeclared = domain.Cents(mulDivHalfUp(int64(declared[p.ID]), int64(p.EUContribution), int64(p.EligibleCost)))
		}
		remaining := p.EUContribution - euDeclared
		if remaining <= 0 {
			continue
		}
		var current, next domain.Cents
		switch {
		case p.End <= endY:
			current = remaining
		default:
			at := func(days int64) domain.Cents {
				elapsed := int64(c.Date-p.Start) + 1
				if euDeclared > 0 && elapsed > 0 {
					return domain.Cents(mulDivFloor(int64(euDeclared), days, elapsed))
				}
				return domain.Cents(mulDivFloor(int64(remaining), days, int64(p.End-c.Date)))
			}
			current = min(remaining, at(int64(endY-c.Date)))
			if p.End <= endNext {
				next = remaining - current
			} else {
				next = min(remaining-current, at(int64(endNext-endY)))
			}
		}
		a, _ := cat.Action(p.Action)
		for _, so := range []string{metrics.SOCode(a.SO), "all"} {
			r := row(so)
			r.CurrentYear += current
			r.Next += next
			r.Operations++
		}
	}
	var out []metrics.ForecastValue
	for _, r := range rows {
		out = append(out, *r)
	}
	metrics.SortForecast(out)
	return out
}

// dueDate is when the forecast after cut-off c is due: 31 January after a December cut-off, 31
// July after a June one.
func dueDate(c domain.Cutoff) domain.Date {
	t := c.Date.Time()
	if t.Month() == time.December {
		return domain.NewDate(t.Year()+1, time.January, 31)
	}
	return domain.NewDate(t.Year(), time.July, 31)
}

func mulDivHalfUp(a, b, d int64) int64 {
	n := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	n.Lsh(n, 1).Add(n, big.NewInt(d))
	return n.Quo(n, big.NewInt(2*d)).Int64()
}

func mulDivFloor(a, b, d int64) int64 {
	n := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
	return n.Quo(n, big.NewInt(d)).Int64()
}
