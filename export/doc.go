// Package export writes the Commission-facing tables: the CPR Art 42 data transmission for each
// cut-off (exports/sfc/<version>/) and the tables of the AMIF Art 35 annual performance report
// (exports/apr/<year>/), as CSV, XLSX and a manifest of row counts and SHA-256 sums.
//
// Every folder is written whole in a temporary folder and swapped in atomically, and its bytes
// depend only on the figures, the catalogue and the run it reflects, never on the wall clock.
package export
