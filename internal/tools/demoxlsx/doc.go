// Command demoxlsx writes the XLSX reports of the demo inbox (data/demo/reports) from the fixed
// table in workbooks.go, so that the committed spreadsheets can be reviewed as code and rebuilt.
//
// Its output is deterministic: fixed document properties and zip entry order give the same bytes
// on every run, so `go run ./internal/tools/demoxlsx` leaves a clean tree unless the table changed.
package main
