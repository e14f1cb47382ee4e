package export

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// The folders written, one per kind: exports/sfc/<version>/ (the CPR Art 42 data transmission of
// a cut-off), exports/forecast/<due date>/, exports/apr/<year>/, exports/operations/ (CPR Art
// 49(3)) and exports/opendata/ (small counts suppressed). Every folder is written whole in a
// temporary folder and swapped in atomically, and its bytes depend only on the figures, the
// catalogue and the run it reflects, never on the wall clock.
//
// exports/apr/<year>/ is the report due on 15 February of <year>, covering the accounting year
// 1 July <year>−2 … 30 June <year>−1 (the first, 2023, from 2021-01-01; domain.AccountingYear)
// with the figures of the 30 June <year>−1 cut-off: progress.csv (every indicator cumulative and
// in the year, the 2024 milestone and whether it was met, the 2029 target as a number or a share
// of a named output, the projection), financial.csv (Table 1 with what the year added),
// so4_persons.csv (persons resettled, admitted, transferred), issues.csv (candidate issues
// affecting performance with their evidence, for staff to confirm), apr.xlsx headed in English
// and Swedish, and manifest.json. Folders an earlier Mittari named by calendar year are removed.

// APRTemplate is the act whose template the annual performance report follows.
const APRTemplate = "Commission Implementing Regulation (EU) 2023/169 (template of the AMIF annual performance report, AMIF Art 35(5))"

// APRManifest is manifest.json of one annual performance report folder.
type APRManifest struct {
	Year               int    `json:"year"`
	DueDate            string `json:"due_date"`
	PeriodStart        string `json:"period_start"`
	PeriodEnd          string `json:"period_end"`
	CutoffDate         string `json:"cutoff_date"`
	PreviousCutoffDate string `json:"previous_cutoff_date,omitempty"`
	SFCVersion         string `json:"sfc_version"`
	Template           string `json:"template"`
	// ResultsAssumed says the baselines and target types of the result indicators are
	// assumptions (ResultsNote says which).
	ResultsAssumed bool           `json:"results_assumed"`
	ResultsNote    string         `json:"results_note,omitempty"`
	Columns        []ColumnHeader `json:"columns"`
	Provenance
}

// ColumnHeader names one column of a bilingual export: its machine name in the CSV and JSON, and
// its heading in English and Swedish (the workbook's two header rows).
type ColumnHeader struct {
	File    string `json:"file"`
	Name    string `json:"name"`
	TitleEN string `json:"title_en"`
	TitleSV string `json:"title_sv"`
}

// columnHeaders lists the columns of tables for a manifest.
func columnHeaders(tables ...table) []ColumnHeader {
	var out []ColumnHeader
	for _, t := range tables {
		for _, c := range t.columns {
			file := t.name + ".csv"
			if c.xlsxOnly {
				file = "workbook only"
			}
			out = append(out, ColumnHeader{File: file, Name: c.name, TitleEN: c.title, TitleSV: c.titleSV})
		}
	}
	return out
}

