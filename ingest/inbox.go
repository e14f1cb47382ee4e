package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
)

// MaxFileBytes is the size above which a report file is refused without being hashed or read.
// The readers stop a file at 200 000 rows, which even with long comments is a few tens of
// megabytes; a larger file is a mistake or an attack, and hashing it whole would cost the night.
const MaxFileBytes = 256 << 20

// An inbox's report files are sent by beneficiaries, so what lies under reports/ is treated as
// hostile: only regular files are opened (a FIFO would block the open, /dev/zero never end),
// never through a symbolic link that leads out of the inbox (whose target could be any file
// the job may read), never beyond MaxFileBytes, and every read stops when the run is cancelled.

// inbox is an inbox folder opened for reading its report files.
type inbox struct {
	dir string
	// root refuses any path that leaves dir, through a symbolic link or "..".
	root  *os.Root
	limit int64
}

func openInbox(dir string, limit int64) (*inbox, error) {
	root, err := os.OpenRoot(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errs.E(errs.Op("ingest.openInbox"), errs.Path(dir), errs.NotFound, "the inbox folder does not exist")
	case err != nil:
		return nil, errs.E(errs.Op("ingest.openInbox"), errs.Path(dir), errs.IO, err)
	}
	if limit <= 0 {
		limit = MaxFileBytes
	}
	return &inbox{dir: dir, root: root, limit: limit}, nil
}

func (in *inbox) close() { in.root.Close() }

// open opens a report file (raw: its path in the inbox, slash-separated, as listed) if it is a
// regular file of at most the size limit inside the inbox; any other file is refused with a
// *refusal that says why.
func (in *inbox) open(raw string) (*os.File, fs.FileInfo, error) {
	name := filepath.FromSlash(raw)
	f, fi, err := openRegular(in.root.OpenFile, name, in.limit)
	if err == nil || errors.As(err, new(*refusal)) {
		return f, fi, err
	}
	// The root refuses every absolute link, also one to a file of the inbox; which it was is
	// found by following the links.
	switch target, inside := in.resolve(name); {
	case target == "":
		return nil, nil, err
	case !inside:
		return nil, nil, &refusal{RuleFileOutside, "is a symbolic link to a file outside the inbox; not read (copy the file itself into the inbox)"}
	case target != name:
		return openRegular(in.root.OpenFile, target, in.limit)
	}
	return nil, nil, err
}

// resolve follows the links of name (a path in the inbox) and says where it leads: relative to
// the inbox when inside it; "" when it leads nowhere.
func (in *inbox) resolve(name string) (target string, inside bool) {
	dir, err := filepath.EvalSymlinks(in.dir)
	if err != nil {
		return "", false
	}
	abs, err := filepath.EvalSymlinks(filepath.Join(in.dir, name))
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs, false
	}
	return rel, true
}

// opener opens a file as os.OpenFile does: an inbox's os.Root, or os.OpenFile itself for a file
// named on validate's command line or the operator's register.
type opener func(name string, flag int, perm fs.FileMode) (*os.File, error)

// openRegular opens name for reading if it is a regular file of at most limit bytes (no limit
// when limit ≤ 0). It opens without waiting (a FIFO's open would block until a writer came) and
// looks at what it opened, not at the name, so a file swapped after a check cannot slip through.
func openRegular(open opener, name string, limit int64) (*os.File, fs.FileInfo, error) {
	f, err := open(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &refusal{RuleFileNotRegular, fmt.Sprintf("is %s, not a regular file; not read", modeName(fi.Mode()))}
	}
	if err == nil && limit > 0 && fi.Size() > limit {
		err = &refusal{RuleFileTooLarge, fmt.Sprintf("is %d bytes, more than the %d MiB a report file may be; not read", fi.Size(), limit>>20)}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder reached through a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (" + m.Type().String() + ")"
}

// refusal is why a file is not read at all: a finding of its rule, never a failure of the run.
type refusal struct {
	rule Rule
	msg  string
}

func (r *refusal) Error() string { return r.msg }

// fileFinding is the finding of a file that could not be hashed or opened.
func fileFinding(rel string, err error) domain.Finding {
	var ref *refusal
	if errors.As(err, &ref) {
		return ref.rule.at(domain.Place{File: rel}, "", "%s", ref.msg)
	}
	return RuleFileUnreadable.at(domain.Place{File: rel}, "", "cannot read the file: %s", err.Error())
}

// ctxReader stops reading when ctx is done, so that a signal stops a run within one buffer of
// every file it is reading.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, interrupted(c.ctx)
	}
	return c.r.Read(p)
}

// interrupted is the error of a run stopped by ctx (a signal): nothing of it is committed.
func interrupted(ctx context.Context) error {
	return errs.E(errs.Op("ingest"), errs.Interrupted, "stopped before it finished, nothing of this run was committed", context.Cause(ctx))
}

