package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"mittari/catalogue"
	"mittari/internal/errs"
	"mittari/metrics"
)

// OpenDataManifest is manifest.json of exports/opendata/.
type OpenDataManifest struct {
	Cutoffs []string `json:"cutoff_dates"`
	// Rule states the small-count suppression in words; SmallCount and ProtectedUnits are its
	// settings (data/programme/publication.csv).
	Rule           string         `json:"rule"`
	SmallCount     int            `json:"small_count"`
	ProtectedUnits []string       `json:"protected_units"`
	Columns        []ColumnHeader `json:"columns"`
	Provenance
}

var openDataDef = tableDef{name: "indicators", path: "exports/opendata/indicators.csv", mart: "mart_opendata_indicators", columns: []column{
	colCutoff.sv("Brytdatum"),
	colSO.sv("Specifikt mål"),
	colIndicator.sv("Indikatorkod"),
	column{name: "indicator_name_en", title: "Indicator", from: "catalogue: indicators.csv name_en"}.sv("Indikator (engelska)"),
	column{name: "indicator_name_sv", title: "Indicator (Swedish)", from: "catalogue: indicators.csv name_sv"}.sv("Indikator"),
	colUnit.sv("Måttenhet"),
	column{name: "level", title: "Level (so: the specific objective as a whole; action: one action)", from: "level"}.sv("Nivå (so: hela det specifika målet; action: en åtgärd)"),
	column{name: "action", title: "Action", from: "action"}.sv("Åtgärd"),
	column{name: "selected_value", title: "Value for selected operations", from: "selected_value"}.sv("Värde för utvalda insatser"),
	column{name: "achieved_value", title: "Value achieved (<5: 1 to 4 people; ..: withheld)", from: "published_value"}.sv("Uppnått värde (<5: 1–4 personer; ..: undanhållet)"),
	column{name: "suppression", title: "Suppression (primary: a small count; secondary: withheld to protect one)", from: "suppression"}.sv("Undertryckning (primary: litet antal; secondary: undanhållet för att skydda ett)"),
}}

// openDataRule states the small-count rule of mart_opendata_indicators for the reader.
func openDataRule(p catalogue.Publication) string {
	k := p.SmallCount
	return fmt.Sprintf("In the units that count people (%s), an achieved value from 1 to %d is published as <%d (primary suppression). "+
		"Each cut-off and indicator is one table whose action rows add up to its SO row. Where the published values of that table "+
		"would narrow a <%d cell below the whole range 1 to %d, one more cell is withheld as .. (secondary suppression): the smallest "+
		"other non-zero action value, else the SO's value; and an SO value of 1 to %d whose row holds two or more such counts is "+
		"withheld as .. rather than <%d. Every withheld cell can therefore take, given its table, every value from 1 to %d (a primary "+
		"cell) or more than one value (any other). Zeros are published: they are no one. Not covered: differences of one cell "+
		"between cut-offs (values are cumulative), and the report site, which shows the figures unsuppressed.",
		strings.Join(p.ProtectedUnits, ", "), k-1, k, k, k-1, k-1, k, k-1)
}

// WriteOpenData writes exports/opendata/ under outDir: the indicator values per SO and action
// of every June and December cut-off computed, with small counts of people suppressed
// (mart_opendata_indicators), as indicators.csv and indicators.json, with manifest.json stating
// the rule.
func WriteOpenData(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteOpenData"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	dst := filepath.Join(outDir, "exports", "opendata")
	t := table{tableDef: openDataDef}
	type rowJSON struct {
		Cutoff      string `json:"cutoff_date"`
		SO          int    `json:"so"`
		Indicator   string `json:"indicator"`
		NameEN      string `json:"indicator_name_en"`
		NameSV      string `json:"indicator_name_sv"`
		Unit        string `json:"unit"`
		Level       string `json:"level"`
		Action      string `json:"action"`
		Selected    int64  `json:"selected_value"`
		Achieved    string `json:"achieved_value"`
		Suppression string `json:"suppression"`
	}
	rows := []rowJSON{}
	var cutoffs []string
	for _, v := range res.OpenData {
		if c := v.Cutoff.String(); len(cutoffs) == 0 || cutoffs[len(cutoffs)-1] != c {
			cutoffs = append(cutoffs, c)
		}
		en, sv := indicatorNames(cat, v.Indicator)
		level := "action"
		if v.Action == "" {
			level = "so"
		}
		t.rows = append(t.rows, []cell{date(v.Cutoff.Date), integer(int64(v.SO)), text(v.Indicator), text(en), text(sv), text(v.Unit),
			text(level), text(v.Action), integer(v.Selected), text(v.Published), text(v.Suppression)})
		rows = append(rows, rowJSON{v.Cutoff.String(), int(v.SO), v.Indicator, en, sv, v.Unit, level, v.Action, v.Selected, v.Published, v.Suppression})
	}
	var pub catalogue.Publication
	if cat != nil {
		pub = cat.Publication
	}
	rule := openDataRule(pub)
	csvData, err := t.csvBytes()
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Rule       string    `json:"rule"`
		Indicators []rowJSON `json:"indicators"`
	}{rule, rows}); err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	files := []file{
		{name: "indicators.csv", data: csvData, rows: len(t.rows)},
		{name: "indicators.json", data: b.Bytes(), rows: len(t.rows)},
	}
	files, err = withManifest(files, res, meta.catalogueHash(cat), meta, nil, func(p Provenance) any {
		return OpenDataManifest{Cutoffs: cutoffs, Rule: rule, SmallCount: pub.SmallCount, ProtectedUnits: pub.ProtectedUnits,
			Columns: columnHeaders(t), Provenance: p}
	})
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.Internal, err)
	}
	if err := writeFolder(dst, files); err != nil {
		return nil, err
	}
	return []string{dst}, nil
}
