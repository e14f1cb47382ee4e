package pipeline

import (
	"context"
	"errors"
	"sync"
	"time"

	"mittari/internal/errs"
)

// stopGrace is how long a stage may go on after the command was told to stop (SIGTERM, Ctrl-C)
// before the command stops waiting for it. Stages check for the stop between files and steps;
// one stuck in a system call (reading a FIFO nobody writes, say) never would, and must not keep
// the output folder locked for good.
var stopGrace = 5 * time.Second

// stagesRunning counts the stages whose goroutine has not returned, abandoned ones included, so
// that a test running one command after another in one process can wait for the stages an
// earlier command abandoned (a process that ends takes them with it).
var stagesRunning sync.WaitGroup

// untilStopped runs fn and returns what it returns, or, when ctx ends and fn has not returned
// within stopGrace, ctx's error and abandoned = true: fn goes on in the background until the
// process exits, so nothing it writes may be cleaned up meanwhile.
func untilStopped[T any](ctx context.Context, fn func() (T, error)) (v T, abandoned bool, err error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	stagesRunning.Add(1)
	go func() {
		defer stagesRunning.Done()
		v, err := fn()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, false, r.err
	case <-ctx.Done():
	}
	select {
	case r := <-done:
		return r.v, false, r.err
	case <-time.After(stopGrace):
		return v, true, ctx.Err()
	}
}

// interrupted says whether err, or the command's context, says the command was told to stop.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errs.Is(errs.Interrupted, err) || errors.Is(err, context.Canceled)
}
