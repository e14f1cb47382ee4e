// Package transform turns the Parquet warehouse into the programme's figures (metrics.Results):
// it loads the warehouse and catalogue into an in-memory DuckDB, decides in Go which report
// versions were in force as known at a given time, and runs the embedded SQL models (staging →
// intermediate → marts, ordered by their "-- depends:" headers) for every cut-off.
//
// It is the only package that links DuckDB; README.md states the definitions the models follow.
package transform
