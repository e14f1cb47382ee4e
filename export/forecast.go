package export

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// ForecastManifest is manifest.json of one forecast of payment applications.
type ForecastManifest struct {
	DueDate    string `json:"due_date"`
	CutoffDate string `json:"cutoff_date"`
	Method     string `json:"method"`
	Provenance
}

var forecastDef = tableDef{name: "forecast", path: "exports/forecast/<due date>/forecast.csv", mart: "mart_forecast", columns: []column{
	{name: "due_date", title: "To be sent by (CPR Art 69(10))", from: "due_date"},
	{name: "cutoff_date", title: "Data as of (cut-off date)", from: "cutoff_date"},
	colSO,
	{name: "year", title: "Current calendar year", from: "year"},
	{name: "eu_contribution_current_year_eur", title: "Union contribution expected to be claimed in the current year", from: "current_year_eur"},
	{name: "next_year", title: "Next calendar year", from: "next_year"},
	{name: "eu_contribution_next_year_eur", title: "Union contribution expected to be claimed in the next year", from: "next_year_eur"},
	{name: "operations", title: "Operations with Union contribution still to claim", from: "operations"},
	{name: "method", title: "Method", from: "transform.ForecastMethod: the method mart_forecast.sql states, in words"},
}}

// WriteForecast writes exports/forecast/<due date>/ under outDir for every forecast of payment
// applications in res (CPR Art 69(10): due 31 January and 31 July): forecast.csv, the same as a
// workbook, and manifest.json. It returns the folders written.
func WriteForecast(outDir string, res *metrics.Results, cat *catalogue.Catalogue, meta Meta) ([]string, error) {
	const op errs.Op = "export.WriteForecast"
	if res == nil {
		return nil, errs.E(op, errs.Path(outDir), errs.Internal, "no results to export")
	}
	byDue := map[domain.Date][]metrics.ForecastValue{}
	var dues []domain.Date
	for _, v := range res.Forecast {
		if byDue[v.DueDate] == nil {
			dues = append(dues, v.DueDate)
		}
		byDue[v.DueDate] = append(byDue[v.DueDate], v)
	}
	var written []string
	for _, due := range sortedDates(dues) {
		rows := byDue[due]
		metrics.SortForecast(rows)
		dst := filepath.Join(outDir, "exports", "forecast", due.String())
		t := table{tableDef: forecastDef}
		for _, v := range rows {
			t.rows = append(t.rows, []cell{date(v.DueDate), date(v.Cutoff.Date), text(v.SO), integer(int64(v.Year)),
				money(v.CurrentYear), integer(int64(v.NextYear)), money(v.Next), integer(v.Operations), text(res.ForecastMethod)})
		}
		csvData, err := t.csvBytes()
		if err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		notes := []string{fmt.Sprintf("Forecast of payment applications (CPR Art 69(10)) due %s, from the data at cut-off %s.", due, rows[0].Cutoff),
			"Method: " + res.ForecastMethod}
		xlsxData, err := meta.xlsx(path.Join("exports", "forecast", due.String(), "forecast.xlsx"), "forecast "+due.String(), notes, t)
		if err != nil {
			return written, errs.E(op, errs.Path(dst), errs.Internal, err)
		}
		files := []file{{name: "forecast.csv", data: csvData, rows: len(t.rows)}, {name: "forecast.xlsx", data: xlsxData, rows: len(t.rows)}}
		files, err = withManifest(files, res, meta.catalogueHash(cat), meta, nil, func(p Provenance) any {
			return ForecastManifest{DueDate: due.String(), CutoffDate: rows[0].Cutoff.String(), Method: res.ForecastMethod, Provenance: p}
		})
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

func sortedDates(ds []domain.Date) []domain.Date {
	out := slices.Clone(ds)
	slices.Sort(out)
	return out
}
