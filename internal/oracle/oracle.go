package metrics

import (
	"mittari/catalogue"
	"mittari/domain"
)

// OracleInput is what the second computation of the Commission tables starts from: the register
// and targets in force, every report version received (valid on its own), the catalogue and the
// cut-offs to compute.
type OracleInput struct {
	Catalogue *catalogue.Catalogue
	Projects  []domain.Project
	Targets   []domain.Target
	// Reports are all received versions; domain.ResolveInForce decides which are in force.
	Reports []domain.Report
	Cutoffs []domain.Cutoff
}

// Oracle computes the indicator and financial tables of the spec in plain Go, straight from the
// definitions, so that the DuckDB models can be checked against it. It is written for clarity,
// not speed: every cut-off walks every project.
//
// Projects whose action is not in the catalogue, and targets or report items naming an indicator
// that is not, are left out (ingest rejects them before they reach the warehouse).
func Oracle(in OracleInput) ([]IndicatorValue, []FinancialValue) {
	cat := in.Catalogue
	inForce, _ := domain.ResolveInForce(versions(in.Reports))
	inForceHash := make(map[string]bool, len(inForce))
	for _, v := range inForce {
		inForceHash[v.Hash] = true
	}
	// A version received twice counts once: keep the first report with each in-force hash.
	var reports []domain.Report
	for _, r := range in.Reports {
		h := r.ContentHash()
		if inForceHash[h] {
			reports = append(reports, r)
			delete(inForceHash, h)
		}
	}
	projects := map[string]domain.Project{}
	for _, p := range in.Projects {
		if _, ok := cat.Action(p.Action); ok {
			projects[p.ID] = p
		}
	}

	var indicators []IndicatorValue
	var financial []FinancialValue
	for _, c := range in.Cutoffs {
		selected := map[string]int64{}
		achieved := map[string]int64{}
		for _, t := range in.Targets {
			if p, ok := projects[t.ProjectID]; ok && p.SelectedAt(c.Date) {
				selected[t.Indicator] += t.Value
			}
		}
		type money struct {
			ops                    int64
			eligible, eu, declared domain.Cents
		}
		fin := map[domain.SO]map[domain.SupportType]*money{}
		finOf := func(so domain.SO, st domain.SupportType) *money {
			if fin[so] == nil {
				fin[so] = map[domain.SupportType]*money{}
			}
			if fin[so][st] == nil {
				fin[so][st] = &money{}
			}
			return fin[so][st]
		}
		for _, p := range projects {
			a, _ := cat.Action(p.Action)
			if !p.SelectedAt(c.Date) {
				continue
			}
			m := finOf(a.SO, a.SupportType)
			m.ops++
			m.eligible += p.EligibleCost
			m.eu += p.EUContribution
		}
		for _, r := range reports {
			p, ok := projects[r.Key.ProjectID]
			if !ok || !p.SelectedAt(c.Date) || r.Key.PeriodEnd > c.Date {
				continue
			}
			a, _ := cat.Action(p.Action)
			for _, it := range r.Items {
				if it.Item == domain.ExpenditureItem {
					finOf(a.SO, a.SupportType).declared += it.Amount
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
				v := IndicatorValue{Cutoff: c, SO: so.SO, Indicator: ind.Code, Kind: ind.Kind, Unit: ind.Unit,
					Selected: selected[ind.Code], Achieved: achieved[ind.Code]}
				if g, ok := cat.Goal(ind.Code); ok {
					v.Milestone2024 = g.Milestone2024
					t := g.Target2029
					v.Target2029 = &t
				}
				indicators = append(indicators, v)
			}
			all := FinancialValue{Cutoff: c, SO: so.SO, SupportType: "all"}
			for _, st := range domain.SupportTypes {
				m := finOf(so.SO, st)
				row := FinancialValue{Cutoff: c, SO: so.SO, SupportType: string(st), SelectedOperations: m.ops,
					EligibleCost: m.eligible, EUContribution: m.eu, Declared: m.declared,
					Allocation: cat.Allocation(so.SO, st)}
				financial = append(financial, row)
				all.SelectedOperations += row.SelectedOperations
				all.EligibleCost += row.EligibleCost
				all.EUContribution += row.EUContribution
				all.Declared += row.Declared
				all.Allocation += row.Allocation
			}
			financial = append(financial, all)
		}
	}
	SortIndicators(indicators)
	SortFinancial(financial)
	return indicators, financial
}

func versions(rs []domain.Report) []domain.Version {
	out := make([]domain.Version, len(rs))
	for i, r := range rs {
		out[i] = r.Version()
	}
	return out
}
