package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"mittari/catalogue"
	"mittari/internal/errs"
	"mittari/metrics"
)

// OperationsLegalBasis is the provision the list of operations fulfils.
const OperationsLegalBasis = "Regulation (EU) 2021/1060 (CPR) Art 49(3): the list of operations selected for support, published in an open, machine-readable format (Art 49(4)) and updated at least every four months"

// OperationsManifest is manifest.json of exports/operations/.
type OperationsManifest struct {
	CutoffDate string         `json:"cutoff_date"`
	Operations int            `json:"operations"`
	LegalBasis string         `json:"legal_basis"`
	Columns    []ColumnHeader `json:"columns"`
	// PublicationAssumed says the fund, location and legal-person settings are assumptions
	// (PublicationNote says which).
	PublicationAssumed bool   `json:"publication_assumed"`
	PublicationNote    string `json:"publication_note,omitempty"`
	Provenance
}

// operationsDef is the list of operations. Each column names the point of Art 49(3) it
// answers.
var operationsDef = tableDef{name: "operations", path: "exports/operations/operations.csv", mart: "mart_operations_list", columns: []column{
	column{name: "cutoff_date", title: "Data as of (cut-off date)", from: "cutoff_date"}.sv("Uppgifter per (brytdatum)"),
	column{name: "operation_code", title: "Unique code of the operation", from: "project_id"}.sv("Insatsens unika kod"),
	column{name: "operation_name", title: "Name of the operation (d)", from: "title"}.sv("Insatsens namn (d)"),
	column{name: "beneficiary", title: "Beneficiary, where a legal person (a)", from: "beneficiary"}.sv("Stödmottagare, om juridisk person (a)"),
	column{name: "beneficiary_type", title: "Type of beneficiary", from: "beneficiary_type"}.sv("Typ av stödmottagare"),
	column{name: "action", title: "Action of the implementation plan", from: "action"}.sv("Åtgärd i genomförandeplanen"),
	column{name: "purpose_en", title: "Purpose of the operation: the objective of its action (e)", from: "catalogue: actions.csv name_en"}.sv("Insatsens syfte: åtgärdens mål (e)"),
	column{name: "purpose_sv", title: "Purpose of the operation, in Swedish (e)", from: "catalogue: actions.csv name_sv"}.sv("Insatsens syfte på svenska (e)"),
	column{name: "achievements", title: "Achievements: indicator achieved / expected (e)", from: "mart_operation_indicators.achieved_value with its target, formatted"}.sv("Resultat: indikator uppnått / förväntat (e)"),
	column{name: "start_date", title: "Start date (f)", from: "start_date"}.sv("Startdatum (f)"),
	column{name: "end_date", title: "Expected or actual end date (g)", from: "end_date"}.sv("Förväntat eller faktiskt slutdatum (g)"),
	column{name: "end_date_actual", title: "The end date is the actual one", from: "end_date_actual"}.sv("Slutdatumet är det faktiska"),
	column{name: "total_cost_eur", title: "Total cost of the operation (h)", from: "total_cost_eur"}.sv("Insatsens totala kostnad (h)"),
	column{name: "eu_contribution_eur", title: "Union contribution", from: "eu_contribution_eur"}.sv("Unionens bidrag"),
	column{name: "fund", title: "Fund (i)", from: "fund"}.sv("Fond (i)"),
	column{name: "so", title: "Specific objective (j)", from: "so"}.sv("Specifikt mål (j)"),
	column{name: "so_name_en", title: "Specific objective (name)", from: "catalogue: specific_objectives.csv name_en"}.sv("Specifikt mål (namn på engelska)"),
	column{name: "so_name_sv", title: "Specific objective (name in Swedish)", from: "catalogue: specific_objectives.csv name_sv"}.sv("Specifikt mål (namn)"),
	column{name: "cofinancing_rate_pct", title: "Union co-financing rate (%) (k)", from: "cofinancing_rate_tenths"}.sv("Unionens medfinansieringsgrad (%) (k)"),
	column{name: "country", title: "Country (l)", from: "country"}.sv("Land (l)"),
	column{name: "location", title: "Location indicator (l)", from: "location"}.sv("Platsindikator (l)"),
	column{name: "intervention_field", title: "Type of intervention: intervention field (n)", from: "intervention_field"}.sv("Typ av intervention: interventionsområde (n)"),
	column{name: "type_of_action", title: "Type of intervention: type of action (n)", from: "type_of_action"}.sv("Typ av intervention: typ av åtgärd (n)"),
	column{name: "implementation_modality", title: "Type of intervention: implementation modality (n)", from: "implementation_modality"}.sv("Typ av intervention: genomförandeform (n)"),
	column{name: "status", title: "Status of the operation", from: "status"}.sv("Insatsens status"),
	column{name: "selected_on", title: "Selected for support on", from: "selected_on"}.sv("Utvald för stöd den"),
}}

