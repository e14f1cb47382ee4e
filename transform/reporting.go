package transform

import (
	"context"
	"database/sql"

	"mittari/catalogue"
	"mittari/internal/errs"
)

// siteInputs are the catalogue tables the completeness models read beyond the others: when each
// kind of report is due (reporting.csv).
var siteInputs = []string{"cat_reporting"}

var qReportingTable = sqlQuery("reporting_table")

// loadReportingCatalogue puts the reporting deadlines into cat_reporting (report 'H1', 'H2' or
// 'final', due_days). A catalogue without them cannot say which reports are missing or late.
func loadReportingCatalogue(ctx context.Context, conn *sql.Conn, cat *catalogue.Catalogue) error {
	const op errs.Op = "transform.loadReportingCatalogue"
	if err := execQuery(ctx, conn, qReportingTable); err != nil {
		return err
	}
	var rows [][]any
	for _, kind := range catalogue.ReportingKinds {
		d, ok := cat.Due(kind)
		if !ok {
			return errs.E(op, errs.Path(catalogue.FileReporting), errs.Config,
				"the catalogue gives no due date for the "+kind+" report: add its row to "+catalogue.FileReporting)
		}
		rows = append(rows, []any{d.Report, int32(d.DueDays)})
	}
	return appendRows(ctx, conn, "cat_reporting", rows)
}
