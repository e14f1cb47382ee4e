// Package hostiletest holds the property test that no file a beneficiary can send makes a later
// run fail: hostile and edge-case report files are ingested, and the next ingest and a full
// transform must still succeed.
//
// It is a package of its own because the transform links DuckDB, which ingest's own tests do not
// need.
package hostiletest
