// Package checks holds the numbered pre-send checks of a Commission transmission — their IDs,
// severities and messages, as data (CHECKS.md is generated from them) — and says the findings
// of mart_presend_checks in words.
//
// Every figure a check compares is computed in SQL, by the same transform that computes the
// figures exported, so a check and the file it checks cannot disagree; this package only
// formats and counts.
package checks
