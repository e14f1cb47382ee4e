// Package ingest takes an inbox (the project register, the targets and the beneficiaries'
// report files) into the warehouse: every report is validated against the rules of rules.go and
// applied whole or not at all, and only files not seen before (by content hash) are read.
//
// What it writes are facts that do not depend on the order files arrive in (every row-valid
// version, the errors of rejected reports, register snapshots); which versions are in force is
// derived from them by domain.ResolveInForce each time it is needed.
package ingest
