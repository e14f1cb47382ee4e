// Package testcat is the small programme catalogue the tests of several packages share: every
// kind of thing the real one holds (four specific objectives, project grants, operating support,
// specific actions, the SO 4 lines, "of which" and result rules, milestones and targets, a
// financial plan with a technical-assistance row, Annex VI codes and defaults), few of each.
//
// It is test data only; production code never imports it.
package testcat
