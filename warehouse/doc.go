// Package warehouse is the Parquet data set that ingest writes and transform reads: its tables
// and columns, where their files live, how they are written, scanned and read, and the ids of
// the runs that write them.
//
// Every table is Hive-partitioned by the run that wrote it (run_id=...), and a run only ever adds
// files, each written atomically, so that the state as known at any past time can be rebuilt and
// a crashed run leaves no partial file visible.
package warehouse
