//go:build !unix

package trace

import "time"

// CPU is not measured here; traces show wall times only.
func CPU() time.Duration { return 0 }
