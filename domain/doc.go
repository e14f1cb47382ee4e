// Package domain holds the value types every stage of Mittari shares: exact money, civil dates,
// the Art 42 cut-off calendar and the accounting years of the annual performance reports,
// projects, reports, the bounds of what an input may say, and the rule that decides which report
// versions are in force.
//
// It depends on nothing but the standard library, so that ingest, transform, metrics, charts and
// exports can all speak it without depending on one another.
package domain