// The tables of the annual performance report. Their headings here are the defaults of a
// catalogue that gives none (tests); the programme's catalogue gives every column's headings in
// apr_headings.csv (aprDef), where a managing authority corrects them.
var (
	aprYear   = column{name: "report_year", title: "Annual performance report (year due)", from: "report_year"}.sv("Årlig prestationsrapport (år)")
	aprCutoff = colCutoff.sv("Brytdatum")
	aprSO     = colSO.sv("Specifikt mål")
	aprInd    = colIndicator.sv("Indikatorkod")
	aprNameEN = column{name: "name_en", title: "Indicator", from: "catalogue: indicators.csv name_en", xlsxOnly: true}.sv("Indikator (engelska)")
	aprNameSV = column{name: "name_sv", title: "Indicator (Swedish)", from: "catalogue: indicators.csv name_sv", xlsxOnly: true}.sv("Indikator")

	aprProgressDef = tableDef{name: "progress", path: "exports/apr/<year>/progress.csv", mart: "mart_apr_progress", columns: []column{
		aprYear,
		column{name: "period_start", title: "Accounting year from", from: "period_start"}.sv("Räkenskapsåret från"),
		column{name: "period_end", title: "Accounting year to", from: "period_end"}.sv("Räkenskapsåret till"),
		aprCutoff, aprSO, aprInd, aprNameEN, aprNameSV,
		colKind.sv("Typ av indikator"),
		colUnit.sv("Måttenhet"),
		column{name: "selected_value", title: "Value for selected operations", from: "selected_value"}.sv("Värde för utvalda insatser"),
		column{name: "achieved_cumulative", title: "Value achieved (cumulative)", from: "achieved_value"}.sv("Uppnått värde (kumulativt)"),
		column{name: "achieved_in_year", title: "Value achieved in the accounting year", from: "achieved_in_year"}.sv("Uppnått värde under räkenskapsåret"),
		colMilestone.sv("Delmål (2024)"),
		column{name: "milestone_pct", title: "Milestone achieved (%)", from: "milestone_pct_tenths"}.sv("Delmålet uppnått (%)"),
		column{name: "achieved_at_milestone", title: "Value achieved at 31 December 2024", from: "achieved_at_milestone"}.sv("Uppnått värde den 31 december 2024"),
		column{name: "milestone_met", title: "Milestone met", from: "milestone_met"}.sv("Delmålet nått"),
		column{name: "target_type", title: "Measurement unit for target (number or share)", from: "target_type"}.sv("Måttenhet för målet (antal eller andel)"),
		colTarget.sv("Mål (2029)"),
		column{name: "target_share_pct", title: "Target (2029) as a share (%)", from: "target_share_pct"}.sv("Mål (2029) som andel (%)"),
		column{name: "denominator", title: "Share of the output indicator", from: "denominator"}.sv("Andel av utfallsindikatorn"),
		column{name: "achieved_share_pct", title: "Share achieved (%)", from: "achieved_share_tenths"}.sv("Uppnådd andel (%)"),
		column{name: "target_pct", title: "Target achieved (%)", from: "target_pct_tenths"}.sv("Målet uppnått (%)"),
		column{name: "selected_pct_of_target", title: "Selected operations against the target (%)", from: "selected_pct_of_target_tenths"}.sv("Utvalda insatser i förhållande till målet (%)"),
		column{name: "projected_2029", title: "Projected value at the end of 2029", from: "projected_2029"}.sv("Prognos för slutet av 2029"),
		column{name: "on_track", title: "Projected to reach the target", from: "on_track"}.sv("Målet väntas nås"),
		column{name: "baseline", title: "Baseline", from: "baseline"}.sv("Utgångsvärde"),
		column{name: "baseline_unit", title: "Measurement unit for baseline", from: "baseline_unit"}.sv("Måttenhet för utgångsvärdet"),
		column{name: "reference_year", title: "Reference year", from: "reference_year"}.sv("Referensår"),
		column{name: "result_basis", title: "Basis of the baseline and target type (assumed, adopted)", from: "result_basis"}.sv("Grund för utgångsvärde och måltyp (assumed: antaget, adopted: fastställt)"),
	}}
	aprFinancialDef = tableDef{name: "financial", path: "exports/apr/<year>/financial.csv", mart: "mart_apr_financial", columns: []column{
		aprYear, aprCutoff,
		colSOCode.sv("Specifikt mål"),
		column{name: "so_name", title: "Specific objective (name)", from: "catalogue: specific_objectives.csv name_en", xlsxOnly: true}.sv("Specifikt mål (namn)"),
		colSupportType.sv("Typ av stöd"),
		colOperations.sv("Antal utvalda insatser"),
		column{name: "selected_operations_in_year", title: "Operations selected in the accounting year", from: "selected_operations_in_year"}.sv("Insatser utvalda under räkenskapsåret"),
		colEligible.in("eligible_cost_eur").sv("Totala stödberättigande kostnader för insatser som valts ut för stöd"),
		colPublic.in("public_eligible_cost_cents").sv("Offentligt bidrag till insatser som valts ut för stöd"),
		colEU.in("eu_contribution_cents").sv("Unionens bidrag till insatser som valts ut för stöd"),
		colDeclared.in("declared_expenditure_eur").sv("Totala stödberättigande utgifter som stödmottagarna deklarerat till förvaltningsmyndigheten"),
		column{name: "declared_in_year_eur", title: "Eligible expenditure declared in the accounting year", from: "declared_in_year_eur"}.sv("Stödberättigande utgifter deklarerade under räkenskapsåret"),
		colAllocation.in("allocation_cents").sv("Unionens anslag (finansieringsplan)"),
		colTotalAllocation.sv("Totalt anslag (unionen och nationellt)"),
		column{name: "cofinancing_rate_pct", title: "Co-financing rate (%)", from: "cofinancing_rate_tenths"}.sv("Medfinansieringsgrad (%)"),
		column{name: "selected_pct_of_allocation", title: "Proportion of the total financial allocation covered by selected operations (%)", from: "selected_pct_tenths"}.sv("Andel av det totala anslaget som täcks av utvalda insatser (%)"),
		column{name: "declared_pct_of_allocation", title: "Proportion of the total financial allocation covered by eligible expenditure declared by beneficiaries (%)", from: "declared_pct_tenths"}.sv("Andel av det totala anslaget som täcks av deklarerade utgifter (%)"),
		column{name: "declared_pct_of_eligible_cost", title: "Declared expenditure as a share of the eligible cost (%)", from: "declared_of_eligible_tenths"}.sv("Deklarerade utgifter som andel av de stödberättigande kostnaderna (%)"),
		column{name: "plan_basis", title: "Basis of the financial plan's values (derived, assumed, adopted)", from: "plan_basis"}.sv("Grund för finansieringsplanens värden"),
	}}
	aprSO4Def = tableDef{name: "so4_persons", path: "exports/apr/<year>/so4_persons.csv", mart: "mart_apr_so4", columns: []column{
		aprYear, aprCutoff,
		column{name: "count", title: "Persons counted (resettled, admitted, transferred)", from: "so4_count"}.sv("Personer (vidarebosatta, mottagna, överförda)"),
		aprInd, aprNameEN, aprNameSV,
		colUnit.sv("Måttenhet"),
		column{name: "persons_in_year", title: "Number in the accounting year", from: "achieved_in_year"}.sv("Antal under räkenskapsåret"),
		column{name: "persons_cumulative", title: "Number, cumulative", from: "achieved_value"}.sv("Antal, kumulativt"),
	}}
	aprIssuesDef = tableDef{name: "issues", path: "exports/apr/<year>/issues.csv", mart: "mart_apr_issues", columns: []column{
		aprYear, aprCutoff,
		column{name: "issue", title: "Candidate issue (code)", from: "issue"}.sv("Möjligt problem (kod)"),
		column{name: "issue_en", title: "Candidate issue affecting performance", from: "issue (named in English by export: aprIssueNames, export/apr.go)", xlsxOnly: true}.sv("Möjligt problem som påverkar resultaten"),
		column{name: "issue_sv", title: "Candidate issue (Swedish)", from: "issue (named in Swedish by export: aprIssueNames, export/apr.go)", xlsxOnly: true}.sv("Möjligt problem (svenska)"),
		column{name: "subject", title: "Concerns (specific objective, indicator or measure)", from: "subject"}.sv("Gäller (specifikt mål, indikator eller åtgärd)"),
		aprSO,
		column{name: "value", title: "Value", from: "value"}.sv("Värde"),
		column{name: "reference", title: "Compared with", from: "reference"}.sv("Jämfört med"),
		column{name: "pct", title: "Ratio (%)", from: "pct_tenths"}.sv("Kvot (%)"),
		column{name: "projects", title: "Operations concerned", from: "projects"}.sv("Berörda insatser"),
		column{name: "evidence", title: "Evidence", from: "evidence"}.sv("Underlag"),
		column{name: "confirmed", title: "Confirmed by staff (yes/no)", from: "none: left empty for the desk officer"}.sv("Bekräftat av handläggaren (ja/nej)"),
		column{name: "staff_comment", title: "Comment for the report", from: "none: left empty for the desk officer"}.sv("Kommentar till rapporten"),
	}}
)

