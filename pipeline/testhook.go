package pipeline

import (
	"bufio"
	"fmt"
	"os"
	"sync"
	"time"
)

// Two environment variables exist for tests of whole commands (the kill test, the tests of two
// writers at once) and mean nothing to an operator:
//
//   - MITTARI_TEST_NOW=<RFC 3339 time> is the commands' clock, so that a run killed and run
//     again can be compared byte for byte with one never interrupted (run ids and as-of times
//     are in the outputs);
//   - MITTARI_TEST_PAUSE_AT=<point> makes a command stop at that named point, print
//     "mittari: paused at <point>" to stderr and wait for a line on its stdin, so that a test
//     can kill it exactly there or let it go on while it holds the lock. With stdin at end of
//     file (the usual /dev/null) it does not wait.

var testNow = sync.OnceValue(func() time.Time {
	s := os.Getenv("MITTARI_TEST_NOW")
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic("MITTARI_TEST_NOW: " + err.Error())
	}
	return t
})

// checkpoint marks a named point of a command: it pauses there when MITTARI_TEST_PAUSE_AT
// names it, and fails there when a test of this package makes failAt do so (a full disk, say).
func checkpoint(point string) error {
	if os.Getenv("MITTARI_TEST_PAUSE_AT") == point {
		fmt.Fprintf(os.Stderr, "mittari: paused at %s\n", point)
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	if failAt != nil {
		return failAt(point)
	}
	return nil
}

// failAt, set by tests, returns the error a command meets at a checkpoint.
var failAt func(point string) error
