package trace

import (
	"context"
	"log/slog"
	"time"
)

// Start starts timing a step; the function it returns logs msg with the step's name, its wall
// time and the CPU time the process used meanwhile (every thread, DuckDB's included; steps that
// overlap count each other's) at debug level.
func Start(msg, name string) func() {
	if !slog.Default().Enabled(context.Background(), slog.LevelDebug) {
		return func() {}
	}
	started, cpu := time.Now(), CPU()
	return func() { slog.Debug(msg, "name", name, "took", time.Since(started), "cpu", CPU()-cpu) }
}
