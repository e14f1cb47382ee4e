package transform

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// aprInputs are the tables loadAPRCatalogue makes for the marts of the annual performance report,
// the list of operations and the open data.
var aprInputs = []string{"cat_result_measures", "cat_publication", "cat_publication_lists", "accounting_years"}

// aprQueries are the queries of the annual performance report, the list of operations and the
// open data, by the name readAPR gives them (queries/apr_<name>.sql).
var aprQueries = map[string]namedQuery{}

func init() {
	for _, name := range []string{"catalogue", "years", "progress", "result_achievement", "financial", "so4", "issues",
		"opendata"} {
		aprQueries[name] = sqlQuery("apr_" + name)
	}
}

// loadAPRCatalogue puts how the result indicators are measured, the publication settings and
// the accounting years whose report is computed (those ended by the last of cutoffs) into
// tables.
func loadAPRCatalogue(ctx context.Context, conn *sql.Conn, cat *catalogue.Catalogue, cutoffs []domain.Cutoff) error {
	if err := execQuery(ctx, conn, aprQueries["catalogue"]); err != nil {
		return err
	}
	var measures, lists, years [][]any
	for _, r := range cat.ResultMeasures {
		var share any
		if r.TargetType == catalogue.TargetShare {
			share = int64(r.TargetSharePct)
		}
		measures = append(measures, []any{r.Indicator, r.Baseline, string(r.BaselineUnit), int32(r.ReferenceYear),
			string(r.TargetType), r.Denominator, share, r.SO4Count, r.Basis})
	}
	pub := cat.Publication
	for _, t := range pub.LegalPersonTypes {
		lists = append(lists, []any{"legal_person_type", t})
	}
	for _, u := range pub.ProtectedUnits {
		lists = append(lists, []any{"protected_unit", u})
	}
	var last domain.Date
	for _, c := range cutoffs {
		last = max(last, c.Date)
	}
	for _, a := range domain.AccountingYearsThrough(last) {
		var previous any
		if p, ok := a.PreviousCutoff(); ok {
			previous = p.Date.Time()
		}
		years = append(years, []any{int32(a.Report), a.Start().Time(), a.End().Time(), a.DueDate().Time(), a.Cutoff().Date.Time(), previous})
	}
	for _, t := range []struct {
		name string
		rows [][]any
	}{{"cat_result_measures", measures}, {"cat_publication_lists", lists}, {"accounting_years", years},
		{"cat_publication", [][]any{{pub.Fund, pub.Country, pub.Location, int32(pub.SmallCount)}}}} {
		if err := appendRows(ctx, conn, t.name, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// readAPR reads the result indicators as the programme measures them, the annual performance
// reports' tables and the open data. The list of operations (mart_operations_list,
// mart_operation_indicators) stays in the marts, where its export reads it (package marts).
func readAPR(ctx context.Context, conn *sql.Conn, res *metrics.Results) error {
	apr := &metrics.APR{}
	for _, read := range []func(context.Context, *sql.Conn, *metrics.Results, *metrics.APR) error{
		readAPRYears, readAPRProgress, readResultAchievements, readAPRFinancial, readAPRSO4, readAPRIssues,
		readOpenData,
	} {
		if err := read(ctx, conn, res, apr); err != nil {
			return err
		}
	}
	res.APR = apr
	return nil
}

// queryAPR runs the query of queries/apr_<name>.sql and calls scan for each row.
func queryAPR(ctx context.Context, conn *sql.Conn, name string, scan func(*sql.Rows) error) error {
	defer traced("apr_" + name)()
	return query(ctx, conn, aprQueries[name], scan)
}

func readAPRYears(ctx context.Context, conn *sql.Conn, _ *metrics.Results, apr *metrics.APR) error {
	return queryAPR(ctx, conn, "years", func(r *sql.Rows) error {
		var y int
		if err := r.Scan(&y); err != nil {
			return err
		}
		apr.Years = append(apr.Years, y)
		return nil
	})
}

func nullBool(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	v := b.Bool
	return &v
}

func readAPRProgress(ctx context.Context, conn *sql.Conn, _ *metrics.Results, apr *metrics.APR) error {
	err := queryAPR(ctx, conn, "progress", func(r *sql.Rows) error {
		var v metrics.APRProgress
		var c time.Time
		var kind string
		var milestone, milestonePct, atMilestone, target, targetPct, selectedPct, projected, sharePct, share sql.NullInt64
		var met, onTrack sql.NullBool
		var measured bool
		var m metrics.ResultMeasure
		if err := r.Scan(&v.Report, &c, &v.SO, &v.Indicator, &kind, &v.Unit, &v.Selected, &v.Achieved, &v.AchievedInYear,
			&milestone, &milestonePct, &atMilestone, &met, &target, &targetPct, &selectedPct, &projected, &onTrack,
			&measured, &m.Baseline, &m.BaselineUnit, &m.ReferenceYear, &m.TargetType, &m.Denominator, &sharePct,
			&m.DenominatorAchieved, &share, &m.Basis); err != nil {
			return err
		}
		v.Cutoff, v.Kind = cutoffOf(c), domain.IndicatorKind(kind)
		v.Milestone2024, v.MilestonePct, v.AchievedAtMilestone, v.MilestoneMet = nullable(milestone), pctOf(milestonePct), nullable(atMilestone), nullBool(met)
		v.Target2029, v.TargetPct, v.SelectedPct = nullable(target), pctOf(targetPct), pctOf(selectedPct)
		v.Projected, v.OnTrack = nullable(projected), nullBool(onTrack)
		if measured {
			m.TargetSharePct, m.AchievedShare = nullable(sharePct), pctOf(share)
			v.Result = &m
		}
		apr.Progress = append(apr.Progress, v)
		return nil
	})
	slices.SortStableFunc(apr.Progress, func(a, b metrics.APRProgress) int {
		return cmp.Or(cmp.Compare(a.Report, b.Report), cmp.Compare(a.SO, b.SO), metrics.CompareIndicatorCodes(a.Indicator, b.Indicator))
	})
	return err
}

func readResultAchievements(ctx context.Context, conn *sql.Conn, res *metrics.Results, _ *metrics.APR) error {
	err := queryAPR(ctx, conn, "result_achievement", func(r *sql.Rows) error {
		var v metrics.ResultAchievement
		var c time.Time
		var target, targetPct, selectedPct, sharePct, share sql.NullInt64
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Selected, &v.Achieved, &target, &targetPct, &selectedPct,
			&v.Baseline, &v.BaselineUnit, &v.ReferenceYear, &v.TargetType, &v.Denominator, &sharePct,
			&v.DenominatorAchieved, &share, &v.Basis); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.Target2029, v.TargetPct, v.SelectedPct = nullable(target), pctOf(targetPct), pctOf(selectedPct)
		v.TargetSharePct, v.AchievedShare = nullable(sharePct), pctOf(share)
		res.ResultAchievements = append(res.ResultAchievements, v)
		return nil
	})
	slices.SortStableFunc(res.ResultAchievements, func(a, b metrics.ResultAchievement) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(a.SO, b.SO), metrics.CompareIndicatorCodes(a.Indicator, b.Indicator))
	})
	return err
}

