package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"mittari/catalogue"
	"mittari/gen"
	"mittari/internal/oracle"
	"mittari/metrics"
)

// TestGeneratedInboxesAgreeWithOracle writes random inboxes as files (all formats, corrections,
// invalid reports, duplicate files, cancelled projects, late selections, cross-SO indicators,
// reports after the earlier cut-offs), runs the whole pipeline on them — readers, validation,
// warehouse, DuckDB — and requires both Commission tables to equal, to the unit and the cent, the
// plain-Go oracle computed from what the generator meant to write.
func TestGeneratedInboxesAgreeWithOracle(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			inbox := filepath.Join(t.TempDir(), "inbox")
			_, truth, err := gen.GenerateWithTruth(cat, gen.Options{
				Programmes: 1, Projects: 40, Years: 4, Seed: seed, Out: inbox, KeepTruth: true,
				InvalidShare: 0.05, CorrectionShare: 0.15, DuplicateShare: 0.2, ReportsPerFile: 12,
			})
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), Options{Inbox: inbox, Out: t.TempDir(), Catalogue: cat,
				Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			want := oracle.Compute(oracle.Input{Catalogue: cat, Projects: truth.Projects,
				Targets: truth.Targets, Reports: truth.Reports, Cutoffs: res.Results.Cutoffs})
			compareTables(t, res.Results, want.Indicators, want.Financial)
			if err := metrics.Table2AddsUp(res.Results.Financial, res.Results.ByIntervention); err != nil {
				t.Error(err)
			}
		})
	}
}

func compareTables(t *testing.T, got *metrics.Results, wantInd []metrics.IndicatorValue, wantFin []metrics.FinancialValue) {
	t.Helper()
	type ik struct {
		c, ind string
	}
	gi := map[ik]metrics.IndicatorValue{}
	for _, v := range got.Indicators {
		gi[ik{v.Cutoff.String(), v.Indicator}] = v
	}
	if len(gi) != len(wantInd) {
		t.Errorf("%d indicator rows, the oracle has %d", len(gi), len(wantInd))
	}
	bad := 0
	for _, w := range wantInd {
		g, ok := gi[ik{w.Cutoff.String(), w.Indicator}]
		if !ok || g.SO != w.SO || g.Selected != w.Selected || g.Achieved != w.Achieved {
			if bad++; bad <= 10 {
				t.Errorf("%s %s: pipeline SO%d selected %d achieved %d; oracle SO%d selected %d achieved %d",
					w.Cutoff, w.Indicator, g.SO, g.Selected, g.Achieved, w.SO, w.Selected, w.Achieved)
			}
		}
	}
	type fk struct {
		c  string
		so int
		st string
	}
	gf := map[fk]metrics.FinancialValue{}
	for _, v := range got.Financial {
		gf[fk{v.Cutoff.String(), int(v.SO), v.SupportType}] = v
	}
	if len(gf) != len(wantFin) {
		t.Errorf("%d financial rows, the oracle has %d", len(gf), len(wantFin))
	}
	for _, w := range wantFin {
		g := gf[fk{w.Cutoff.String(), int(w.SO), w.SupportType}]
		if g.SelectedOperations != w.SelectedOperations || g.EligibleCost != w.EligibleCost ||
			g.EUContribution != w.EUContribution || g.Declared != w.Declared || g.Allocation != w.Allocation {
			if bad++; bad <= 20 {
				t.Errorf("%s SO%d %s: pipeline %d ops %s / %s / %s / %s; oracle %d ops %s / %s / %s / %s",
					w.Cutoff, w.SO, w.SupportType, g.SelectedOperations, g.EligibleCost, g.EUContribution, g.Declared, g.Allocation,
					w.SelectedOperations, w.EligibleCost, w.EUContribution, w.Declared, w.Allocation)
			}
		}
	}
}
