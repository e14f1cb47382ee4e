package transform

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mittari/domain"
	"mittari/internal/testcat"
	"mittari/marts"
	"mittari/metrics"
)

// TestOperationsReadFromMarts: the list of operations the export reads from the marts (package
// marts) holds, row for row and in the same order, what SQL reads from the same files: the
// operations in project order, each with its indicators in the order of their SO and code.
func TestOperationsReadFromMarts(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	ctx := context.Background()
	checked := 0
	for seed := int64(1); seed <= 3; seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		root, dir := t.TempDir(), t.TempDir()
		writeWarehouse(t, root, w.runs)
		if _, err := Run(ctx, Options{Warehouse: root, Catalogue: cat, AsOf: w.runs[len(w.runs)-1].At.Add(time.Hour),
			Cutoffs: cutoffs, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: dir}); err != nil {
			t.Fatal(err)
		}
		db, conn, err := openDuckDB(ctx, 1, "256MB", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		list := filepath.Join(dir, "mart_operations_list.parquet")
		inds := filepath.Join(dir, "mart_operation_indicators.parquet")
		want := queryStrings(t, conn, fmt.Sprintf(`
			SELECT o.cutoff_date, o.project_id, o.title, o.beneficiary, o.beneficiary_published, o.beneficiary_type, o.action,
			       o.so, coalesce(o.status, ''), o.start_date, o.end_date, o.end_date_actual, o.selected_on, o.total_cost_cents,
			       o.eu_contribution_cents, o.cofinancing_rate_tenths, o.fund, o.country, o.location, o.intervention_field,
			       o.type_of_action, o.implementation_modality,
			       coalesce((SELECT string_agg(i.indicator || ' ' || i.target || ' ' || i.achieved_value, ';' ORDER BY i.so, i.indicator)
			                 FROM '%s' i WHERE i.project_id = o.project_id), '')
			FROM '%s' o ORDER BY o.project_id`, inds, list))
		conn.Close()
		db.Close()

		var got []string
		err = marts.Operations{Dir: dir}.Each(func(v *metrics.ListedOperation) error {
			var ind []string
			for _, i := range v.Indicators {
				ind = append(ind, fmt.Sprintf("%s %d %d", i.Indicator, i.Target, i.Achieved))
			}
			rate := "NULL"
			if v.CofinancingRate.Valid {
				rate = fmt.Sprint(v.CofinancingRate.Tenths)
			}
			got = append(got, strings.Join([]string{v.Cutoff.String(), v.ProjectID, v.Title, v.Beneficiary,
				fmt.Sprint(v.BeneficiaryPublished), v.BeneficiaryType, v.Action, fmt.Sprint(int(v.SO)), v.Status,
				v.Start.String(), v.End.String(), fmt.Sprint(v.EndActual), v.SelectedOn.String(), fmt.Sprint(int64(v.TotalCost)),
				fmt.Sprint(int64(v.EUContribution)), rate, v.Fund, v.Country, v.Location, v.Codes[0], v.Codes[1], v.Codes[2],
				strings.Join(ind, ";")}, "|"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("seed %d: no operations listed", seed)
		}
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d operations read, want %d", seed, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("seed %d row %d:\n got %s\nwant %s", seed, i, got[i], want[i])
			}
		}
		checked += len(want)
	}
	t.Logf("%d operations compared", checked)
}
