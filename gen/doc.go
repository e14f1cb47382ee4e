// Package gen writes synthetic inboxes that follow the spec — project register, targets and
// half-yearly reports as CSV, XLSX and JSON — deterministically from a seed, for benchmarks and
// tests at any scale.
//
// A configurable share of reports is invalid, corrected (sent twice) or duplicated, so that every
// path of ingest is exercised; the figures are random and mean nothing.
package gen
