// Package ingest takes an inbox (the project register, the targets and the beneficiaries' report
// files) into the warehouse. Each report is checked against the rules of rules.go and taken in
// whole or not at all, and only files not seen before are read.
package ingest
