// Package transform turns the Parquet warehouse into the programme's figures: it loads the
// warehouse and the catalogue into an in-memory DuckDB, decides which report versions are in
// force as known at a given time, and runs the SQL models (staging → intermediate → marts) that
// compute metrics.Results for every cut-off.
//
// It is the only package that links DuckDB; the models are plain .sql files embedded in the
// binary and run in the dependency order their "-- depends:" headers declare.
package transform