// operationJSON is one operation of operations.json: the CSV's columns, with the indicators
// as a list instead of the achievements text, money and rates as exact decimal text.
type operationJSON struct {
	Code                   string             `json:"operation_code"`
	Name                   string             `json:"operation_name"`
	Beneficiary            *string            `json:"beneficiary"`
	BeneficiaryType        string             `json:"beneficiary_type"`
	Action                 string             `json:"action"`
	PurposeEN              string             `json:"purpose_en"`
	PurposeSV              string             `json:"purpose_sv"`
	Indicators             []operationIndJSON `json:"indicators"`
	Start                  string             `json:"start_date"`
	End                    string             `json:"end_date"`
	EndActual              bool               `json:"end_date_actual"`
	TotalCost              string             `json:"total_cost_eur"`
	EUContribution         string             `json:"eu_contribution_eur"`
	Fund                   string             `json:"fund"`
	SO                     int                `json:"so"`
	SONameEN               string             `json:"so_name_en"`
	SONameSV               string             `json:"so_name_sv"`
	CofinancingRate        string             `json:"cofinancing_rate_pct"`
	Country                string             `json:"country"`
	Location               string             `json:"location"`
	InterventionField      string             `json:"intervention_field"`
	TypeOfAction           string             `json:"type_of_action"`
	ImplementationModality string             `json:"implementation_modality"`
	Status                 string             `json:"status"`
	SelectedOn             string             `json:"selected_on"`
}

type operationIndJSON struct {
	Indicator string `json:"indicator"`
	Expected  int64  `json:"expected"`
	Achieved  int64  `json:"achieved"`
}

