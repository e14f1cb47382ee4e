// Package oracle computes the Commission's tables a second time, in plain Go straight from the
// definitions of the interface contract, so that tests can hold the DuckDB models to them.
//
// It is test code: only tests import it, and it is written for clarity, not speed.
package oracle
