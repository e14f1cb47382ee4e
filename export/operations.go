package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
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
// 49(3) (meta.Operations; none when nil) as operations.csv, operations.json and operations.xlsx,
// with manifest.json, as of the latest cut-off computed. The list is streamed: one operation at
// a time goes through memory, read twice (the workbook's column widths come from a first pass).
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
	list := meta.Operations
	if list == nil {
		list = noOperations{}
	}
	listDigest, err := list.Digest()
	if err != nil {
		return nil, err
	}
	d := newDigest("operations")
	d.str(meta.catalogueHash(cat))
	d.str(cutoff)
	d.str(listDigest)
	digest := d.sum()
	const rel = "exports/operations"
	if prev, ok := meta.Carry.previous(rel, digest); ok {
		if err := carryOperations(dst, prev, res, cat, meta); err == nil {
			meta.Carry.took(rel, digest)
			return []string{dst}, nil
		}
	}
	fw, err := newFolder(dst)
	if err != nil {
		return nil, err
	}
	defer fw.discard()

	// First pass: the CSV and JSON files, the workbook's column widths, the codes not verified.
	csvFile, err := fw.create("operations.csv")
	if err != nil {
		return nil, err
	}
	defer csvFile.abandon()
	jsonFile, err := fw.create("operations.json")
	if err != nil {
		return nil, err
	}
	defer jsonFile.abandon()
	t := table{tableDef: operationsDef}
	cw := csv.NewWriter(csvFile)
	cols := t.csvColumns()
	rec := make([]string, len(cols))
	for i, j := range cols {
		rec[i] = t.columns[j].name
	}
	cw.Write(rec)
	jw, err := newOperationsJSON(jsonFile, cutoff)
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	widths := sheetWidths(t.columns)
	var unverified []string
	rows := 0
	err = list.Each(func(v *metrics.ListedOperation) error {
		row, js := operationRow(v, cat, &unverified)
		for k, j := range cols {
			rec[k] = row[j].String()
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		rows++
		if err := jw.add(js); err != nil {
			return err
		}
		return widen(widths, row)
	})
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if err == nil {
		err = jw.close()
	}
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	var entries []FileEntry
	for _, f := range []*streamedFile{csvFile, jsonFile} {
		e, err := f.close(rows)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	slices.Sort(unverified)

	// Second pass: the workbook.
	notes := []string{
		fmt.Sprintf("List of operations (%s), as of the cut-off %s: every operation selected by then and not cancelled.", OperationsLegalBasis, cutoff),
		"Text that a spreadsheet would run as a formula is written with a leading apostrophe, here and in the CSV; operations.json keeps it as written.",
	}
	if cat != nil && cat.Publication.Assumed {
		notes = append(notes, "Publication settings: "+cat.Publication.Note)
	}
	notes = append(notes, codeNotes(unverified, cat)...)
	xlsxFile, err := fw.create("operations.xlsx")
	if err != nil {
		return nil, err
	}
	defer xlsxFile.abandon()
	err = streamedWorkbook(xlsxFile, fw.tmp, "List of operations "+cutoff, meta.DataAsOfTime, notes, t.tableDef, widths,
		func(yield func([]cell) error) error {
			var ignored []string
			return list.Each(func(v *metrics.ListedOperation) error {
				row, _ := operationRow(v, cat, &ignored)
				return yield(row)
			})
		})
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	e, err := xlsxFile.close(rows)
	if err != nil {
		return nil, err
	}
	entries = append(entries, e)

	mb, err := manifestBytes(operationsManifest(cutoff, rows, cat, provenance(res, meta.catalogueHash(cat), meta, unverified, entries)))
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	if err := fw.write("manifest.json", mb); err != nil {
		return nil, err
	}
	if err := fw.commit(); err != nil {
		return nil, err
	}
	meta.Carry.record(rel, digest)
	return []string{dst}, nil
}

// carryOperations writes the list of operations at dst from prev, the folder the published
// generation holds from the same inputs: the CSV and JSON files as they are (linked), the
// workbook redated, the manifest made anew from the one there with this export's provenance.
func carryOperations(dst, prev string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) error {
	b, err := os.ReadFile(filepath.Join(prev, "manifest.json"))
	if err != nil {
		return err
	}
	var old OperationsManifest
	if err := json.Unmarshal(b, &old); err != nil {
		return err
	}
	entries := map[string]FileEntry{}
	for _, e := range old.Files {
		entries[e.Name] = e
	}
	fw, err := newFolder(dst)
	if err != nil {
		return err
	}
	defer fw.discard()
	var files []FileEntry
	for _, name := range []string{"operations.csv", "operations.json"} {
		e, ok := entries[name]
		if !ok {
			return fs.ErrNotExist
		}
		if err := fw.link(name, filepath.Join(prev, name)); err != nil {
			return err
		}
		files = append(files, e)
	}
	in, err := os.Open(filepath.Join(prev, "operations.xlsx"))
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := fw.create("operations.xlsx")
	if err != nil {
		return err
	}
	defer out.abandon()
	if err := redate(in, st.Size(), out, "List of operations "+old.CutoffDate, meta.DataAsOfTime); err != nil {
		return err
	}
	e, err := out.close(old.Operations)
	if err != nil {
		return err
	}
	files = append(files, e)
	mb, err := manifestBytes(operationsManifest(old.CutoffDate, old.Operations, cat,
		provenance(res, meta.catalogueHash(cat), meta, old.UnverifiedCodes, files)))
	if err != nil {
		return err
	}
	if err := fw.write("manifest.json", mb); err != nil {
		return err
	}
	return fw.commit()
}

// operationsManifest is the manifest of a list of operations of rows operations as of cutoff.
func operationsManifest(cutoff string, rows int, cat *catalogue.Catalogue, p Provenance) OperationsManifest {
	m := OperationsManifest{CutoffDate: cutoff, Operations: rows, LegalBasis: OperationsLegalBasis, Columns: columnHeaders(table{tableDef: operationsDef}), Provenance: p}
	if cat != nil && cat.Publication.Assumed {
		m.PublicationAssumed, m.PublicationNote = true, cat.Publication.Note
	}
	return m
}

// noOperations is the list of operations when none was given.
type noOperations struct{}

func (noOperations) Digest() (string, error)                         { return "", nil }
func (noOperations) Each(func(*metrics.ListedOperation) error) error { return nil }

// operationRow is an operation's row of the CSV file and workbook, and its object in the JSON
// file; the Annex VI codes it uses that are not verified are added to unverified.
func operationRow(v *metrics.ListedOperation, cat *catalogue.Catalogue, unverified *[]string) ([]cell, operationJSON) {
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
				if u := catalogue.Dimensions[d] + " " + code; !slices.Contains(*unverified, u) {
					*unverified = append(*unverified, u)
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
		b := v.Beneficiary
		beneficiary, beneficiaryJSON = text(b), &b
	}
	row := []cell{
		date(v.Cutoff.Date), text(v.ProjectID), text(v.Title), beneficiary, text(v.BeneficiaryType), text(v.Action),
		text(purposeEN), text(purposeSV), text(strings.Join(achievements, "; ")),
		date(v.Start), date(v.End), boolean(v.EndActual), money(v.TotalCost), money(v.EUContribution),
		text(v.Fund), integer(int64(v.SO)), text(soEN), text(soSV), pct(v.CofinancingRate),
		text(v.Country), text(v.Location), text(v.Codes[0]), text(v.Codes[1]), text(v.Codes[2]),
		text(v.Status), date(v.SelectedOn),
	}
	js := operationJSON{Code: v.ProjectID, Name: v.Title, Beneficiary: beneficiaryJSON, BeneficiaryType: v.BeneficiaryType,
		Action: v.Action, PurposeEN: purposeEN, PurposeSV: purposeSV, Indicators: inds,
		Start: v.Start.String(), End: v.End.String(), EndActual: v.EndActual, TotalCost: v.TotalCost.String(), EUContribution: v.EUContribution.String(),
		Fund: v.Fund, SO: int(v.SO), SONameEN: soEN, SONameSV: soSV, CofinancingRate: v.CofinancingRate.String(),
		Country: v.Country, Location: v.Location, InterventionField: v.Codes[0], TypeOfAction: v.Codes[1], ImplementationModality: v.Codes[2],
		Status: v.Status, SelectedOn: v.SelectedOn.String()}
	return row, js
}

// operationsJSONWriter writes operations.json an operation at a time: the document
// {cutoff_date, legal_basis, operations: [...]} with each operation compact on a line of its own,
// so that the file stays readable a line per operation without indentation tripling its size.
type operationsJSONWriter struct {
	w   io.Writer
	enc *json.Encoder
	buf bytes.Buffer
	n   int
}

func newOperationsJSON(w io.Writer, cutoff string) (*operationsJSONWriter, error) {
	jw := &operationsJSONWriter{w: w}
	jw.enc = json.NewEncoder(&jw.buf)
	jw.enc.SetEscapeHTML(false)
	head := struct {
		CutoffDate string `json:"cutoff_date"`
		LegalBasis string `json:"legal_basis"`
	}{cutoff, OperationsLegalBasis}
	if err := jw.enc.Encode(head); err != nil {
		return nil, err
	}
	// Keep the opening and the fields, without the closing brace, and open the list.
	b := bytes.TrimSuffix(jw.buf.Bytes(), []byte("}\n"))
	if _, err := w.Write(append(b, []byte(`,"operations":[`)...)); err != nil {
		return nil, err
	}
	return jw, nil
}

func (jw *operationsJSONWriter) add(v operationJSON) error {
	jw.buf.Reset()
	if jw.n > 0 {
		jw.buf.WriteByte(',')
	}
	jw.buf.WriteByte('\n')
	if err := jw.enc.Encode(v); err != nil {
		return err
	}
	jw.n++
	_, err := jw.w.Write(bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n")))
	return err
}

func (jw *operationsJSONWriter) close() error {
	end := "\n]}\n"
	if jw.n == 0 {
		end = "]}\n"
	}
	_, err := io.WriteString(jw.w, end)
	return err
}
