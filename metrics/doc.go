// Package metrics is the programme's computed figures as Go values: indicator values and
// financial progress per specific objective and cut-off, with their breakdowns, findings and
// projections.
//
// Transform fills them from its marts, and charts and exports format them: nothing here computes
// a figure that is shown or sent (it only checks, before export, that the tables agree).
package metrics
