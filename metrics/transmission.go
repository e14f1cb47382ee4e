package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"mittari/domain"
)

// Pct is a percentage with one decimal, as tenths of a per cent, computed and rounded once in
// SQL; Valid is false where there is nothing to compare with (a zero or missing whole).
type Pct struct {
	Tenths int64
	Valid  bool
}

// String is the percentage with one decimal ("63.1"), "" when not valid.
func (p Pct) String() string {
	if !p.Valid {
		return ""
	}
	sign, v := "", p.Tenths
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%d", sign, v/10, v%10)
}

// SOCode writes a specific objective as the Commission's tables do: "1" … "4", and "TA" for the
// technical-assistance row (SO 0).
func SOCode(so domain.SO) string {
	if so == 0 {
		return "TA"
	}
	return strconv.Itoa(int(so))
}

// InterventionValue is one row of CPR Annex VII Table 2: the Art 42 data of one specific
// objective broken down by one code of one Annex VI dimension. For each SO and dimension the rows
// add up to that SO's "all" row of the financial table.
type InterventionValue struct {
	Cutoff             domain.Cutoff
	SO                 domain.SO
	Dimension          string // intervention_field, type_of_action or implementation_modality
	Code               string
	SelectedOperations int64
	EligibleCost       domain.Cents
	PublicEligibleCost domain.Cents
	EUContribution     domain.Cents
	Declared           domain.Cents
}

// ForecastValue is one row of the forecast of payment applications (CPR Art 69(10)): the Union
// contribution expected to be claimed in the calendar year of the forecast's due date and in the
// next one, for one specific objective or all ("all").
type ForecastValue struct {
	// DueDate is 31 January after a December cut-off, 31 July after a June one.
	DueDate domain.Date
	Cutoff  domain.Cutoff
	SO      string // "1" … "4" or "all"
	// Year and NextYear are the calendar years forecast; CurrentYear is claimed from the day
	// after the cut-off to the end of Year.
	Year, NextYear int
	CurrentYear    domain.Cents
	Next           domain.Cents
	// Operations is the number of selected operations with EU contribution not yet declared.
	Operations int64
}

// dimensionRank orders the Annex VI dimensions as the Regulation's tables do.
var dimensionRank = map[string]int{"intervention_field": 0, "type_of_action": 1, "implementation_modality": 2}

// SortInterventions sorts rows by cut-off, SO, dimension (in the Regulation's order) and code.
func SortInterventions(rows []InterventionValue) {
	slices.SortFunc(rows, func(a, b InterventionValue) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(a.SO, b.SO),
			cmp.Compare(dimensionRank[a.Dimension], dimensionRank[b.Dimension]), cmp.Compare(a.Dimension, b.Dimension),
			cmp.Compare(a.Code, b.Code))
	})
}

// SortForecast sorts rows by cut-off and SO, "all" last.
func SortForecast(rows []ForecastValue) {
	rank := func(so string) string {
		if so == "all" {
			return "~"
		}
		return so
	}
	slices.SortFunc(rows, func(a, b ForecastValue) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(rank(a.SO), rank(b.SO)))
	})
}

// Table2AddsUp checks the contract's rule between CPR Annex VII's two tables: for each cut-off,
// SO and Annex VI dimension, the rows of Table 2 (byCode) add up, to the cent and the operation,
// to the SO's "all" row of Table 1 (financial). It returns the first breach.
func Table2AddsUp(financial []FinancialValue, byCode []InterventionValue) error {
	type key struct {
		cutoff domain.Date
		so     domain.SO
		dim    string
	}
	sums := map[key]*InterventionValue{}
	for _, v := range byCode {
		k := key{v.Cutoff.Date, v.SO, v.Dimension}
		if sums[k] == nil {
			sums[k] = &InterventionValue{}
		}
		s := sums[k]
		s.SelectedOperations += v.SelectedOperations
		s.EligibleCost += v.EligibleCost
		s.PublicEligibleCost += v.PublicEligibleCost
		s.EUContribution += v.EUContribution
		s.Declared += v.Declared
	}
	for _, f := range financial {
		if f.SupportType != domain.SupportTypeAll || f.SO == 0 {
			continue
		}
		for dim := range dimensionRank {
			k := key{f.Cutoff.Date, f.SO, dim}
			s := sums[k]
			if s == nil {
				s = &InterventionValue{}
			}
			if s.SelectedOperations != f.SelectedOperations || s.EligibleCost != f.EligibleCost ||
				s.PublicEligibleCost != f.PublicEligibleCost || s.EUContribution != f.EUContribution || s.Declared != f.Declared {
				return fmt.Errorf("cut-off %s, SO%d, %s: Table 2 adds up to %d operations, %s eligible, %s public, %s EU, %s declared; Table 1 says %d, %s, %s, %s, %s",
					f.Cutoff, f.SO, dim, s.SelectedOperations, s.EligibleCost, s.PublicEligibleCost, s.EUContribution, s.Declared,
					f.SelectedOperations, f.EligibleCost, f.PublicEligibleCost, f.EUContribution, f.Declared)
			}
			delete(sums, k)
		}
	}
	for k := range sums {
		return fmt.Errorf("cut-off %s, SO%d, %s: Table 2 has rows but Table 1 no \"all\" row", domain.Cutoff{Date: k.cutoff}, k.so, k.dim)
	}
	return nil
}
