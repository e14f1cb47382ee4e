// Package ingest takes an inbox (the project register, the targets and the beneficiaries' report
// files) into the warehouse: each report is checked against the rules of rules.go and taken in
// whole or not at all, and only files not seen before are read.
//
// What it writes are facts that do not depend on the order files arrive in, and every finding of
// the run; which versions are in force is derived from them by domain.ResolveInForce whenever it
// is needed. The files under reports/ are treated as hostile (inbox.go), and the format readers
// live in ingest/read. What a run would hold in proportion to its inbox (its versions, the
// register's targets and rows, its findings) waits on disk until its end (spill.go, settle.go,
// findinglog.go).
package ingest
