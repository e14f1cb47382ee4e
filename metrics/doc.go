// Package metrics is the programme's computed figures as Go values: indicator values and
// financial progress per specific objective and cut-off, with their breakdowns, findings and
// projections, as transform produces them and charts and exports consume them.
package metrics
