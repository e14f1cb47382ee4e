package export

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// APRManifest is manifest.json of one annual performance report folder.
type APRManifest struct {
	Year       int    `json:"year"`
	DueDate    string `json:"due_date"`
	CutoffDate string `json:"cutoff_date"`
	SFCVersion string `json:"sfc_version"`
	Provenance
}

var (
	aprProgressHeader = []string{"year", "cutoff_date", "so", "indicator", "kind", "unit", "name",
		"achieved_value", "milestone_2024", "milestone_checked_at", "achieved_at_milestone_check", "milestone_pct", "target_2029", "target_pct",
		"projected_2029", "on_track"}
	aprFinancialHeader = []string{"year", "cutoff_date", "so", "support_type", "selected_operations",
		"eligible_cost_eur", "eu_contribution_eur", "declared_expenditure_eur", "allocation_eur",
		"declared_pct_of_allocation", "declared_pct_of_eligible_cost"}
	aprSO4Header = []string{"year", "cutoff_date", "indicator", "name", "unit",
		"achieved_cumulative", "achieved_in_year"}
)

// so4Persons are the SO4 figures the annual report states by name (Art 35(2)): persons
// resettled, admitted through humanitarian admission and transferred, in that order.
var so4Persons = []string{"R.4.4", "R.4.5", "R.4.3"}

// WriteAPR writes exports/apr/<year>/ under outDir for every year whose 31 December cut-off is
// in res: the tables of the annual performance report due on 15 February of the next year
// (progress towards milestones and targets, financial progress, SO4 persons) as CSV, one
// workbook with a sheet per table, and manifest.json. It returns the folders written.
func WriteAPR(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteAPR"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	var written []string
	for _, c := range sortedCutoffs(res.Cutoffs) {
		t := c.Date.Time()
		if t.Month() != time.December {
			continue
		}
		year := t.Year()
		dst := filepath.Join(outDir, "exports", "apr", strconv.Itoa(year))
		if err := checkTables(c, indicatorsAt(c, res.Indicators), financialAt(c, res.Financial), cat); err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		files, err := aprFiles(year, c, res, cat, meta)
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

// Write writes both the Art 42 transmissions and the annual performance report tables.
func Write(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	sfc, err := WriteSFC(outDir, res, cat, meta)
	if err != nil {
		return sfc, err
	}
	apr, err := WriteAPR(outDir, res, cat, meta)
	return append(sfc, apr...), err
}

func aprFiles(year int, c domain.Cutoff, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]file, error) {
	tables := []table{
		aprProgressTable(year, c, res.Indicators, res.Projections, cat),
		aprFinancialTable(year, c, res.Financial),
		aprSO4Table(year, c, res.Indicators, cat),
	}
	var files []file
	var notes []string
	total := 0
	for _, t := range tables {
		data, err := t.csvBytes()
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: t.name + ".csv", data: data, rows: len(t.rows)})
		total += len(t.rows)
	}
	notes = append(notes, fmt.Sprintf("AMIF annual performance report %d (Art 35, Implementing Regulation (EU) 2023/169): tables from the Art 42 data at cut-off %s.", year, c))
	if res.GoalsIllustrative {
		notes = append(notes, "Milestones and targets: "+res.GoalsNote)
	}
	wb, err := workbook(fmt.Sprintf("AMIF annual performance report %d", year), notes, tables...)
	if err != nil {
		return nil, err
	}
	files = append(files, file{name: "apr.xlsx", data: wb, rows: total})
	return withManifest(files, res, meta.catalogueHash(cat), meta, func(p Provenance) any {
		return APRManifest{Year: year, DueDate: fmt.Sprintf("%04d-02-15", year+1), CutoffDate: c.String(),
			SFCVersion: c.Version(), Provenance: p}
	})
}

func indicatorName(cat *catalogue.Catalogue, code string) string {
	if cat == nil {
		return ""
	}
	ind, _ := cat.Indicator(code)
	return ind.NameEN
}

