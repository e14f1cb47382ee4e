// Package warehouse is the Parquet data set that ingest writes and transform reads: the tables,
// their columns, where their files live and how they are written and read.
//
// Every table is Hive-partitioned by the run that wrote it (run_id=...), and a run only ever adds
// files, each written atomically, so that the state as known at any past time can be rebuilt and
// a crashed run leaves no partial file visible.
package warehouse
