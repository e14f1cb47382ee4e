package main

import (
	"math"
	"os"
	"runtime/debug"

	"mittari/ingest"
)

// useIngestMemorySettings applies, for the rest of the process, the garbage collector settings
// ingest recommends for a large inbox (ingest.MemoryLimit, ingest.GCPercent), unless the
// operator set GOMEMLIMIT or GOGC. They are the process's to decide, not a library's.
func useIngestMemorySettings() {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(ingest.MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ingest.GCPercent)
	}
}
