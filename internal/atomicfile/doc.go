// Package atomicfile writes files so that a reader sees either the old content or the new,
// never a half-written file: data goes to a temporary file in the same folder, is synced, and is
// renamed over the target.
//
// A crashed run therefore leaves the last good output in place.
package atomicfile
