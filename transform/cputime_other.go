//go:build !unix

package transform

import "time"

// processCPU is not measured here; traces show wall times only.
func processCPU() time.Duration { return 0 }
