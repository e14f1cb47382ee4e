// Package recovery is the reader who tries to work out the small counts the open data withholds,
// for tests only: from what a table publishes (numbers, "<k" for a count from 1 to k-1, ".."
// for a withheld value, and which cells add up to which), it bounds every withheld cell by
// linear programming, the minimum and the maximum of the cell over everything consistent with the
// publication.
//
// Protected then holds the bounds to the open data's protection criterion (README, "Open data"):
// a withheld cell can take more than one value, and a "<k" cell every value from 1 to k-1.
// It is test data's attacker; production code never imports it.
package recovery
