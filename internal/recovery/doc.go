// Package recovery is the attacker of the open data's tests, never imported by production code:
// from what a table publishes (numbers, "<k" for a count from 1 to k-1, ".." for a withheld value,
// and which cells add up to which) it bounds every withheld cell by linear programming.
//
// Protected holds those bounds to the open data's protection criterion (README, "Open data"): a
// withheld cell can take more than one value, and a "<k" cell every value from 1 to k-1.
package recovery
