// Package export writes the tables Mittari publishes and sends (the CPR Art 42 transmissions, the
// forecasts, the annual performance reports, the list of operations and the open data) as CSV,
// XLSX or JSON folders with a manifest of row counts and SHA-256 sums. It only formats: every
// figure, share and suppression is a column of a mart (LINEAGE.md).
package export