func aprProgressTable(year int, c domain.Cutoff, all []metrics.IndicatorValue, projections []metrics.Projection, cat *catalogue.Catalogue) table {
	t := table{name: "progress", header: aprProgressHeader}
	proj := map[string]metrics.Projection{}
	for _, p := range projections {
		if p.Cutoff == c {
			proj[p.Indicator] = p
		}
	}
	// The milestone is for the end of 2024: a later report compares it with the value then.
	check := domain.MilestoneCheck(c)
	atCheck := map[string]int64{}
	for _, v := range indicatorsAt(check, all) {
		atCheck[v.Indicator] = v.Achieved
	}
	for _, v := range indicatorsAt(c, all) {
		checkedAt, achievedAtCheck, milestonePct := cell{kind: emptyCell}, cell{kind: emptyCell}, cell{kind: emptyCell}
		if a, ok := atCheck[v.Indicator]; ok && v.Milestone2024 != nil {
			checkedAt, achievedAtCheck, milestonePct = text(check.String()), integer(a), percentOf(a, v.Milestone2024)
		}
		// The projection is the pipeline's extrapolation of the pace so far; the annual report's
		// section on issues affecting performance starts from the indicators it marks as behind.
		projected, onTrack := cell{kind: emptyCell}, cell{kind: emptyCell}
		if p, ok := proj[v.Indicator]; ok {
			projected = integer(p.Projected)
			if p.Target2029 != nil {
				onTrack = text(strconv.FormatBool(p.OnTrack))
			}
		}
		t.rows = append(t.rows, []cell{
			integer(int64(year)), text(c.String()), integer(int64(v.SO)), text(v.Indicator),
			text(string(v.Kind)), text(v.Unit), text(indicatorName(cat, v.Indicator)),
			integer(v.Achieved),
			optionalInt(v.Milestone2024), checkedAt, achievedAtCheck, milestonePct,
			optionalInt(v.Target2029), percentOf(v.Achieved, v.Target2029),
			projected, onTrack,
		})
	}
	return t
}

func aprFinancialTable(year int, c domain.Cutoff, all []metrics.FinancialValue) table {
	t := table{name: "financial", header: aprFinancialHeader}
	for _, v := range financialAt(c, all) {
		alloc, elig := int64(v.Allocation), int64(v.EligibleCost)
		t.rows = append(t.rows, []cell{
			integer(int64(year)), text(c.String()), integer(int64(v.SO)), text(v.SupportType),
			integer(v.SelectedOperations), money(v.EligibleCost), money(v.EUContribution),
			money(v.Declared), money(v.Allocation),
			percentOf(int64(v.Declared), &alloc), percentOf(int64(v.Declared), &elig),
		})
	}
	return t
}

// aprSO4Table gives the persons resettled, admitted and transferred: cumulative at the cut-off
// and within the year. The in-year figure needs the previous 31 December; before the programme
// start that is zero, otherwise it is left empty when the previous cut-off is not in the results.
func aprSO4Table(year int, c domain.Cutoff, all []metrics.IndicatorValue, cat *catalogue.Catalogue) table {
	t := table{name: "so4_persons", header: aprSO4Header}
	prevDate := domain.NewDate(year-1, time.December, 31)
	find := func(d domain.Date, code string) (metrics.IndicatorValue, bool) {
		for _, v := range all {
			if v.Cutoff.Date == d && v.Indicator == code {
				return v, true
			}
		}
		return metrics.IndicatorValue{}, false
	}
	for _, code := range so4Persons {
		v, ok := find(c.Date, code)
		if !ok {
			continue
		}
		inYear := cell{kind: emptyCell}
		if prevDate < domain.ProgrammeStart {
			inYear = integer(v.Achieved)
		} else if p, ok := find(prevDate, code); ok {
			inYear = integer(v.Achieved - p.Achieved)
		}
		t.rows = append(t.rows, []cell{
			integer(int64(year)), text(c.String()), text(code), text(indicatorName(cat, code)),
			text(v.Unit), integer(v.Achieved), inYear,
		})
	}
	return t
}
