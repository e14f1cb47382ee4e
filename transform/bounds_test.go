package transform

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"mittari/domain"
	"mittari/internal/testcat"
)

// TestMoneyAtTheBounds: twelve expenditures of the largest amount a report may carry
// (999999999999999.99, fifteen digits before the point) add up to 11999999999999999.88 euros,
// which a DECIMAL(18,*) cast of the marts overflowed; every Commission table holds the exact sum
// and so do the Parquet marts.
func TestMoneyAtTheBounds(t *testing.T) {
	const max = "999999999999999.99"
	p := project("P1", "1A1", "2022-01-01", "2023-12-31", "2022-01-01", domain.StatusOngoing, max, "749999999999999.99")
	p.PrivateContribution = domain.MustEuros(max)
	var reports []domain.Report
	for m := 1; m <= 12; m++ {
		start := domain.NewDate(2022, time.Month(m), 1)
		end := domain.NewDate(2022, time.Month(m)+1, 1) - 1
		reports = append(reports, report("P1", start.String(), end.String(), fmt.Sprintf("2023-01-%02dT10:00:00Z", m), exp(max)))
	}
	root, marts := t.TempDir(), t.TempDir()
	writeWarehouse(t, root, []ingestRun{{ID: "20230201T000000Z", At: ts("2023-02-01T00:00:00Z"), Projects: []domain.Project{p}, Reports: reports}})
	cutoff := domain.Cutoff{Date: domain.MustDate("2022-12-31")}
	res, err := Run(context.Background(), Options{Warehouse: root, Catalogue: testcat.New(t), AsOf: ts("2023-03-01T00:00:00Z"),
		Cutoffs: []domain.Cutoff{cutoff}, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: marts})
	if err != nil {
		t.Fatal(err)
	}
	const sum = "11999999999999999.88"
	found := 0
	for _, v := range res.Financial {
		if v.SO == 1 && (v.SupportType == "project" || v.SupportType == "all") {
			found++
			if v.Declared.String() != sum || v.EligibleCost.String() != max || v.PublicEligibleCost != 0 {
				t.Errorf("SO1 %s: declared %s eligible %s public %s, want %s, %s, 0.00", v.SupportType, v.Declared, v.EligibleCost, v.PublicEligibleCost, sum, max)
			}
		}
	}
	for _, v := range res.ByIntervention {
		if v.Declared.String() != sum {
			t.Errorf("Table 2 %s %s: declared %s, want %s", v.Dimension, v.Code, v.Declared, sum)
		}
	}
	if found != 2 || len(res.ByIntervention) != 3 {
		t.Fatalf("found %d SO1 rows and %d Table 2 rows, want 2 and 3", found, len(res.ByIntervention))
	}
	s := openScenario(t) // any session reads Parquet
	got := queryStrings(t, s.conn, fmt.Sprintf(`SELECT declared_expenditure_eur FROM read_parquet(%s) WHERE so = 1 AND support_type = 'all' AND cutoff_date = '2022-12-31'`,
		sqlString(filepath.Join(marts, "mart_sfc_financial.parquet"))))
	if len(got) != 1 || got[0] != sum {
		t.Errorf("the Parquet mart holds %v, want %s", got, sum)
	}
}
