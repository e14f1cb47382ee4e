package export

import (
	"bytes"
	"fmt"
	"strings"
)

// tableDefs are every table the exports write, in the order LINEAGE.md lists them.
var tableDefs = []tableDef{sfcIndicatorDef, sfcFinancialDef, sfcInterventionDef, forecastDef,
	aprProgressDef, aprFinancialDef, aprSO4Def, aprIssuesDef, operationsDef, openDataDef}

// modelsDir is where the marts' model files are, relative to the repository root.
const modelsDir = "transform/models/marts"

// source is where one exported column's values come from: a column of a mart (and so a model
// file), with a note, or something else (the catalogue, the method) as the definition says it.
type source struct {
	mart, column, note string
	other              string
}

// sourceOf reads a column definition's from: it begins with "col" (a column of the table's mart)
// or "mart_x.col" (of another mart), optionally followed by a note; anything else (e.g.
// "catalogue: indicators.csv name_en") is not a mart's column.
func sourceOf(def tableDef, c column) source {
	first, note, _ := strings.Cut(c.from, " ")
	if mart, col, ok := strings.Cut(first, "."); ok && strings.HasPrefix(mart, "mart_") && isIdentifier(col) {
		return source{mart: mart, column: col, note: note}
	}
	if isIdentifier(first) {
		return source{mart: def.mart, column: first, note: note}
	}
	return source{other: c.from}
}

func isIdentifier(s string) bool {
	for _, r := range s {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) {
			return false
		}
	}
	return s != ""
}

// lineageMarkdown renders LINEAGE.md: for every exported file, the mart its rows come from and,
// column by column, the mart column and model file behind it.
func lineageMarkdown() []byte {
	var b bytes.Buffer
	b.WriteString(`# Where every exported figure comes from

Generated from the table definitions of package export (` + "`go test ./export -run TestLineage -update`" + `);
a test fails when it is stale. Every figure is computed in SQL, in the model file named here;
export only formats it (money with two decimals, percentages with one, dates as dates). Columns
marked *workbook only* are in the XLSX beside the codes, not in the CSV, which keeps the
interface contract's shape.

`)
	for _, def := range tableDefs {
		fmt.Fprintf(&b, "## `%s` (and the `%s` sheet of its workbook)\n\nRows from `%s` (`%s/%s.sql`).\n\n",
			def.path, def.name, def.mart, modelsDir, def.mart)
		b.WriteString("| column | workbook title | comes from |\n|---|---|---|\n")
		for _, c := range def.columns {
			name := "`" + c.name + "`"
			if c.xlsxOnly {
				name += " (workbook only)"
			}
			src := sourceOf(def, c)
			where := src.other
			if src.mart != "" {
				where = strings.TrimSpace(fmt.Sprintf("`%s.%s` in `%s/%s.sql` %s", src.mart, src.column, modelsDir, src.mart, src.note))
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", name, strings.ReplaceAll(c.title, "|", `\|`), strings.ReplaceAll(where, "|", `\|`))
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}