// WriteOperations writes exports/operations/ under outDir: the list of operations of CPR Art
// 49(3) as operations.csv, operations.json and operations.xlsx, with manifest.json, as of the
// latest cut-off computed. Every run rewrites it.
func WriteOperations(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteOperations"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	dst := filepath.Join(outDir, "exports", "operations")
	cutoff := ""
	if cs := sortedCutoffs(res.Cutoffs); len(cs) > 0 {
		cutoff = cs[len(cs)-1].String()
	}
	t := table{tableDef: operationsDef}
	var list []operationJSON
	var unverified []string
	for _, v := range res.Operations {
		purposeEN, purposeSV, soEN, soSV := "", "", soName(cat, v.SO), ""
		if cat != nil {
			if a, ok := cat.Action(v.Action); ok {
				purposeEN, purposeSV = a.NameEN, a.NameSV
			}
			for _, s := range cat.SOs {
				if s.SO == v.SO {
					soSV = s.NameSV
				}
			}
			for d, code := range v.Codes {
				if ic, ok := cat.InterventionCode(catalogue.Dimensions[d], code); !ok || ic.Status != catalogue.CodeVerified {
					if u := catalogue.Dimensions[d] + " " + code; !slices.Contains(unverified, u) {
						unverified = append(unverified, u)
					}
				}
			}
		}
		var achievements []string
		inds := make([]operationIndJSON, 0, len(v.Indicators))
		for _, i := range v.Indicators {
			achievements = append(achievements, fmt.Sprintf("%s %d / %d", i.Indicator, i.Achieved, i.Target))
			inds = append(inds, operationIndJSON{Indicator: i.Indicator, Expected: i.Target, Achieved: i.Achieved})
		}
		beneficiary := cell{kind: emptyCell}
		var beneficiaryJSON *string
		if v.BeneficiaryPublished {
			beneficiary, beneficiaryJSON = text(v.Beneficiary), &v.Beneficiary
		}
		t.rows = append(t.rows, []cell{
			date(v.Cutoff.Date), text(v.ProjectID), text(v.Title), beneficiary, text(v.BeneficiaryType), text(v.Action),
			text(purposeEN), text(purposeSV), text(strings.Join(achievements, "; ")),
			date(v.Start), date(v.End), boolean(v.EndActual), money(v.TotalCost), money(v.EUContribution),
			text(v.Fund), integer(int64(v.SO)), text(soEN), text(soSV), pct(v.CofinancingRate),
			text(v.Country), text(v.Location), text(v.Codes[0]), text(v.Codes[1]), text(v.Codes[2]),
			text(v.Status), date(v.SelectedOn),
		})
		list = append(list, operationJSON{Code: v.ProjectID, Name: v.Title, Beneficiary: beneficiaryJSON, BeneficiaryType: v.BeneficiaryType,
			Action: v.Action, PurposeEN: purposeEN, PurposeSV: purposeSV, Indicators: inds,
			Start: v.Start.String(), End: v.End.String(), EndActual: v.EndActual, TotalCost: v.TotalCost.String(), EUContribution: v.EUContribution.String(),
			Fund: v.Fund, SO: int(v.SO), SONameEN: soEN, SONameSV: soSV, CofinancingRate: v.CofinancingRate.String(),
			Country: v.Country, Location: v.Location, InterventionField: v.Codes[0], TypeOfAction: v.Codes[1], ImplementationModality: v.Codes[2],
			Status: v.Status, SelectedOn: v.SelectedOn.String()})
	}
	slices.Sort(unverified)
	csvData, err := t.csvBytes()
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	jsonData, err := operationsJSON(cutoff, list)
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	notes := []string{
		fmt.Sprintf("List of operations (%s), as of the cut-off %s: every operation selected by then and not cancelled.", OperationsLegalBasis, cutoff),
		"Text that a spreadsheet would run as a formula is written with a leading apostrophe, here and in the CSV; operations.json keeps it as written.",
	}
	if cat != nil && cat.Publication.Assumed {
		notes = append(notes, "Publication settings: "+cat.Publication.Note)
	}
	notes = append(notes, codeNotes(unverified, cat)...)
	xlsxData, err := bilingualWorkbook("List of operations "+cutoff, meta.DataAsOfTime, notes, t)
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	files := []file{
		{name: "operations.csv", data: csvData, rows: len(t.rows)},
		{name: "operations.json", data: jsonData, rows: len(t.rows)},
		{name: "operations.xlsx", data: xlsxData, rows: len(t.rows)},
	}
	files, err = withManifest(files, res, meta.catalogueHash(cat), meta, unverified, func(p Provenance) any {
		m := OperationsManifest{CutoffDate: cutoff, Operations: len(t.rows), LegalBasis: OperationsLegalBasis, Columns: columnHeaders(t), Provenance: p}
		if cat != nil && cat.Publication.Assumed {
			m.PublicationAssumed, m.PublicationNote = true, cat.Publication.Note
		}
		return m
	})
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	if err := writeFolder(dst, files); err != nil {
		return nil, err
	}
	return []string{dst}, nil
}

// operationsJSON renders the list as one JSON document, indented, in the list's order.
func operationsJSON(cutoff string, list []operationJSON) ([]byte, error) {
	if list == nil {
		list = []operationJSON{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		CutoffDate string          `json:"cutoff_date"`
		LegalBasis string          `json:"legal_basis"`
		Operations []operationJSON `json:"operations"`
	}{cutoff, OperationsLegalBasis, list})
	return b.Bytes(), err
}
