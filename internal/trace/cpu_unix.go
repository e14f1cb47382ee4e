//go:build unix

package trace

import (
	"syscall"
	"time"
)

// CPU is the CPU time the process has used so far, user and system, every thread
// (DuckDB's included): on a shared machine a step's CPU time says more than its wall time.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
