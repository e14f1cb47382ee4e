package main

import (
	"math"
	"os"
	"runtime/debug"

	"mittari/ingest"
)

// ingestMemorySettings applies, for the ingest stage, the garbage collector settings ingest
// recommends for a large inbox (ingest.MemoryLimit, ingest.GCPercent), unless the operator set
// GOMEMLIMIT or GOGC, and returns the function that restores the process's own: the later
// stages allocate differently (a collector set for ingest's heap may cost the transform and the
// report time for nothing). They are the process's to decide, not a library's.
func ingestMemorySettings() (restore func()) {
	limit, gc := int64(-1), -1
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		limit = debug.SetMemoryLimit(ingest.MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(ingest.GCPercent)
	}
	return func() {
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
		if gc >= 0 {
			debug.SetGCPercent(gc)
		}
	}
}