// aprDefs are the tables of the annual performance report.
var aprDefs = []tableDef{aprProgressDef, aprFinancialDef, aprSO4Def, aprIssuesDef}

// aprDef is def with the headings the catalogue gives its columns (apr_headings.csv): the
// template's annex sets them, and a managing authority corrects them there, not here.
func aprDef(def tableDef, cat *catalogue.Catalogue) tableDef {
	if cat == nil {
		return def
	}
	cols := slices.Clone(def.columns)
	for i, c := range cols {
		if h, ok := cat.APRHeading(def.name, c.name); ok {
			cols[i].title, cols[i].titleSV = h.TitleEN, h.TitleSV
		}
	}
	def.columns = cols
	return def
}

// checkAPRHeadings refuses headings of a column the report does not have, so that a misspelt
// name in apr_headings.csv is not silently ignored.
func checkAPRHeadings(cat *catalogue.Catalogue) error {
	if cat == nil {
		return nil
	}
	for _, h := range cat.APRHeadings {
		known := false
		for _, d := range aprDefs {
			if d.name == h.Table && slices.ContainsFunc(d.columns, func(c column) bool { return c.name == h.Column }) {
				known = true
			}
		}
		if !known {
			return fmt.Errorf("%s gives headings for a column %q of the table %s, which the annual performance report does not have: use a column name from the table's manifest.json (columns) or remove the row",
				catalogue.FileAPRHeadings, h.Column, h.Table)
		}
	}
	return nil
}

