// Package read turns report and register files (CSV, XLSX, JSON, JSON Lines) into raw cells
// that remember where each value stood, without judging the values.
//
// Every reader streams and enforces limits (line length, record size, rows, unzipped size, JSON
// depth and value size), so that a hostile file costs bounded memory and ends in a *Problem that
// names the file and the place, never in a crash.
package read
