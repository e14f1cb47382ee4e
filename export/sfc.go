package export

import (
	"cmp"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// Meta is what a manifest says about where the figures come from. None of it is the wall clock
// of the export: the same data give byte-identical exports.
type Meta struct {
	// CatalogueSHA256 identifies the catalogue the figures were computed with; empty means the
	// catalogue's own Hash.
	CatalogueSHA256 string
	// CodeVersion is the version of Mittari that computed them (e.g. a git describe).
	CodeVersion string
	// DataAsOf is the id of the latest warehouse run whose data the figures reflect, and
	// DataAsOfTime when that run started: the workbooks' creation time.
	DataAsOf     string
	DataAsOfTime time.Time
	// Operations is the list of operations (CPR Art 49(3)), which WriteOperations reads an
	// operation at a time; nil is an empty list.
	Operations metrics.OperationList
	// Carry, if set, lets the export take over what the published outputs hold from the same
	// inputs, and records the inputs of what it writes (carry.go).
	Carry *Carry
}

func (m Meta) catalogueHash(cat *catalogue.Catalogue) string {
	if m.CatalogueSHA256 == "" && cat != nil {
		return cat.Hash
	}
	return m.CatalogueSHA256
}

// SFCManifest is manifest.json of one Art 42 transmission folder.
type SFCManifest struct {
	Version            string `json:"version"`
	CutoffDate         string `json:"cutoff_date"`
	IndicatorsIncluded bool   `json:"indicators_included"`
	Provenance
}

// The tables of an Art 42 transmission. Column names are the interface contract's; titles follow
// the wording of CPR Annex VII (as remembered: the official text could not be read here); from
// names the mart column (LINEAGE.md).
var (
	sfcIndicatorDef = tableDef{name: "indicators", path: "exports/sfc/<version>/indicators.csv", mart: "mart_sfc_indicators", columns: []column{
		colVersion,
		colCutoff,
		colSO,
		colIndicator,
		{name: "name_en", title: "Indicator", from: "catalogue: indicators.csv name_en", xlsxOnly: true},
		colIndicatorNameSV,
		colKind,
		colUnit,
		{name: "selected_value", title: "Value for selected operations", from: "selected_value"},
		{name: "achieved_value", title: "Value achieved by operations", from: "achieved_value"},
		colMilestone,
		colTarget,
	}}
	sfcFinancialDef = tableDef{name: "financial", path: "exports/sfc/<version>/financial.csv", mart: "mart_sfc_financial", columns: []column{
		colVersion,
		colCutoff,
		colSOCode,
		{name: "so_name", title: "Specific objective (name)", from: "catalogue: specific_objectives.csv name_en", xlsxOnly: true},
		colSupportType,
		colOperations,
		colEligible,
		colEU,
		colDeclared,
		colAllocation,
		colPublic,
		colTotalAllocation,
		{name: "cofinancing_rate_pct", title: "Co-financing rate (%)", from: "cofinancing_rate_pct"},
		{name: "selected_pct_of_allocation", title: "Proportion of the total financial allocation covered by selected operations (%)", from: "selected_pct_of_allocation"},
		{name: "declared_pct_of_allocation", title: "Proportion of the total financial allocation covered by eligible expenditure declared by beneficiaries (%)", from: "declared_pct_of_allocation"},
		{name: "plan_basis", title: "Basis of the financial plan's values (derived, assumed, adopted)", from: "plan_basis"},
	}}
	sfcInterventionDef = tableDef{name: "financial_by_intervention", path: "exports/sfc/<version>/financial_by_intervention.csv",
		mart: "mart_sfc_financial_by_intervention", columns: []column{
			colVersion,
			colCutoff,
			colSO,
			{name: "dimension", title: "Dimension", from: "dimension"},
			{name: "code", title: "Code", from: "code"},
			{name: "name_en", title: "Code (name)", from: "name_en", xlsxOnly: true},
			{name: "name_sv", title: "Kod (namn på svenska)", from: "name_sv", xlsxOnly: true},
			colOperations,
			colEligible,
			colPublic,
			colEU,
			colDeclared,
			{name: "code_status", title: "Code read in the Regulation's text (verified, unverified, local)", from: "code_status"},
		}}
)

// WriteSFC writes exports/sfc/<version>/ under outDir for every cut-off in res: financial.csv,
// financial_by_intervention.csv and their workbooks always, indicators.csv and .xlsx for the
// June and December cut-offs, and manifest.json. Folders an earlier run named the old way
// (before SFC2021 versions) are then removed. It returns the folders written, oldest first.
func WriteSFC(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteSFC"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	var written []string
	for _, c := range sortedCutoffs(res.Cutoffs) {
		dst := filepath.Join(outDir, "exports", "sfc", c.Version())
		fin := financialAt(c, res.Financial)
		if err := checkTables(c, indicatorsAt(c, res.Indicators), fin, cat); err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		if err := checkInterventions(c, fin, interventionsAt(c, res.ByIntervention)); err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		files, err := sfcFiles(c, res, cat, meta)
		if err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		if err := writeFolder(dst, files); err != nil {
			return written, err
		}
		written = append(written, dst)
	}
	// Only once every folder of this run is in place: a run that fails half-way leaves the old
	// folders it has not replaced yet.
	return written, removeMisnamed(filepath.Join(outDir, "exports", "sfc"))
}

func sfcFiles(c domain.Cutoff, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]file, error) {
	fin := sfcFinancialTable(c, res.Financial, cat)
	byCode, unverified := sfcInterventionTable(c, res.ByIntervention, cat)
	tables := []struct {
		t     table
		notes []string
	}{
		{fin, planNotes(res)},
		{byCode, codeNotes(unverified, cat)},
	}
	if c.HasIndicators() {
		var notes []string
		if res.GoalsIllustrative {
			notes = []string{res.GoalsNote}
		}
		tables = append(tables, struct {
			t     table
			notes []string
		}{sfcIndicatorTable(c, res.Indicators, cat), notes})
	}
	var files []file
	for _, t := range tables {
		csvData, err := t.t.csvBytes()
		if err != nil {
			return nil, err
		}
		xlsxData, err := meta.xlsx(path.Join("exports", "sfc", c.Version(), t.t.name+".xlsx"), t.t.name+" "+c.Version(), t.notes, t.t)
		if err != nil {
			return nil, err
		}
		files = append(files,
			file{name: t.t.name + ".csv", data: csvData, rows: len(t.t.rows)},
			file{name: t.t.name + ".xlsx", data: xlsxData, rows: len(t.t.rows)})
	}
	return withManifest(files, res, meta.catalogueHash(cat), meta, unverified, func(p Provenance) any {
		return SFCManifest{Version: c.Version(), CutoffDate: c.String(), IndicatorsIncluded: c.HasIndicators(), Provenance: p}
	})
}