// aprIssueNames are the candidate issues in words, English and Swedish, as mart_apr_issues
// finds them.
var aprIssueNames = map[string][2]string{
	"reports_missing":           {"Incomplete reporting: half-year reports not received", "Ofullständig rapportering: halvårsrapporter har inte kommit in"},
	"reports_late":              {"Late reporting: half-year reports received after their due date", "Sen rapportering: halvårsrapporter kom in efter förfallodagen"},
	"selected_below_target":     {"Selected operations far below the 2029 target (under 50 %)", "Utvalda insatser långt under målet för 2029 (under 50 %)"},
	"selected_above_target":     {"Selected operations far above the 2029 target (over 150 %)", "Utvalda insatser långt över målet för 2029 (över 150 %)"},
	"measure_without_operation": {"Measure with no selected operation", "Åtgärd utan utvald insats"},
	"no_progress_in_year":       {"No progress in the accounting year", "Inga framsteg under räkenskapsåret"},
}

// aprSO4Order is the order the report states the SO 4 counts in (AMIF Art 35(2)).
var aprSO4Order = map[string]int{catalogue.SO4Resettled: 0, catalogue.SO4Admitted: 1, catalogue.SO4Transferred: 2}

// WriteAPR writes exports/apr/<year>/ under outDir for every annual performance report whose
// accounting year has ended (res.APR.Years: the report due on 15 February of <year>, covering
// 1 July <year>−2 … 30 June <year>−1, the first from 2021-01-01): progress.csv, financial.csv,
// so4_persons.csv and issues.csv, apr.xlsx with a sheet each after the notes, and manifest.json.
// Folders an earlier Mittari wrote by calendar year are then removed. It returns the folders
// written, oldest first.
func WriteAPR(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteAPR"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	if err := checkAPRHeadings(cat); err != nil {
		return nil, errs.E(op, errs.Path(filepath.Join(outDir, "exports", "apr")), errs.Config, err)
	}
	var written []string
	if res.APR != nil {
		for _, year := range res.APR.Years {
			a := domain.AccountingYear{Report: year}
			dst := filepath.Join(outDir, "exports", "apr", strconv.Itoa(year))
			var fin []metrics.FinancialValue
			for _, v := range res.APR.Financial {
				if v.Report == year {
					fin = append(fin, v.FinancialValue)
				}
			}
			if err := checkTables(a.Cutoff(), nil, fin, cat); err != nil {
				return written, errs.E(op, errs.Path(dst), errs.Internal, err)
			}
			files, err := aprFiles(a, res, cat, meta)
			if err != nil {
				return written, errs.E(op, errs.Path(dst), errs.Internal, err)
			}
			if err := writeFolder(dst, files); err != nil {
				return written, err
			}
			written = append(written, dst)
		}
	}
	return written, removeStaleAPR(filepath.Join(outDir, "exports", "apr"))
}

