package transform

import (
	"context"
	"database/sql"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// transmissionInputs are the catalogue tables the Commission tables of the second contract read
// beyond those of loadCatalogue: the financial plan (with its technical-assistance row), the
// Annex VI codes and the actions' default codes, and the programme dates the marts compare with.
var transmissionInputs = []string{"cat_financial_plan", "cat_intervention_codes", "cat_action_interventions", "cat_programme"}

var (
	qTransmissionCatalogueTables = sqlQuery("transmission_catalogue_tables")
	qReadFinancialV2             = sqlQuery("read_financial_v2")
	qReadByIntervention          = sqlQuery("read_by_intervention")
	qReadForecast                = sqlQuery("read_forecast")
	qReadAchievementPct          = sqlQuery("read_achievement_pct")
	qReadAbsorptionPct           = sqlQuery("read_absorption_pct")
)

// loadTransmissionCatalogue puts the financial plan and the Annex VI codes into tables.
func loadTransmissionCatalogue(ctx context.Context, conn *sql.Conn, cat *catalogue.Catalogue) error {
	if err := execQuery(ctx, conn, qTransmissionCatalogueTables); err != nil {
		return err
	}
	var plan, codes, defaults [][]any
	rate := func(pct int) any {
		if pct == 0 {
			return nil // not given (only catalogues made in tests leave it out)
		}
		return int32(pct)
	}
	for _, a := range cat.Allocations {
		plan = append(plan, []any{int32(a.SO), metrics.SOCode(a.SO), string(a.SupportType), int64(a.Amount), int64(a.National), rate(a.CofinancingPct), a.Basis})
	}
	ta := cat.TechnicalAssistance
	plan = append(plan, []any{int32(0), metrics.SOCode(0), domain.SupportTypeAll, int64(ta.Amount), int64(ta.National), rate(ta.CofinancingPct), ta.Basis})
	for _, ic := range cat.Interventions {
		codes = append(codes, []any{ic.Dimension, ic.Code, int32(ic.SO), ic.TA, ic.Status, ic.NameEN, ic.NameSV})
	}
	for _, d := range cat.ActionCodes {
		defaults = append(defaults, []any{d.Action, d.Codes[0], d.Codes[1], d.Codes[2]})
	}
	for _, t := range []struct {
		name string
		rows [][]any
	}{{"cat_financial_plan", plan}, {"cat_intervention_codes", codes}, {"cat_action_interventions", defaults},
		{"cat_programme", [][]any{{domain.MilestoneDate.Time()}}}} {
		if err := appendRows(ctx, conn, t.name, t.rows); err != nil {
			return err
		}
	}
	return nil
}

func pctOf(n sql.NullInt64) metrics.Pct { return metrics.Pct{Tenths: n.Int64, Valid: n.Valid} }

// ForecastMethod states how mart_forecast forecasts the payment applications, for the reader of
// the forecast (its export and README repeat it).
const ForecastMethod = "For every operation selected by the cut-off: its EU contribution less the EU share of the " +
	"expenditure it has declared (declared x EU contribution / eligible cost, rounded to the cent) is still to claim. " +
	"An operation ending by 31 December of the current year claims all of it then; any other claims at its own pace " +
	"so far (the EU share declared per day since its start) or, having declared nothing, evenly over its remaining " +
	"days; what remains when it ends is claimed in the year it ends in. The current year runs from the day after " +
	"the cut-off. Technical assistance, claimed as a flat rate on top, is not included."

// readTransmission fills what the second contract adds to the Commission tables, for the
// requested cut-offs: Table 1's new columns and its technical-assistance row's, Table 2, the
// forecast of payment applications, and the percentages of achievement and absorption.
func readTransmission(ctx context.Context, conn *sql.Conn, res *metrics.Results) error {
	type key struct {
		c  domain.Date
		so domain.SO
		st string
	}
	index := map[key]int{}
	for i, v := range res.Financial {
		index[key{v.Cutoff.Date, v.SO, v.SupportType}] = i
	}
	err := query(ctx, conn, qReadFinancialV2, func(r *sql.Rows) error {
		var c time.Time
		var so domain.SO
		var st, basis string
		var public, total int64
		var rate, sel, decl, declElig sql.NullInt64
		if err := r.Scan(&c, &so, &st, &public, &total, &rate, &sel, &decl, &declElig, &basis); err != nil {
			return err
		}
		i, ok := index[key{domain.DateOf(c.UTC()), so, st}]
		if !ok {
			return errs.E(errs.Op("transform.readTransmission"), errs.Internal, "a financial row read twice differs")
		}
		v := &res.Financial[i]
		v.PublicEligibleCost, v.TotalAllocation, v.PlanBasis = domain.Cents(public), domain.Cents(total), basis
		v.CofinancingRate, v.SelectedOfAllocation, v.DeclaredOfAllocation, v.DeclaredOfEligibleCost =
			pctOf(rate), pctOf(sel), pctOf(decl), pctOf(declElig)
		return nil
	})
	if err != nil {
		return err
	}
	err = query(ctx, conn, qReadByIntervention, func(r *sql.Rows) error {
		var v metrics.InterventionValue
		var c time.Time
		var elig, public, eu, declared int64
		if err := r.Scan(&c, &v.SO, &v.Dimension, &v.Code, &v.SelectedOperations, &elig, &public, &eu, &declared); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.EligibleCost, v.PublicEligibleCost, v.EUContribution, v.Declared =
			domain.Cents(elig), domain.Cents(public), domain.Cents(eu), domain.Cents(declared)
		res.ByIntervention = append(res.ByIntervention, v)
		return nil
	})
	if err != nil {
		return err
	}
	metrics.SortInterventions(res.ByIntervention)
	err = query(ctx, conn, qReadForecast, func(r *sql.Rows) error {
		var v metrics.ForecastValue
		var due, c time.Time
		var current, next int64
		if err := r.Scan(&due, &c, &v.SO, &v.Year, &v.NextYear, &current, &next, &v.Operations); err != nil {
			return err
		}
		v.DueDate, v.Cutoff = domain.DateOf(due.UTC()), cutoffOf(c)
		v.CurrentYear, v.Next = domain.Cents(current), domain.Cents(next)
		res.Forecast = append(res.Forecast, v)
		return nil
	})
	if err != nil {
		return err
	}
	metrics.SortForecast(res.Forecast)
	res.ForecastMethod = ForecastMethod
	return readPercentages(ctx, conn, res)
}

// readPercentages adds the percentages of mart_achievement and mart_absorption to the rows
// readExtensions read from them.
func readPercentages(ctx context.Context, conn *sql.Conn, res *metrics.Results) error {
	type key struct {
		c    domain.Date
		code string
	}
	ach := map[key]int{}
	for i, v := range res.Achievements {
		ach[key{v.Cutoff.Date, v.Indicator}] = i
	}
	err := query(ctx, conn, qReadAchievementPct, func(r *sql.Rows) error {
		var c, check time.Time
		var code string
		var ofMilestone, ofTarget, selOfTarget, atCheckPct sql.NullInt64
		var atCheck, inYear int64
		if err := r.Scan(&c, &code, &ofMilestone, &ofTarget, &selOfTarget, &check, &atCheck, &atCheckPct, &inYear); err != nil {
			return err
		}
		if i, ok := ach[key{domain.DateOf(c.UTC()), code}]; ok {
			v := &res.Achievements[i]
			v.AchievedPctOfMilestone, v.AchievedPctOfTarget, v.SelectedPctOfTarget = pctOf(ofMilestone), pctOf(ofTarget), pctOf(selOfTarget)
			v.MilestoneCheck, v.AchievedAtMilestoneCheck, v.PctOfMilestoneAtCheck = cutoffOf(check), atCheck, pctOf(atCheckPct)
			v.AchievedInYear = inYear
		}
		return nil
	})
	if err != nil {
		return err
	}
	type fkey struct {
		c  domain.Date
		so domain.SO
		st string
	}
	abs := map[fkey]int{}
	for i, v := range res.Absorption {
		abs[fkey{v.Cutoff.Date, v.SO, v.SupportType}] = i
	}
	return query(ctx, conn, qReadAbsorptionPct, func(r *sql.Rows) error {
		var c time.Time
		var so domain.SO
		var st string
		var total int64
		var decl, eu sql.NullInt64
		if err := r.Scan(&c, &so, &st, &total, &decl, &eu); err != nil {
			return err
		}
		if i, ok := abs[fkey{domain.DateOf(c.UTC()), so, st}]; ok {
			v := &res.Absorption[i]
			v.TotalAllocation, v.DeclaredPctOfTotalAllocation, v.EUContributionPctOfAllocation = domain.Cents(total), pctOf(decl), pctOf(eu)
		}
		return nil
	})
}
