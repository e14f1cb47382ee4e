// Package marts reads the marts transform writes as Parquet (out/marts/<mart>.parquet) row by
// row, in the order they were written, for the stages that format tables too large to travel in
// metrics.Results (the list of operations has a row per operation).
//
// It holds the knowledge of the files (Parquet, their columns and types); the stages see only
// metrics values.
package marts