// Write writes the Art 42 transmissions, the forecasts of payment applications, the annual
// performance report tables, the list of operations and the open data.
func Write(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	var all []string
	for _, w := range []func(string, *metrics.Results, *catalogue.Catalogue, Meta) ([]string, error){
		WriteSFC, WriteForecast, WriteAPR, WriteOperations, WriteOpenData,
	} {
		written, err := w(outDir, res, cat, meta)
		all = append(all, written...)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

// RemoveStale removes the export folders under outDir that an earlier Mittari named otherwise:
// Art 42 transmissions named by the cut-off's own year and annual performance reports by
// calendar year. Export runs it after writing; the pipeline runs it again after carrying the
// folders of an earlier generation over (a run of one cut-off).
func RemoveStale(outDir string) error {
	if err := removeMisnamed(filepath.Join(outDir, "exports", "sfc")); err != nil {
		return err
	}
	return removeStaleAPR(filepath.Join(outDir, "exports", "apr"))
}

// removeStaleAPR removes the folders under aprDir whose manifest does not state the cut-off of
// the accounting year the folder is named for (30 June of the year before): the calendar-year
// folders an earlier Mittari wrote (exports/apr/2021 with the 2021-12-31 cut-off, 2025 with
// 2025-12-31), which would offer the desk officer a report on the wrong basis. A folder without a
// readable manifest is not Mittari's and is left alone, as are the hidden folders of a write in
// progress.
func removeStaleAPR(aprDir string) error {
	return removeFoldersNotNamedFor(aprDir, errs.Op("export.removeStaleAPR"), func(name, cutoff string) bool {
		year, err := strconv.Atoi(name)
		return err == nil && cutoff == (domain.AccountingYear{Report: year}).Cutoff().String()
	})
}

func aprFiles(a domain.AccountingYear, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]file, error) {
	tables := []table{
		aprProgressTable(a, res.APR.Progress, cat),
		aprFinancialTable(a, res.APR.Financial, cat),
		aprSO4Table(a, res.APR.SO4, cat),
		aprIssuesTable(a, res.APR.Issues, cat),
	}
	var files []file
	total := 0
	for _, t := range tables {
		data, err := t.csvBytes()
		if err != nil {
			return nil, err
		}
		files = append(files, file{name: t.name + ".csv", data: data, rows: len(t.rows)})
		total += len(t.rows)
	}
	c := a.Cutoff()
	previous, hasPrevious := a.PreviousCutoff()
	inYear := "the whole of each figure (the first report: no earlier June cut-off)"
	if hasPrevious {
		inYear = fmt.Sprintf("the difference between the cut-offs %s and %s", c, previous)
	}
	notes := []string{
		fmt.Sprintf("AMIF annual performance report %d (AMIF Art 35), due %s: the tables of the template of %s.", a.Report, a.DueDate(), APRTemplate),
		fmt.Sprintf("Accounting year %s - %s. Cumulative figures: the Art 42 data of the cut-off %s (SFC2021 version %s). In the accounting year: %s.",
			a.Start(), a.End(), c, c.Version(), inYear),
		"issues lists candidate issues found in the data, with their evidence, for staff to confirm (confirmed) and complete (staff_comment); the narrative sections of the report are written by staff.",
	}
	if res.GoalsIllustrative {
		notes = append(notes, "Milestones and targets: "+res.GoalsNote)
	}
	if cat != nil && cat.ResultsAssumed {
		notes = append(notes, "Result indicators: "+cat.ResultsNote)
	}
	notes = append(notes, planNotes(res)...)
	wb, err := meta.xlsx(path.Join("exports", "apr", strconv.Itoa(a.Report), "apr.xlsx"),
		fmt.Sprintf("AMIF annual performance report %d", a.Report), notes, tables...)
	if err != nil {
		return nil, err
	}
	files = append(files, file{name: "apr.xlsx", data: wb, rows: total})
	return withManifest(files, res, meta.catalogueHash(cat), meta, nil, func(p Provenance) any {
		m := APRManifest{Year: a.Report, DueDate: a.DueDate().String(), PeriodStart: a.Start().String(), PeriodEnd: a.End().String(),
			CutoffDate: c.String(), SFCVersion: c.Version(), Template: APRTemplate, Columns: columnHeaders(tables...), Provenance: p}
		if hasPrevious {
			m.PreviousCutoffDate = previous.String()
		}
		if cat != nil && cat.ResultsAssumed {
			m.ResultsAssumed, m.ResultsNote = true, cat.ResultsNote
		}
		return m
	})
}

func optionalBool(b *bool) cell {
	if b == nil {
		return cell{kind: emptyCell}
	}
	return boolean(*b)
}

func aprProgressTable(a domain.AccountingYear, all []metrics.APRProgress, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprDef(aprProgressDef, cat)}
	for _, v := range all {
		if v.Report != a.Report {
			continue
		}
		en, sv := indicatorNames(cat, v.Indicator)
		targetType, share, denominator, achievedShare := cell{kind: emptyCell}, cell{kind: emptyCell}, cell{kind: emptyCell}, cell{kind: emptyCell}
		baseline, baselineUnit, referenceYear, basis := cell{kind: emptyCell}, cell{kind: emptyCell}, cell{kind: emptyCell}, cell{kind: emptyCell}
		if r := v.Result; r != nil {
			targetType, share, achievedShare = text(r.TargetType), optionalInt(r.TargetSharePct), pct(r.AchievedShare)
			if r.Denominator != "" {
				denominator = text(r.Denominator)
			}
			baseline, baselineUnit, referenceYear, basis = integer(r.Baseline), text(r.BaselineUnit), integer(int64(r.ReferenceYear)), text(r.Basis)
		}
		t.rows = append(t.rows, []cell{
			integer(int64(v.Report)), date(a.Start()), date(a.End()), date(v.Cutoff.Date), integer(int64(v.SO)), text(v.Indicator),
			text(en), text(sv), text(string(v.Kind)), text(v.Unit),
			integer(v.Selected), integer(v.Achieved), integer(v.AchievedInYear),
			optionalInt(v.Milestone2024), pct(v.MilestonePct), optionalInt(v.AchievedAtMilestone), optionalBool(v.MilestoneMet),
			targetType, optionalInt(v.Target2029), share, denominator, achievedShare, pct(v.TargetPct), pct(v.SelectedPct),
			optionalInt(v.Projected), optionalBool(v.OnTrack),
			baseline, baselineUnit, referenceYear, basis,
		})
	}
	return t
}

