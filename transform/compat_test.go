package transform

import (
	"context"
	"testing"
	"time"

	"mittari/domain"
	"mittari/internal/testcat"
	"mittari/warehouse"
)

// registerRowBeforeV2 is a register row as ingest wrote it before the register had private
// contributions and Annex VI codes.
type registerRowBeforeV2 struct {
	ProjectID         string    `parquet:"project_id,plain"`
	BeneficiaryType   string    `parquet:"beneficiary_type,dict"`
	Action            string    `parquet:"action,dict"`
	StartDate         int32     `parquet:"start_date,date"`
	EndDate           int32     `parquet:"end_date,date"`
	EligibleCostCents int64     `parquet:"eligible_cost_cents"`
	EUContribCents    int64     `parquet:"eu_contribution_cents"`
	Status            string    `parquet:"status,dict"`
	SelectedOn        int32     `parquet:"selected_on,date"`
	RegisterSHA256    string    `parquet:"register_sha256,dict"`
	IngestedAt        time.Time `parquet:"ingested_at,timestamp(microsecond)"`
}

// TestRegisterWrittenBeforeV2: a warehouse whose register snapshot predates the optional
// columns still computes: no private contribution (public = eligible) and the action's codes.
func TestRegisterWrittenBeforeV2(t *testing.T) {
	root := t.TempDir()
	at := ts("2023-01-01T00:00:00Z")
	must(t, warehouse.WriteTable(root, warehouse.TableProjects, "r1", []registerRowBeforeV2{{ProjectID: "P1", Action: "1A1",
		BeneficiaryType: "ngo", StartDate: int32(domain.MustDate("2022-01-01")), EndDate: int32(domain.MustDate("2023-12-31")),
		EligibleCostCents: 1000, EUContribCents: 750, Status: "ongoing", SelectedOn: int32(domain.MustDate("2022-01-01")),
		RegisterSHA256: "x", IngestedAt: at}}))
	must(t, warehouse.CommitRun(root, "r1", warehouse.RunRow{StartedAt: at, FinishedAt: at}))
	res, err := Run(context.Background(), Options{Warehouse: root, Catalogue: testcat.New(t), AsOf: ts("2023-02-01T00:00:00Z"),
		Cutoffs: []domain.Cutoff{{Date: domain.MustDate("2022-12-31")}}, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range res.Financial {
		if v.SO == 1 && v.SupportType == "all" {
			found = v.SelectedOperations == 1 && v.PublicEligibleCost == 1000
		}
	}
	codes := 0
	for _, v := range res.ByIntervention {
		if v.SO == 1 && v.SelectedOperations == 1 {
			codes++
		}
	}
	if !found || codes != 3 {
		t.Errorf("the old snapshot gave %+v and %d Table 2 rows of its operation, want it counted with public 10.00 under 1A1's three codes", res.Financial, codes)
	}
}