// planNotes repeat the financial plan's status wherever the plan is shown.
func planNotes(res *metrics.Results) []string {
	if !res.PlanDerived {
		return nil
	}
	return []string{"Financial plan: " + res.PlanNote,
		"The plan_basis column says, row by row, which values are derived or assumed (data/programme/financial_plan.csv)."}
}

// codeNotes name the Annex VI codes of a table that were not read in an official text.
func codeNotes(unverified []string, cat *catalogue.Catalogue) []string {
	if len(unverified) == 0 {
		return nil
	}
	notes := []string{"UNVERIFIED codes used here: " + strings.Join(unverified, ", ") +
		". They could not be read in the official text of Regulation (EU) 2021/1147 Annex VI; check them before sending (code_status column)."}
	if cat != nil && cat.CodesNote != "" {
		notes = append(notes, "Annex VI codes: "+cat.CodesNote)
	}
	if cat != nil && cat.DefaultsNote != "" {
		notes = append(notes, "Default codes of the actions: "+cat.DefaultsNote)
	}
	return notes
}

func indicatorNames(cat *catalogue.Catalogue, code string) (string, string) {
	if cat == nil {
		return "", ""
	}
	ind, _ := cat.Indicator(code)
	return ind.NameEN, ind.NameSV
}

func sfcIndicatorTable(c domain.Cutoff, all []metrics.IndicatorValue, cat *catalogue.Catalogue) table {
	rows := indicatorsAt(c, all)
	t := table{tableDef: sfcIndicatorDef}
	for _, v := range rows {
		en, sv := indicatorNames(cat, v.Indicator)
		t.rows = append(t.rows, []cell{
			text(c.Version()), date(c.Date), integer(int64(v.SO)), text(v.Indicator), text(en), text(sv),
			text(string(v.Kind)), text(v.Unit), integer(v.Selected), integer(v.Achieved),
			optionalInt(v.Milestone2024), optionalInt(v.Target2029),
		})
	}
	return t
}

