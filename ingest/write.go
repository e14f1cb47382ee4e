package ingest

import (
	"time"

	"mittari/domain"
	"mittari/warehouse"
)

// tableWriter collects one run's rows per table and writes each table's partition at the end,
// so that a run that fails half-way has committed nothing (its runs row is written last).
type tableWriter struct {
	root, run  string
	at         time.Time
	fileRows   []warehouse.FileRow
	versionRow []warehouse.ReportVersionRow
	reportRows []warehouse.ReportRow
	quarantine []warehouse.FindingRow
	warnings   []warehouse.FindingRow
	projRows   []warehouse.ProjectRow
	targetRows []warehouse.ProjectTargetRow
}

func (w *tableWriter) files(results []fileResult) {
	for _, r := range results {
		if r.revalidated {
			continue
		}
		w.fileRows = append(w.fileRows, warehouse.FileRow{SHA256: r.SHA256, Path: r.Path, Size: r.Size, Format: r.Format,
			IngestedAt: w.at, ReportsAccepted: int32(len(r.accepted)), ReportsRejected: int32(r.rejected), Outcome: r.Outcome})
	}
}

func (w *tableWriter) versions(rs []received) {
	for _, r := range rs {
		v := r.version
		w.versionRow = append(w.versionRow, warehouse.ReportVersionRow{
			VersionHash: v.Hash, ProjectID: v.Key.ProjectID, PeriodStart: int32(v.Key.PeriodStart), PeriodEnd: int32(v.Key.PeriodEnd),
			SubmittedAt: v.SubmittedAt.UTC(), SubmittedAtText: r.subText, FileSHA256: r.fileHash, SourceFile: r.file,
			Place: r.report.Place.String(), IngestedAt: w.at, Items: int32(len(r.report.Items)),
		})
		for _, it := range r.report.Items {
			row := warehouse.ReportRow{VersionHash: v.Hash, ProjectID: v.Key.ProjectID, PeriodStart: int32(v.Key.PeriodStart),
				PeriodEnd: int32(v.Key.PeriodEnd), SubmittedAt: v.SubmittedAt.UTC(), Item: it.Item, SourceFile: r.file,
				Place: it.Place.String(), FileSHA256: r.fileHash, IngestedAt: w.at}
			if it.Item == domain.ExpenditureItem {
				c := int64(it.Amount)
				row.AmountCents = &c
			} else {
				n := it.Value
				row.Value = &n
			}
			w.reportRows = append(w.reportRows, row)
		}
	}
}

func (w *tableWriter) findingRows(fileHash string, fs []domain.Finding, r *received) []warehouse.FindingRow {
	var out []warehouse.FindingRow
	for _, f := range fs {
		row := warehouse.FindingRow{FileSHA256: fileHash, SourceFile: f.Place.File, Report: f.Report, Rule: f.Rule,
			Severity: string(f.Severity), Place: f.Place.String(), Value: f.Value, Message: f.Message, IngestedAt: w.at}
		if r != nil {
			row.VersionHash = r.version.Hash
		}
		out = append(out, row)
	}
	return out
}

func (w *tableWriter) findings(table, fileHash string, fs []domain.Finding, r *received) {
	rows := w.findingRows(fileHash, fs, r)
	if table == warehouse.TableQuarantine {
		w.quarantine = append(w.quarantine, rows...)
	} else {
		w.warnings = append(w.warnings, rows...)
	}
}

func (w *tableWriter) registerFindings(reg *Register, errors, warnings []domain.Finding) {
	hash := func(f domain.Finding) string {
		if f.Place.File == TargetsFile {
			return reg.TargetsSHA256
		}
		return reg.ProjectsSHA256
	}
	for _, f := range errors {
		w.quarantine = append(w.quarantine, w.findingRows(hash(f), []domain.Finding{f}, nil)...)
	}
	for _, f := range warnings {
		w.warnings = append(w.warnings, w.findingRows(hash(f), []domain.Finding{f}, nil)...)
	}
}

func (w *tableWriter) registerFile(name, sha string) {
	w.fileRows = append(w.fileRows, warehouse.FileRow{SHA256: sha, Path: name, Format: "csv", IngestedAt: w.at, Outcome: OutcomeRegister})
}

func (w *tableWriter) projects(reg *Register) {
	w.registerFile(ProjectsFile, reg.ProjectsSHA256)
	for _, p := range reg.Projects {
		w.projRows = append(w.projRows, warehouse.ProjectRow{ProjectID: p.ID, Title: p.Title, Beneficiary: p.Beneficiary,
			BeneficiaryType: string(p.BeneficiaryType), Action: p.Action, StartDate: int32(p.Start), EndDate: int32(p.End),
			EligibleCostCents: int64(p.EligibleCost), EUContribCents: int64(p.EUContribution), Status: string(p.Status),
			SelectedOn: int32(p.SelectedOn), RegisterSHA256: reg.ProjectsSHA256, IngestedAt: w.at})
	}
}

func (w *tableWriter) targets(reg *Register) {
	w.registerFile(TargetsFile, reg.TargetsSHA256)
	for _, t := range reg.Targets {
		w.targetRows = append(w.targetRows, warehouse.ProjectTargetRow{ProjectID: t.ProjectID, Indicator: t.Indicator,
			Target: t.Value, TargetsSHA256: reg.TargetsSHA256, IngestedAt: w.at})
	}
}

// flush writes every non-empty table; it reports whether anything was written.
func (w *tableWriter) flush() (bool, error) {
	wrote := false
	write := func(n int, fn func() error) error {
		if n == 0 {
			return nil
		}
		wrote = true
		return fn()
	}
	steps := []struct {
		n  int
		fn func() error
	}{
		{len(w.fileRows), func() error { return warehouse.WriteTable(w.root, warehouse.TableFiles, w.run, w.fileRows) }},
		{len(w.versionRow), func() error { return warehouse.WriteTable(w.root, warehouse.TableReportVersions, w.run, w.versionRow) }},
		{len(w.reportRows), func() error { return warehouse.WriteTable(w.root, warehouse.TableReportRows, w.run, w.reportRows) }},
		{len(w.quarantine), func() error { return warehouse.WriteTable(w.root, warehouse.TableQuarantine, w.run, w.quarantine) }},
		{len(w.warnings), func() error { return warehouse.WriteTable(w.root, warehouse.TableWarnings, w.run, w.warnings) }},
		{len(w.projRows), func() error { return warehouse.WriteTable(w.root, warehouse.TableProjects, w.run, w.projRows) }},
		{len(w.targetRows), func() error { return warehouse.WriteTable(w.root, warehouse.TableProjectTargets, w.run, w.targetRows) }},
	}
	for _, s := range steps {
		if err := write(s.n, s.fn); err != nil {
			return wrote, err
		}
	}
	return wrote, nil
}
