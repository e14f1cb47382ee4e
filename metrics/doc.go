// Package metrics is the programme's computed figures as Go values: indicator values and
// financial progress per specific objective and cut-off, with their breakdowns, findings and
// projections, as transform produces them and charts and exports consume them.
//
// It also holds a second computation of the two Commission tables in plain Go (the oracle), used
// to check the DuckDB models.
package metrics
