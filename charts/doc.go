// Package charts renders the analysts' HTML report: progress towards milestones and targets,
// the cumulative path with its projection, financial progress and the tables of findings, as
// one static page built with go-echarts.
//
// The echarts library is embedded and inlined, so the page is a single file that opens from
// disk (or a file share) with no network.
package charts
