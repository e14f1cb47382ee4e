package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"mittari/internal/errs"
)

// entry is one file of the inbox: its hash, or why it could not be hashed, and whether this
// run reads it.
type entry struct {
	rel, abs, sha string
	size          int64
	modTime       time.Time
	err           error
	read          bool
}

// hashEntries hashes the files on n goroutines; entries are in paths' order. A file whose path,
// size and modification time are those of a file read before (stamps) is that file: a nightly
// run would otherwise read the whole inbox, gigabytes of it seen before, to find one new file.
// (Changing a file while keeping its size and modification time to the microsecond takes
// intent; an operator who did so can move the file to a new name.)
func hashEntries(ctx context.Context, inbox string, paths []string, n int, stamps map[string]fileStamp) ([]entry, error) {
	entries := make([]entry, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				e := entry{rel: paths[i], abs: filepath.Join(inbox, filepath.FromSlash(paths[i]))}
				st, err := os.Stat(e.abs)
				if err == nil {
					e.modTime = st.ModTime().UTC().Truncate(time.Microsecond)
					if known, ok := stamps[e.rel]; ok && known.size == st.Size() && known.modTime.Equal(e.modTime) {
						e.sha, e.size = known.sha, known.size
						entries[i] = e
						continue
					}
				}
				e.sha, e.size, e.err = hashFile(e.abs)
				entries[i] = e
			}
		}()
	}
	var err error
	for i := range paths {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return entries, err
}

// readInParallel reads the entries marked read on up to n goroutines; results[i] delivers entry
// i's result, and the caller calls release after taking each one. A slot frees only then, so at
// most n files' results are in flight or waiting and memory stays bounded by n files. Closing
// done stops it early.
func readInParallel(entries []entry, n int, done <-chan struct{}, read func(entry) fileResult) (results []chan fileResult, release func()) {
	results = make([]chan fileResult, len(entries))
	for i := range results {
		results[i] = make(chan fileResult, 1)
	}
	slots := make(chan struct{}, max(n, 1))
	go func() {
		for i, e := range entries {
			if !e.read {
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			go func() { results[i] <- read(e) }()
		}
	}()
	return results, func() { <-slots }
}

// reorderForTest lets the property test read files in other orders than sorted; the result must
// not change.
var reorderForTest = func([]string) {}

// reportFiles lists the files under inbox/reports, relative to the inbox, slash-separated and
// sorted, skipping hidden files (editors' lock files such as ~$report.xlsx or .DS_Store).
func reportFiles(inbox string) ([]string, error) {
	root := filepath.Join(inbox, ReportsDir)
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir // an inbox with no reports yet
			}
			return err
		}
		name := d.Name()
		if path != root && (name[0] == '.' || name[0] == '~') {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil // sockets, devices and the like are no reports
		}
		rel, err := filepath.Rel(inbox, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, errs.E(errs.Op("ingest.reportFiles"), errs.Path(root), errs.IO, err)
	}
	sort.Strings(out)
	return out, nil
}

