package transform

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"mittari/domain"
	"mittari/metrics"
)

var (
	qReadIndicators   = sqlQuery("read_indicators")
	qReadFinancial    = sqlQuery("read_financial")
	qReadBreakdowns   = sqlQuery("read_breakdowns")
	qReadConsistency  = sqlQuery("read_consistency")
	qReadProjections  = sqlQuery("read_projections")
	qReadCompleteness = sqlQuery("read_completeness")
	qReadAchievement  = sqlQuery("read_achievement")
	qReadAbsorption   = sqlQuery("read_absorption")
)

func cutoffOf(t time.Time) domain.Cutoff { return domain.Cutoff{Date: domain.DateOf(t.UTC())} }

func nullable(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func nullableFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

func readIndicators(ctx context.Context, conn *sql.Conn) ([]metrics.IndicatorValue, error) {
	var out []metrics.IndicatorValue
	err := query(ctx, conn, qReadIndicators, func(r *sql.Rows) error {
		var v metrics.IndicatorValue
		var c time.Time
		var kind string
		var milestone, target sql.NullInt64
		if err := r.Scan(&c, &v.SO, &v.Indicator, &kind, &v.Unit, &v.Selected, &v.Achieved, &milestone, &target); err != nil {
			return err
		}
		v.Cutoff, v.Kind, v.Milestone2024, v.Target2029 = cutoffOf(c), domain.IndicatorKind(kind), nullable(milestone), nullable(target)
		out = append(out, v)
		return nil
	})
	metrics.SortIndicators(out)
	return out, err
}

func readFinancial(ctx context.Context, conn *sql.Conn) ([]metrics.FinancialValue, error) {
	var out []metrics.FinancialValue
	err := query(ctx, conn, qReadFinancial, func(r *sql.Rows) error {
		var v metrics.FinancialValue
		var c time.Time
		var eligible, eu, declared, allocation int64
		if err := r.Scan(&c, &v.SO, &v.SupportType, &v.SelectedOperations, &eligible, &eu, &declared, &allocation); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.EligibleCost, v.EUContribution, v.Declared, v.Allocation =
			domain.Cents(eligible), domain.Cents(eu), domain.Cents(declared), domain.Cents(allocation)
		out = append(out, v)
		return nil
	})
	metrics.SortFinancial(out)
	return out, err
}

// readExtensions fills everything beyond the two Commission tables, for the requested cut-offs.
// Breakdowns by project stay in the mart (MartsDir): at every cut-off they would outnumber
// everything else Results holds together.
func readExtensions(ctx context.Context, conn *sql.Conn, res *metrics.Results) error {
	err := query(ctx, conn, qReadBreakdowns, func(r *sql.Rows) error {
		var v metrics.IndicatorBreakdown
		var c time.Time
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Dimension, &v.Member, &v.Selected, &v.Achieved); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		res.Breakdowns = append(res.Breakdowns, v)
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(res.Breakdowns, func(i, j int) bool {
		a, b := res.Breakdowns[i], res.Breakdowns[j]
		if a.Cutoff != b.Cutoff || a.SO != b.SO {
			return a.Cutoff.Date < b.Cutoff.Date || (a.Cutoff == b.Cutoff && a.SO < b.SO)
		}
		return metrics.CompareIndicatorCodes(a.Indicator, b.Indicator) < 0
	})

	err = query(ctx, conn, qReadConsistency, func(r *sql.Rows) error {
		var v metrics.ConsistencyFinding
		var c time.Time
		var severity string
		if err := r.Scan(&c, &v.Rule, &severity, &v.Lesser, &v.Greater, &v.Basis, &v.LesserValue, &v.GreaterValue); err != nil {
			return err
		}
		v.Cutoff, v.Severity = cutoffOf(c), domain.Severity(severity)
		v.Message = fmt.Sprintf("programme level, %s values at %s: %s = %d exceeds %s = %d",
			v.Basis, v.Cutoff, v.Lesser, v.LesserValue, v.Greater, v.GreaterValue)
		res.Consistency = append(res.Consistency, v)
		return nil
	})
	if err != nil {
		return err
	}

	err = query(ctx, conn, qReadProjections, func(r *sql.Rows) error {
		var v metrics.Projection
		var c, base time.Time
		var target sql.NullInt64
		var change int64
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Achieved, &v.Projected, &target, &base, &change); err != nil {
			return err
		}
		v.Cutoff, v.Target2029 = cutoffOf(c), nullable(target)
		v.OnTrack = v.Target2029 != nil && v.Projected >= *v.Target2029
		v.Method = ProjectionMethod
		v.Explanation = explainProjection(v, domain.DateOf(base.UTC()), change)
		res.Projections = append(res.Projections, v)
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(res.Projections, func(i, j int) bool {
		a, b := res.Projections[i], res.Projections[j]
		if a.Cutoff != b.Cutoff || a.SO != b.SO {
			return a.Cutoff.Date < b.Cutoff.Date || (a.Cutoff == b.Cutoff && a.SO < b.SO)
		}
		return metrics.CompareIndicatorCodes(a.Indicator, b.Indicator) < 0
	})

	err = query(ctx, conn, qReadCompleteness, func(r *sql.Rows) error {
		var v metrics.Completeness
		var c time.Time
		var missing any
		if err := r.Scan(&c, &v.SO, &v.Expected, &v.Received, &v.Late, &missing); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		list, _ := missing.([]any)
		for _, m := range list {
			if s, ok := m.(string); ok {
				v.Missing = append(v.Missing, s)
			}
		}
		res.Completeness = append(res.Completeness, v)
		return nil
	})
	if err != nil {
		return err
	}

	err = query(ctx, conn, qReadAchievement, func(r *sql.Rows) error {
		var v metrics.Achievement
		var c time.Time
		var milestone, target sql.NullInt64
		var ofMilestone, ofTarget, selOfTarget sql.NullFloat64
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Selected, &v.Achieved, &milestone, &target,
			&ofMilestone, &ofTarget, &selOfTarget); err != nil {
			return err
		}
		v.Cutoff, v.Milestone2024, v.Target2029 = cutoffOf(c), nullable(milestone), nullable(target)
		v.AchievedOfMilestone, v.AchievedOfTarget, v.SelectedOfTarget =
			nullableFloat(ofMilestone), nullableFloat(ofTarget), nullableFloat(selOfTarget)
		res.Achievements = append(res.Achievements, v)
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(res.Achievements, func(i, j int) bool {
		a, b := res.Achievements[i], res.Achievements[j]
		if a.Cutoff != b.Cutoff || a.SO != b.SO {
			return a.Cutoff.Date < b.Cutoff.Date || (a.Cutoff == b.Cutoff && a.SO < b.SO)
		}
		return metrics.CompareIndicatorCodes(a.Indicator, b.Indicator) < 0
	})

	return query(ctx, conn, qReadAbsorption, func(r *sql.Rows) error {
		var v metrics.Absorption
		var c time.Time
		var allocation, eu, declared int64
		var declaredPPM, euPPM sql.NullInt64
		if err := r.Scan(&c, &v.SO, &v.SupportType, &allocation, &eu, &declared, &declaredPPM, &euPPM); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.Allocation, v.EUContribution, v.Declared = domain.Cents(allocation), domain.Cents(eu), domain.Cents(declared)
		v.DeclaredOfAllocation, v.EUContributionOfAllocation = ppmRatio(declaredPPM), ppmRatio(euPPM)
		res.Absorption = append(res.Absorption, v)
		return nil
	})
}

// ppmRatio turns an exact ratio in parts per million into the float the result type carries.
func ppmRatio(n sql.NullInt64) *float64 {
	if !n.Valid {
		return nil
	}
	v := float64(n.Int64) / 1e6
	return &v
}

// ProjectionMethod describes how mart_projections extrapolates, for the reader of a projection.
const ProjectionMethod = "linear at the pace of the last 12 months: the change in the cumulative achieved value " +
	"since the same cut-off a year earlier (or since the programme start, 2021-01-01, when there was none) " +
	"continued to 2029-12-31, rounded toward zero"

func explainProjection(p metrics.Projection, base domain.Date, change int64) string {
	s := fmt.Sprintf("%s: %d achieved at %s, %+d since %s; at that pace %d by %s", p.Indicator, p.Achieved,
		p.Cutoff, change, base, p.Projected, Horizon)
	switch {
	case p.Target2029 == nil:
		return s + "; the catalogue has no 2029 target."
	case p.OnTrack:
		return s + fmt.Sprintf(", which meets the 2029 target of %d.", *p.Target2029)
	default:
		return s + fmt.Sprintf(", short of the 2029 target of %d by %d.", *p.Target2029, *p.Target2029-p.Projected)
	}
}
