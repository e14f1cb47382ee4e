// Package read turns report and register files (CSV, XLSX, JSON, JSON Lines) into raw cells
// that remember where each value stood, reading the spellings Finnish and Swedish Excel write
// (day.month.year, decimal commas, semicolons, UTF-16) as the contract's and refusing the
// ambiguous ones, but otherwise without judging the values.
//
// Every reader streams and enforces limits (line length, record size, rows, unzipped size, JSON
// depth and value size), so that a hostile file costs bounded memory and ends in a *Problem that
// names the file and the place, and whose cause errors.Is can test, never in a crash.
package read
