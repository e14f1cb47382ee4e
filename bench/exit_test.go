package bench

import (
	"context"
	"testing"
)

// TestRunChildExitStatus: a run that rejected reports (exit status 3) is measured; any other
// failure stops the bench.
func TestRunChildExitStatus(t *testing.T) {
	for script, ok := range map[string]bool{"exit 0": true, "exit 3": true, "exit 1": false, "exit 2": false} {
		_, _, err := runChild(context.Background(), "/bin/sh", "-c", script)
		if (err == nil) != ok {
			t.Errorf("%s: err %v, want ok %v", script, err, ok)
		}
	}
}
