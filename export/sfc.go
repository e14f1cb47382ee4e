package export

import (
	"cmp"
	"path/filepath"
	"slices"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// Meta is what a manifest says about where the figures come from. None of it is a wall-clock
// time, so that the same data give byte-identical exports.
type Meta struct {
	// CatalogueSHA256 identifies the catalogue the figures were computed with; empty means the
	// catalogue's own Hash.
	CatalogueSHA256 string
	// CodeVersion is the version of Mittari that computed them (e.g. a git describe).
	CodeVersion string
	// DataAsOf is the id of the latest warehouse run whose data the figures reflect.
	DataAsOf string
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

// Header rows of the two Art 42 tables, exactly as the interface contract fixes them.
var (
	sfcIndicatorHeader = []string{"version", "cutoff_date", "so", "indicator", "kind", "unit",
		"selected_value", "achieved_value", "milestone_2024", "target_2029"}
	sfcFinancialHeader = []string{"version", "cutoff_date", "so", "support_type", "selected_operations",
		"eligible_cost_eur", "eu_contribution_eur", "declared_expenditure_eur", "allocation_eur"}
)

// WriteSFC writes exports/sfc/<version>/ under outDir for every cut-off in res: financial.csv
// and .xlsx always, indicators.csv and .xlsx for the June and December cut-offs, and
// manifest.json. It returns the folders written, oldest cut-off first.
func WriteSFC(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteSFC"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	var written []string
	for _, c := range sortedCutoffs(res.Cutoffs) {
		dst := filepath.Join(outDir, "exports", "sfc", c.Version())
		if err := checkTables(c, indicatorsAt(c, res.Indicators), financialAt(c, res.Financial), cat); err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		files, err := sfcFiles(c, res, meta.catalogueHash(cat), meta)
		if err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		if err := writeFolder(dst, files); err != nil {
			return written, err
		}
		written = append(written, dst)
	}
	return written, nil
}

func sfcFiles(c domain.Cutoff, res *metrics.Results, catHash string, meta Meta) ([]file, error) {
	var files []file
	fin := sfcFinancialTable(c, res.Financial)
	tables := []table{fin}
	if c.HasIndicators() {
		tables = append([]table{sfcIndicatorTable(c, res.Indicators)}, tables...)
	}
	for _, t := range tables {
		csvData, err := t.csvBytes()
		if err != nil {
			return nil, err
		}
		var notes []string
		if res.GoalsIllustrative && t.name == "indicators" {
			notes = []string{res.GoalsNote}
		}
		xlsxData, err := workbook(t.name+" "+c.Version(), notes, t)
		if err != nil {
			return nil, err
		}
		files = append(files,
			file{name: t.name + ".csv", data: csvData, rows: len(t.rows)},
			file{name: t.name + ".xlsx", data: xlsxData, rows: len(t.rows)})
	}
	return withManifest(files, res, catHash, meta, func(p Provenance) any {
		return SFCManifest{Version: c.Version(), CutoffDate: c.String(), IndicatorsIncluded: c.HasIndicators(), Provenance: p}
	})
}

func sfcIndicatorTable(c domain.Cutoff, all []metrics.IndicatorValue) table {
	rows := indicatorsAt(c, all)
	t := table{name: "indicators", header: sfcIndicatorHeader}
	for _, v := range rows {
		t.rows = append(t.rows, []cell{
			text(c.Version()), text(c.String()), integer(int64(v.SO)), text(v.Indicator),
			text(string(v.Kind)), text(v.Unit), integer(v.Selected), integer(v.Achieved),
			optionalInt(v.Milestone2024), optionalInt(v.Target2029),
		})
	}
	return t
}

func sfcFinancialTable(c domain.Cutoff, all []metrics.FinancialValue) table {
	t := table{name: "financial", header: sfcFinancialHeader}
	for _, v := range financialAt(c, all) {
		t.rows = append(t.rows, []cell{
			text(c.Version()), text(c.String()), integer(int64(v.SO)), text(v.SupportType),
			integer(v.SelectedOperations), money(v.EligibleCost), money(v.EUContribution),
			money(v.Declared), money(v.Allocation),
		})
	}
	return t
}

// indicatorsAt selects the indicator rows of one cut-off, sorted by SO and indicator.
func indicatorsAt(c domain.Cutoff, all []metrics.IndicatorValue) []metrics.IndicatorValue {
	var out []metrics.IndicatorValue
	for _, v := range all {
		if v.Cutoff == c {
			out = append(out, v)
		}
	}
	metrics.SortIndicators(out)
	return out
}

// financialAt selects the financial rows of one cut-off, sorted by SO and support type.
func financialAt(c domain.Cutoff, all []metrics.FinancialValue) []metrics.FinancialValue {
	var out []metrics.FinancialValue
	for _, v := range all {
		if v.Cutoff == c {
			out = append(out, v)
		}
	}
	metrics.SortFinancial(out)
	return out
}

func sortedCutoffs(cs []domain.Cutoff) []domain.Cutoff {
	out := slices.Clone(cs)
	slices.SortFunc(out, func(a, b domain.Cutoff) int { return cmp.Compare(a.Date, b.Date) })
	return slices.Compact(out)
}