func soName(cat *catalogue.Catalogue, so domain.SO) string {
	if so == 0 {
		return "Technical assistance"
	}
	if cat != nil {
		for _, s := range cat.SOs {
			if s.SO == so {
				return s.NameEN
			}
		}
	}
	return ""
}

func sfcFinancialTable(c domain.Cutoff, all []metrics.FinancialValue, cat *catalogue.Catalogue) table {
	t := table{tableDef: sfcFinancialDef}
	for _, v := range financialAt(c, all) {
		t.rows = append(t.rows, []cell{
			text(c.Version()), date(c.Date), text(v.SOCode()), text(soName(cat, v.SO)), text(v.SupportType),
			integer(v.SelectedOperations), money(v.EligibleCost), money(v.EUContribution),
			money(v.Declared), money(v.Allocation), money(v.PublicEligibleCost), money(v.TotalAllocation),
			pct(v.CofinancingRate), pct(v.SelectedOfAllocation), pct(v.DeclaredOfAllocation), text(v.PlanBasis),
		})
	}
	return t
}

// sfcInterventionTable is Table 2; it also returns the codes it uses that are not verified
// ("dimension code"), which the manifest and the workbook's notes name.
func sfcInterventionTable(c domain.Cutoff, all []metrics.InterventionValue, cat *catalogue.Catalogue) (table, []string) {
	t := table{tableDef: sfcInterventionDef}
	var unverified []string
	for _, v := range interventionsAt(c, all) {
		status, en, sv := "unknown", "", ""
		if cat != nil {
			if ic, ok := cat.InterventionCode(v.Dimension, v.Code); ok {
				status, en, sv = ic.Status, ic.NameEN, ic.NameSV
			}
		}
		if status != catalogue.CodeVerified {
			if u := v.Dimension + " " + v.Code; !slices.Contains(unverified, u) {
				unverified = append(unverified, u)
			}
		}
		t.rows = append(t.rows, []cell{
			text(c.Version()), date(c.Date), integer(int64(v.SO)), text(v.Dimension), text(v.Code), text(en), text(sv),
			integer(v.SelectedOperations), money(v.EligibleCost), money(v.PublicEligibleCost),
			money(v.EUContribution), money(v.Declared), text(status),
		})
	}
	slices.Sort(unverified)
	return t, unverified
}

// rowsAt selects the rows of one cut-off and sorts them as the table lists them.
func rowsAt[T any](c domain.Cutoff, all []T, cutoff func(T) domain.Cutoff, sort func([]T)) []T {
	var out []T
	for _, v := range all {
		if cutoff(v) == c {
			out = append(out, v)
		}
	}
	sort(out)
	return out
}

// indicatorsAt selects the indicator rows of one cut-off, sorted by SO and indicator.
func indicatorsAt(c domain.Cutoff, all []metrics.IndicatorValue) []metrics.IndicatorValue {
	return rowsAt(c, all, func(v metrics.IndicatorValue) domain.Cutoff { return v.Cutoff }, metrics.SortIndicators)
}

// financialAt selects the financial rows of one cut-off, sorted by SO and support type.
func financialAt(c domain.Cutoff, all []metrics.FinancialValue) []metrics.FinancialValue {
	return rowsAt(c, all, func(v metrics.FinancialValue) domain.Cutoff { return v.Cutoff }, metrics.SortFinancial)
}

// interventionsAt selects the Table 2 rows of one cut-off, in the Regulation's order.
func interventionsAt(c domain.Cutoff, all []metrics.InterventionValue) []metrics.InterventionValue {
	return rowsAt(c, all, func(v metrics.InterventionValue) domain.Cutoff { return v.Cutoff }, metrics.SortInterventions)
}

func sortedCutoffs(cs []domain.Cutoff) []domain.Cutoff {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b domain.Cutoff) int { return cmp.Compare(a.Date, b.Date) })
	return slices.Compact(out)
}