// hashFile streams f through SHA-256, refusing to go past limit bytes (none when limit ≤ 0):
// a file may grow after it was opened.
func hashFile(ctx context.Context, f io.Reader, limit int64) (string, int64, error) {
	h := sha256.New()
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	r := f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	n, err := io.CopyBuffer(h, ctxReader{ctx, r}, *buf) // ctxReader also hides os.File.WriteTo, which would ignore the buffer
	if err != nil {
		return "", 0, err
	}
	if limit > 0 && n > limit {
		return "", 0, &refusal{RuleFileTooLarge, fmt.Sprintf("grew past the %d MiB a report file may be while it was read; not read", limit>>20)}
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// hashBuffers are hashFile's read buffers: a run hashes thousands of files, and a new 256 KiB
// buffer for each was a tenth of all a first run allocated.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// entry is one file of the inbox: its hash, or why it could not be hashed, and whether this
// run reads it.
type entry struct {
	// raw is the path in the inbox as the file system has it (any bytes but NUL); rel is how
	// findings and the warehouse show it (escapeName).
	raw, rel string
	sha      string
	size     int64
	modTime  time.Time
	err      error
	read     bool
}

// hashEntries hashes the files on n goroutines; entries are in paths' order. A file whose path,
// size and modification time are those of a file read before (stamps) is that file: a nightly
// run would otherwise read the whole inbox, gigabytes of it seen before, to find one new file.
// (Changing a file while keeping its size and modification time to the microsecond takes
// intent; an operator who did so can move the file to a new name.)
func hashEntries(ctx context.Context, in *inbox, paths []string, n int, stamps map[string]fileStamp) ([]entry, error) {
	entries := make([]entry, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				entries[i] = hashEntry(ctx, in, paths[i], stamps)
			}
		}()
	}
	for i := range paths {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, interrupted(ctx)
	}
	return entries, nil
}

func hashEntry(ctx context.Context, in *inbox, raw string, stamps map[string]fileStamp) entry {
	e := entry{raw: raw, rel: escapeName(raw)}
	// A regular file, not a link (Lstat), listed by a walk that follows no link to a folder,
	// lies in the inbox: one stat, as a nightly run makes for each of thousands of files.
	if known, ok := stamps[raw]; ok {
		if st, err := os.Lstat(filepath.Join(in.dir, filepath.FromSlash(raw))); err == nil && st.Mode().IsRegular() &&
			known.size == st.Size() && known.modTime.Equal(stampTime(st.ModTime())) {
			e.sha, e.size, e.modTime = known.sha, known.size, known.modTime
			return e
		}
	}
	f, fi, err := in.open(raw)
	if err != nil {
		e.err = err
		return e
	}
	defer f.Close()
	e.modTime = stampTime(fi.ModTime())
	e.sha, e.size, e.err = hashFile(ctx, f, in.limit)
	return e
}

// stampTime is a modification time as the files table keeps it.
func stampTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// readInParallel reads the entries marked read on up to n goroutines at once; results[i]
// delivers entry i's result, and the caller calls release(i) after taking it. Files are started
// in order, as long as the files read and not yet taken are fewer than readAhead*n and, beyond
// the first, hold less than readAheadBytes: a large file being read does not keep the other
// cores waiting behind it, and memory stays bounded by what the files not yet taken hold.
// Closing done stops it early.
func readInParallel(entries []entry, n int, done <-chan struct{}, read func(i int, e entry) fileResult) (results []chan fileResult, release func(i int)) {
	results = make([]chan fileResult, len(entries))
	for i := range results {
		results[i] = make(chan fileResult, 1)
	}
	n = max(n, 1)
	var mu sync.Mutex
	ahead := sync.NewCond(&mu)
	files, bytes, stopped := 0, int64(0), false
	go func() {
		<-done
		mu.Lock()
		stopped = true
		ahead.Broadcast()
		mu.Unlock()
	}()
	reading := make(chan struct{}, n)
	go func() {
		for i, e := range entries {
			if !e.read {
				continue
			}
			mu.Lock()
			for !stopped && files > 0 && (files >= readAhead*n || bytes+e.size > readAheadBytes) {
				ahead.Wait()
			}
			if stopped {
				mu.Unlock()
				return
			}
			files, bytes = files+1, bytes+e.size
			mu.Unlock()
			go func() {
				reading <- struct{}{}
				res := read(i, e)
				<-reading
				results[i] <- res
			}()
		}
	}()
	return results, func(i int) {
		mu.Lock()
		files, bytes = files-1, bytes-entries[i].size
		ahead.Signal()
		mu.Unlock()
	}
}

// readAhead and readAheadBytes bound the files read ahead of the one a run takes next.
const (
	readAhead      = 4
	readAheadBytes = 64 << 20
)

// reorderForTest lets the property test read files in other orders than sorted; the result must
// not change.
var reorderForTest = func([]string) {}

// reportFiles lists the files under inbox/reports, relative to the inbox, slash-separated and
// sorted, skipping hidden files (editors' lock files such as ~$report.xlsx or .DS_Store).
// Everything else is listed, whatever it is: what is not a regular file in the inbox is refused
// with a finding when it is opened, not passed over in silence.
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
		if d.IsDir() {
			return nil
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
