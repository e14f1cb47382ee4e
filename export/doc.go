// Package export writes the tables Mittari publishes and sends: the CPR Art 42 data transmission
// for each cut-off (exports/sfc/<version>/), the forecasts of payment applications
// (exports/forecast/<due date>/), the AMIF Art 35 annual performance report's tables for each
// accounting year ended (exports/apr/<year>/), the list of operations of CPR Art 49(3)
// (exports/operations/) and the open data with small counts suppressed (exports/opendata/), as
// CSV, XLSX or JSON with a manifest of row counts and SHA-256 sums. It only formats: every
// figure, share and suppression is a column of a mart (LINEAGE.md).
//
// Every folder is written whole in a temporary folder and swapped in atomically, and its bytes
// depend only on the figures, the catalogue and the run it reflects, never on the wall clock.
//
// exports/apr/<year>/ is the report due on 15 February of <year>, covering the accounting year
// 1 July <year>−2 … 30 June <year>−1 (the first, 2023, from 2021-01-01; domain.AccountingYear)
// with the figures of the 30 June <year>−1 cut-off: progress.csv (every indicator cumulative and
// in the year, the 2024 milestone and whether it was met, the 2029 target as a number or a share
// of a named output, the projection), financial.csv (Table 1 with what the year added),
// so4_persons.csv (persons resettled, admitted, transferred), issues.csv (candidate issues
// affecting performance with their evidence, for staff to confirm), apr.xlsx headed in English
// and Swedish, and manifest.json. Folders an earlier Mittari named by calendar year are removed.
//
// Before writing, Commission tables are checked as the Commission's system would check them (an
// SO total equals the sum of its support types, each indicator under the SO its code names); a
// breach is an internal error and nothing is written.
package export
