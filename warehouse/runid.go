package warehouse

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// runIDLayout is the time a run id starts with: the run's start in UTC to the second, so that
// ids sort as runs started (within one second, by suffix).
const runIDLayout = "20060102T150405Z"

// NewRunID names a run that starts at t: its start in UTC, e.g. 20261122T194400Z, with a
// suffix (-2, -3, …) when an earlier run of the same second has the id. An id is taken when a
// partition of any table of the warehouse at root carries it (a crashed run's uncommitted
// files must not become part of a new run's) or when taken says so (the caller's own records).
func NewRunID(root string, t time.Time, taken func(id string) bool) string {
	base := t.UTC().Format(runIDLayout)
	id := base
	for i := 2; ; i++ {
		if !idUsed(root, id) && (taken == nil || !taken(id)) {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
}

func idUsed(root, id string) bool {
	for _, table := range Tables {
		if _, err := os.Stat(PartitionDir(root, table, id)); !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// RunTime is the start a run id made by NewRunID names, to the second; ok is false for an id
// of another form.
func RunTime(id string) (t time.Time, ok bool) {
	n := len(runIDLayout)
	if len(id) < n || len(id) > n && id[n] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(runIDLayout, id[:n])
	return t, err == nil
}
