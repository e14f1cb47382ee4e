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

// The tables of the annual performance report: columns, titles and the mart columns they show.
var (
	aprProgressDef = tableDef{name: "progress", path: "exports/apr/<year>/progress.csv", mart: "mart_achievement", columns: []column{
		colYear,
		colCutoff,
		colSO,
		colIndicator,
		colKind.in("mart_sfc_indicators.kind"),
		colUnit.in("mart_sfc_indicators.unit"),
		{name: "name", title: "Indicator", from: "catalogue: indicators.csv name_en"},
		colIndicatorNameSV,
		{name: "achieved_value", title: "Value achieved", from: "achieved_value"},
		colMilestone,
		{name: "milestone_checked_at", title: "Milestone judged at", from: "milestone_check_date"},
		{name: "achieved_at_milestone_check", title: "Value achieved then", from: "achieved_at_milestone_check"},
		{name: "milestone_pct", title: "Milestone achieved (%)", from: "pct_of_milestone_at_check_tenths"},
		colTarget,
		{name: "target_pct", title: "Target achieved (%)", from: "achieved_pct_of_target_tenths"},
		{name: "projected_2029", title: "Projected value at the end of 2029", from: "mart_projections.projected_value"},
		{name: "on_track", title: "Projected to reach the target", from: "mart_projections.projected_value (on track when at least target_2029)"},
	}}
	aprFinancialDef = tableDef{name: "financial", path: "exports/apr/<year>/financial.csv", mart: "mart_sfc_financial", columns: []column{
		colYear,
		colCutoff,
		colSOCode,
		colSupportType,
		colOperations,
		colEligible,
		colEU,
		colDeclared,
		colAllocation,
		colTotalAllocation,
		{name: "declared_pct_of_allocation", title: "Declared expenditure as a share of the total allocation (%)", from: "declared_pct_of_allocation"},
		{name: "declared_pct_of_eligible_cost", title: "Declared expenditure as a share of the eligible cost (%)", from: "declared_of_eligible_tenths"},
	}}
	aprSO4Def = tableDef{name: "so4_persons", path: "exports/apr/<year>/so4_persons.csv", mart: "mart_achievement", columns: []column{
		colYear,
		colCutoff,
		colIndicator,
		{name: "name", title: "Indicator", from: "catalogue: indicators.csv name_en"},
		colIndicatorNameSV,
		colUnit.in("mart_sfc_indicators.unit"),
		{name: "achieved_cumulative", title: "Persons, cumulative", from: "achieved_value"},
		{name: "achieved_in_year", title: "Persons in the year", from: "achieved_in_year"},
	}}
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

// Write writes the Art 42 transmissions, the forecasts of payment applications and the annual
// performance report tables.
func Write(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	var all []string
	for _, w := range []func(string, *metrics.Results, *catalogue.Catalogue, Meta) ([]string, error){WriteSFC, WriteForecast, WriteAPR} {
		written, err := w(outDir, res, cat, meta)
		all = append(all, written...)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func aprFiles(year int, c domain.Cutoff, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]file, error) {
	tables := []table{
		aprProgressTable(year, c, res, cat),
		aprFinancialTable(year, c, res.Financial),
		aprSO4Table(year, c, res, cat),
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
	notes = append(notes, planNotes(res)...)
	wb, err := workbook(fmt.Sprintf("AMIF annual performance report %d", year), meta.DataAsOfTime, notes, tables...)
	if err != nil {
		return nil, err
	}
	files = append(files, file{name: "apr.xlsx", data: wb, rows: total})
	return withManifest(files, res, meta.catalogueHash(cat), meta, nil, func(p Provenance) any {
		return APRManifest{Year: year, DueDate: fmt.Sprintf("%04d-02-15", year+1), CutoffDate: c.String(),
			SFCVersion: c.Version(), Provenance: p}
	})
}

// achievementsAt indexes the achievement rows of one cut-off by indicator.
func achievementsAt(c domain.Cutoff, all []metrics.Achievement) map[string]metrics.Achievement {
	out := map[string]metrics.Achievement{}
	for _, a := range all {
		if a.Cutoff == c {
			out[a.Indicator] = a
		}
	}
	return out
}

func aprProgressTable(year int, c domain.Cutoff, res *metrics.Results, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprProgressDef}
	proj := map[string]metrics.Projection{}
	for _, p := range res.Projections {
		if p.Cutoff == c {
			proj[p.Indicator] = p
		}
	}
	ach := achievementsAt(c, res.Achievements)
	for _, v := range indicatorsAt(c, res.Indicators) {
		a := ach[v.Indicator]
		// The milestone is for the end of 2024: a later report compares it with the value then.
		checkedAt, achievedAtCheck := cell{kind: emptyCell}, cell{kind: emptyCell}
		if v.Milestone2024 != nil && a.MilestoneCheck.Date != 0 {
			checkedAt, achievedAtCheck = date(a.MilestoneCheck.Date), integer(a.AchievedAtMilestoneCheck)
		}
		// The projection is the pipeline's extrapolation of the pace so far; the annual report's
		// section on issues affecting performance starts from the indicators it marks as behind.
		projected, onTrack := cell{kind: emptyCell}, cell{kind: emptyCell}
		if p, ok := proj[v.Indicator]; ok {
			projected = integer(p.Projected)
			if p.Target2029 != nil {
				onTrack = boolean(p.OnTrack)
			}
		}
		en, sv := indicatorNames(cat, v.Indicator)
		t.rows = append(t.rows, []cell{
			integer(int64(year)), date(c.Date), integer(int64(v.SO)), text(v.Indicator),
			text(string(v.Kind)), text(v.Unit), text(en), text(sv),
			integer(v.Achieved),
			optionalInt(v.Milestone2024), checkedAt, achievedAtCheck, pct(a.PctOfMilestoneAtCheck),
			optionalInt(v.Target2029), pct(a.AchievedPctOfTarget),
			projected, onTrack,
		})
	}
	return t
}

func aprFinancialTable(year int, c domain.Cutoff, all []metrics.FinancialValue) table {
	t := table{tableDef: aprFinancialDef}
	for _, v := range financialAt(c, all) {
		t.rows = append(t.rows, []cell{
			integer(int64(year)), date(c.Date), text(v.SOCode()), text(v.SupportType),
			integer(v.SelectedOperations), money(v.EligibleCost), money(v.EUContribution),
			money(v.Declared), money(v.Allocation), money(v.TotalAllocation),
			pct(v.DeclaredOfAllocation), pct(v.DeclaredOfEligibleCost),
		})
	}
	return t
}

// aprSO4Table gives the persons resettled, admitted and transferred: cumulative at the cut-off
// and within the year (mart_achievement.achieved_in_year).
func aprSO4Table(year int, c domain.Cutoff, res *metrics.Results, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprSO4Def}
	ach := achievementsAt(c, res.Achievements)
	values := map[string]metrics.IndicatorValue{}
	for _, v := range indicatorsAt(c, res.Indicators) {
		values[v.Indicator] = v
	}
	for _, code := range so4Persons {
		v, ok := values[code]
		if !ok {
			continue
		}
		inYear := cell{kind: emptyCell}
		if a, ok := ach[code]; ok {
			inYear = integer(a.AchievedInYear)
		}
		en, sv := indicatorNames(cat, code)
		t.rows = append(t.rows, []cell{
			integer(int64(year)), date(c.Date), text(code), text(en), text(sv),
			text(v.Unit), integer(v.Achieved), inYear,
		})
	}
	return t
}
