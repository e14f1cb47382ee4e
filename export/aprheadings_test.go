package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mittari/catalogue"
	"mittari/internal/errs"
	"mittari/internal/testcat"
)

// TestEmbeddedAPRHeadingsComplete: the programme's apr_headings.csv heads every column of every
// table of the annual performance report, in English and Swedish, and names no other column.
func TestEmbeddedAPRHeadingsComplete(t *testing.T) {
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := checkAPRHeadings(cat); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range aprDefs {
		for _, c := range d.columns {
			if h, ok := cat.APRHeading(d.name, c.name); !ok || h.TitleEN == "" || h.TitleSV == "" {
				t.Errorf("%s: column %s has no heading (%+v)", catalogue.FileAPRHeadings, d.name+"."+c.name, h)
			}
			n++
		}
	}
	if n != len(cat.APRHeadings) {
		t.Errorf("%d columns, %d headings", n, len(cat.APRHeadings))
	}
}

// TestAPRHeadingsFromCatalogue: a heading changed in the catalogue heads the workbook's column
// and the manifest's list of columns, while the CSV keeps the column's name; a heading of a
// column the report does not have stops the export with a configuration error.
func TestAPRHeadingsFromCatalogue(t *testing.T) {
	parts := testcat.Parts()
	parts.APRHeadings = []catalogue.APRHeading{{Table: "financial", Column: "eligible_cost_eur",
		TitleEN: "Total eligible cost of operations selected for support", TitleSV: "Totala stödberättigande kostnader (mall)"}}
	cat, err := catalogue.New(parts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Write(dir, testResults(), cat, testMeta); err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, dir)
	f, err := excelize.OpenReader(bytes.NewReader(files["exports/apr/2026/apr.xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("financial")
	if err != nil || len(rows) < 2 {
		t.Fatalf("financial sheet: %v", err)
	}
	col := -1
	for j, c := range aprFinancialDef.columns {
		if c.name == "eligible_cost_eur" {
			col = j
		}
	}
	if rows[0][col] != parts.APRHeadings[0].TitleEN || rows[1][col] != parts.APRHeadings[0].TitleSV {
		t.Errorf("workbook heads the column %q / %q, want the catalogue's", rows[0][col], rows[1][col])
	}
	var m APRManifest
	if err := json.Unmarshal(files["exports/apr/2026/manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range m.Columns {
		if c.File == "financial.csv" && c.Name == "eligible_cost_eur" {
			found = c.TitleSV == parts.APRHeadings[0].TitleSV
		}
	}
	if !found {
		t.Error("the manifest does not list the catalogue's heading")
	}
	if !strings.Contains(string(files["exports/apr/2026/financial.csv"]), "eligible_cost_eur") {
		t.Error("the CSV lost the column's name")
	}

	parts.APRHeadings[0].Column = "eligible_cost"
	if cat, err = catalogue.New(parts); err != nil {
		t.Fatal(err)
	}
	_, err = Write(t.TempDir(), testResults(), cat, testMeta)
	if err == nil || !errs.Is(errs.Config, err) || !strings.Contains(err.Error(), `a column "eligible_cost" of the table financial`) {
		t.Errorf("a heading of an unknown column: %v, want a configuration error naming it", err)
	}
}
