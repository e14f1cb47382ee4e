// Package export writes the Commission-facing tables: the CPR Art 42 data transmission for each
// cut-off (exports/sfc/<version>/) and the tables of the AMIF Art 35 annual performance report
// (exports/apr/<year>/), as CSV, XLSX and a manifest of row counts and SHA-256 sums.
//
// Every folder is written whole in a temporary folder and swapped in atomically, and its bytes
// depend only on the figures, the catalogue and the run it reflects, never on the wall clock.
//
// exports/sfc/<version>/ holds indicators.csv/.xlsx (June and December cut-offs only),
// financial.csv/.xlsx and manifest.json, with the columns the interface contract fixes.
//
// exports/apr/<year>/, for each year whose 31 December cut-off was computed (the report due on
// 15 February of the next year), holds:
//   - progress.csv: per SO and indicator the achieved value, the 2024 milestone and 2029 target
//     with the achieved share of each (per cent, one decimal; empty where the goal is missing or
//     zero), and the projection to 2029 with whether it reaches the target;
//   - financial.csv: the Art 42 financial table of that cut-off with declared expenditure as a
//     share of the allocation and of the eligible cost;
//   - so4_persons.csv: persons resettled (R.4.4), admitted (R.4.5) and transferred (R.4.3),
//     cumulative and within the year;
//   - apr.xlsx: the three tables as sheets after a notes sheet (which repeats the catalogue's note
//     when the milestones and targets are illustrative), and manifest.json.
//
// Before writing, the tables are checked as the Commission's system would check them (an SO
// total equals the sum of its support types, each indicator under the SO its code names); a
// breach is an internal error and nothing is written.
package export
