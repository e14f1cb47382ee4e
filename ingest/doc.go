// Package ingest takes an inbox (the project register, the targets and the beneficiaries'
// report files) into the warehouse: every report is validated against the rules of rules.go and
// applied whole or not at all, and only files not seen before (by content hash) are read.
//
// What it writes are facts that do not depend on the order files arrive in (every row-valid
// version with its rows, the findings of rejected reports and refused files, the warnings of
// accepted ones, register snapshots, the hashes of the files read); which versions are in force
// is derived from them by domain.ResolveInForce each time it is needed, so the arrival-time
// outcomes (a period overlapping a report in force, a version older than the one in force) and
// the cumulative warnings are reported in the Summary, not stored.
//
// The API:
//
//	Run(ctx, Options) (*Summary, error)              // the ingest stage of `mittari run`
//	Validate(ctx, inbox, files, cat, warehouse)       // `mittari validate`: same rules, writes nothing
//	LoadRegister(inbox, cat)                          // projects, targets and their findings
//	FormatFindings(w, findings, asJSON)               // readable or JSON output of findings
//	Rules(), RuleByID(id), FormatRules(w, asJSON)     // the documented rule table (RULES.md)
//
// A run holds per-version metadata, never the rows it read (rows stream into the warehouse as
// each file is taken). Of the warehouse it reads the narrow tables, and the versions and
// targets of only the projects its new reports touch, column by column (scan.go); an unchanged
// register comes from its snapshot (snapshot.go). So a nightly run on a ten-million-row
// warehouse costs about as much as hashing the inbox.
//
// The format readers live in ingest/read.
package ingest
