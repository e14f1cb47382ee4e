package transform

import (
	"sync/atomic"
	"testing"
	"time"

	"mittari/domain"
	"mittari/warehouse"
)

// ingestRun is what one run of ingest wrote: optionally a new register and targets snapshot,
// and the report versions it accepted.
type ingestRun struct {
	ID       string
	At       time.Time // ingested_at of its rows; the run finishes a minute later
	Projects []domain.Project
	Targets  []domain.Target
	Reports  []domain.Report
	// Quarantine and Files are the run's rows of those tables (ingested_at is set to At).
	Quarantine []warehouse.FindingRow
	Files      []warehouse.FileRow
	Uncommited bool // leave the run without its runs row, as a crashed run would
}

// nextVersionID numbers the versions fixtures write, unique across every warehouse of the test
// binary (ingest numbers them from the warehouse's largest; uniqueness is what readers rely on).
var nextVersionID atomic.Int64

// writeWarehouse writes runs with the warehouse package as ingest would.
func writeWarehouse(t testing.TB, root string, runs []ingestRun) {
	t.Helper()
	for _, r := range runs {
		var projects []warehouse.ProjectRow
		for _, p := range r.Projects {
			projects = append(projects, warehouse.ProjectRow{ProjectID: p.ID, Title: p.Title, Beneficiary: p.Beneficiary,
				BeneficiaryType: string(p.BeneficiaryType), Action: p.Action, StartDate: int32(p.Start), EndDate: int32(p.End),
				EligibleCostCents: int64(p.EligibleCost), EUContribCents: int64(p.EUContribution), Status: string(p.Status),
				SelectedOn: int32(p.SelectedOn), RegisterSHA256: "reg-" + r.ID, IngestedAt: r.At,
				PrivateContribCents: int64(p.PrivateContribution), InterventionField: p.Interventions[0],
				TypeOfAction: p.Interventions[1], ImplementationModality: p.Interventions[2]})
		}
		var targets []warehouse.ProjectTargetRow
		for _, tg := range r.Targets {
			targets = append(targets, warehouse.ProjectTargetRow{ProjectID: tg.ProjectID, Indicator: tg.Indicator,
				Target: tg.Value, TargetsSHA256: "tgt-" + r.ID, IngestedAt: r.At})
		}
		var versions []warehouse.ReportVersionRow
		var rows []warehouse.ReportRow
		fileSHA := "file-" + r.ID
		for i, rep := range r.Reports {
			h := rep.ContentHash()
			id := nextVersionID.Add(1)
			versions = append(versions, warehouse.ReportVersionRow{VersionID: id, VersionHash: h, ProjectID: rep.Key.ProjectID,
				PeriodStart: int32(rep.Key.PeriodStart), PeriodEnd: int32(rep.Key.PeriodEnd), SubmittedAt: rep.SubmittedAt,
				SubmittedAtText: rep.SubmittedAt.Format(time.RFC3339), FileSHA256: fileSHA, SourceFile: "reports/" + r.ID + ".csv",
				Place: "line " + string(rune('0'+i%10)), IngestedAt: r.At, Items: int32(len(rep.Items))})
			for _, it := range rep.Items {
				row := warehouse.ReportRow{VersionID: id, Item: it.Item}
				if it.Item == domain.ExpenditureItem {
					c := int64(it.Amount)
					row.AmountCents = &c
				} else {
					v := it.Value
					row.Value = &v
				}
				rows = append(rows, row)
			}
		}
		must(t, warehouse.WriteTable(root, warehouse.TableProjects, r.ID, projects))
		must(t, warehouse.WriteTable(root, warehouse.TableProjectTargets, r.ID, targets))
		must(t, warehouse.WriteTable(root, warehouse.TableReportVersions, r.ID, versions))
		must(t, warehouse.WriteTable(root, warehouse.TableReportRows, r.ID, rows))
		for i := range r.Quarantine {
			r.Quarantine[i].IngestedAt = r.At
		}
		for i := range r.Files {
			r.Files[i].IngestedAt = r.At
		}
		must(t, warehouse.WriteTable(root, warehouse.TableQuarantine, r.ID, r.Quarantine))
		must(t, warehouse.WriteTable(root, warehouse.TableFiles, r.ID, r.Files))
		if !r.Uncommited {
			must(t, warehouse.CommitRun(root, r.ID, warehouse.RunRow{StartedAt: r.At, FinishedAt: r.At.Add(time.Minute),
				CatalogueSHA256: "test", CodeVersion: "test", ReportsAccepted: int32(len(r.Reports))}))
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr64(v int64) *int64 { return &v }

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func report(project, start, end, submitted string, items ...domain.ReportItem) domain.Report {
	return domain.Report{Key: domain.ReportKey{ProjectID: project, PeriodStart: domain.MustDate(start),
		PeriodEnd: domain.MustDate(end)}, SubmittedAt: ts(submitted), Items: items}
}

func ind(code string, v int64) domain.ReportItem { return domain.ReportItem{Item: code, Value: v} }

func exp(eur string) domain.ReportItem {
	return domain.ReportItem{Item: domain.ExpenditureItem, Amount: domain.MustEuros(eur)}
}

func project(id, action, start, end, selectedOn string, status domain.ProjectStatus, eligible, eu string) domain.Project {
	return domain.Project{ID: id, Action: action, BeneficiaryType: "ngo", Start: domain.MustDate(start), End: domain.MustDate(end),
		SelectedOn: domain.MustDate(selectedOn), Status: status, EligibleCost: domain.MustEuros(eligible),
		EUContribution: domain.MustEuros(eu)}
}