func readAPRFinancial(ctx context.Context, conn *sql.Conn, _ *metrics.Results, apr *metrics.APR) error {
	return queryAPR(ctx, conn, "financial", func(r *sql.Rows) error {
		var v metrics.APRFinancial
		var c time.Time
		var eligible, public, eu, declared, declaredInYear, allocation, total int64
		var rate, selectedPct, declaredPct, ofEligible sql.NullInt64
		if err := r.Scan(&v.Report, &c, &v.SO, &v.SupportType, &v.SelectedOperations, &v.SelectedInYear,
			&eligible, &public, &eu, &declared, &declaredInYear, &allocation, &total,
			&rate, &selectedPct, &declaredPct, &ofEligible, &v.PlanBasis); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.EligibleCost, v.PublicEligibleCost, v.EUContribution, v.Declared = domain.Cents(eligible), domain.Cents(public), domain.Cents(eu), domain.Cents(declared)
		v.DeclaredInYear, v.Allocation, v.TotalAllocation = domain.Cents(declaredInYear), domain.Cents(allocation), domain.Cents(total)
		v.CofinancingRate, v.SelectedOfAllocation, v.DeclaredOfAllocation, v.DeclaredOfEligibleCost = pctOf(rate), pctOf(selectedPct), pctOf(declaredPct), pctOf(ofEligible)
		apr.Financial = append(apr.Financial, v)
		return nil
	})
}

func readAPRSO4(ctx context.Context, conn *sql.Conn, _ *metrics.Results, apr *metrics.APR) error {
	return queryAPR(ctx, conn, "so4", func(r *sql.Rows) error {
		var v metrics.APRSO4
		var c time.Time
		if err := r.Scan(&v.Report, &c, &v.Count, &v.Indicator, &v.Unit, &v.InYear, &v.Cumulative); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		apr.SO4 = append(apr.SO4, v)
		return nil
	})
}

func readAPRIssues(ctx context.Context, conn *sql.Conn, _ *metrics.Results, apr *metrics.APR) error {
	return queryAPR(ctx, conn, "issues", func(r *sql.Rows) error {
		var v metrics.APRIssue
		var c time.Time
		var reference, pct sql.NullInt64
		var projects []any
		if err := r.Scan(&v.Report, &c, &v.Issue, &v.Subject, &v.SO, &v.Value, &reference, &pct, &projects, &v.Evidence); err != nil {
			return err
		}
		v.Cutoff, v.Reference, v.Pct = cutoffOf(c), nullable(reference), pctOf(pct)
		for _, p := range projects {
			s, _ := p.(string)
			v.Projects = append(v.Projects, s)
		}
		apr.Issues = append(apr.Issues, v)
		return nil
	})
}

func readOpenData(ctx context.Context, conn *sql.Conn, res *metrics.Results, _ *metrics.APR) error {
	err := queryAPR(ctx, conn, "opendata", func(r *sql.Rows) error {
		var v metrics.OpenDataCell
		var c time.Time
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Unit, &v.Action, &v.Selected, &v.Published, &v.Suppression); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		res.OpenData = append(res.OpenData, v)
		return nil
	})
	// The SO's cell (action "") first, then its actions in code order.
	slices.SortStableFunc(res.OpenData, func(a, b metrics.OpenDataCell) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(a.SO, b.SO), metrics.CompareIndicatorCodes(a.Indicator, b.Indicator),
			strings.Compare(a.Action, b.Action))
	})
	return err
}