func aprFinancialTable(a domain.AccountingYear, all []metrics.APRFinancial, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprDef(aprFinancialDef, cat)}
	for _, v := range all {
		if v.Report != a.Report {
			continue
		}
		t.rows = append(t.rows, []cell{
			integer(int64(v.Report)), date(v.Cutoff.Date), text(v.SOCode()), text(soName(cat, v.SO)), text(v.SupportType),
			integer(v.SelectedOperations), integer(v.SelectedInYear),
			money(v.EligibleCost), money(v.PublicEligibleCost), money(v.EUContribution), money(v.Declared), money(v.DeclaredInYear),
			money(v.Allocation), money(v.TotalAllocation),
			pct(v.CofinancingRate), pct(v.SelectedOfAllocation), pct(v.DeclaredOfAllocation), pct(v.DeclaredOfEligibleCost), text(v.PlanBasis),
		})
	}
	return t
}

// aprSO4Table gives the persons resettled, admitted through humanitarian admission and
// transferred, in that order (AMIF Art 35(2)), in the accounting year and cumulatively.
func aprSO4Table(a domain.AccountingYear, all []metrics.APRSO4, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprDef(aprSO4Def, cat)}
	var rows []metrics.APRSO4
	for _, v := range all {
		if v.Report == a.Report {
			rows = append(rows, v)
		}
	}
	slicesSortBy(rows, func(v metrics.APRSO4) int { return aprSO4Order[v.Count] })
	for _, v := range rows {
		en, sv := indicatorNames(cat, v.Indicator)
		t.rows = append(t.rows, []cell{
			integer(int64(v.Report)), date(v.Cutoff.Date), text(v.Count), text(v.Indicator), text(en), text(sv),
			text(v.Unit), integer(v.InYear), integer(v.Cumulative),
		})
	}
	return t
}

func aprIssuesTable(a domain.AccountingYear, all []metrics.APRIssue, cat *catalogue.Catalogue) table {
	t := table{tableDef: aprDef(aprIssuesDef, cat)}
	for _, v := range all {
		if v.Report != a.Report {
			continue
		}
		names := aprIssueNames[v.Issue]
		so := cell{kind: emptyCell}
		if v.SO != 0 {
			so = integer(int64(v.SO))
		}
		t.rows = append(t.rows, []cell{
			integer(int64(v.Report)), date(v.Cutoff.Date), text(v.Issue), text(names[0]), text(names[1]), text(v.Subject), so,
			integer(v.Value), optionalInt(v.Reference), pct(v.Pct), text(strings.Join(v.Projects, " ")), text(v.Evidence),
			{kind: emptyCell}, {kind: emptyCell},
		})
	}
	return t
}
