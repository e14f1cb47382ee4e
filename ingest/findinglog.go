package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"io"
	"os"
	"slices"
	"sync"
	"unsafe"

	"mittari/domain"
	"mittari/internal/errs"
)

// findingLog collects a run's findings and gives them back in the order a run reports them
// (sortFindings: by file, line, place and rule, else in the order they were found), without
// holding them all: a first run over ten million rows may find hundreds of thousands (the
// benchmark's inboxes have a warning for one row in forty), which held would grow with the
// inbox. Findings collect in a buffer; a full buffer is sorted and written to a file (removed
// as soon as it is made) as one sorted run, and the runs are merged when the findings are read.
//
// Findings of the same file, line, place and rule come in the order they were found, which a
// run makes in phases: each finding has its phase's group and, within it, a tie (for the
// versions settled at once, whatever order they are settled in: when the version was submitted,
// or which project it is), then the order it was added. add may be called from several
// goroutines.
type findingLog struct {
	mu       sync.Mutex
	dir      string
	chunk    []byte   // encoded findings not yet in a run
	offs     []int    // where each of them starts in chunk
	f        *os.File // the runs, once there is one
	runs     []spillChunk
	size     int64
	seq      uint64 // findings added so far
	errors   int
	warnings int
	err      error
}

// findingChunk is how many bytes of encoded findings are sorted in memory at a time.
var findingChunk = 8 << 20

func newFindingLog(dir string) *findingLog { return &findingLog{dir: dir} }

func (l *findingLog) len() int { return int(l.seq) }

// The groups of findings, in the order a run finds them.
const (
	foundReading     byte = iota // files and reports, as the run takes them
	foundRevalidated             // reports of files read again, tied by file and report
	foundArrival                 // the arrival of versions, tied by when submitted and hash
	foundCumulative              // the cumulative checks, tied by project
	foundRegister                // the register's rows
)

// add records findings of the files and reports read, in the order they were found.
func (l *findingLog) add(fs ...domain.Finding) { l.addOrdered(foundReading, nil, fs...) }

// addOrdered records findings of group, tie, in the order they were found.
func (l *findingLog) addOrdered(group byte, tie []byte, fs ...domain.Finding) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range fs {
		f := &fs[i]
		if f.Severity == domain.SeverityError {
			l.errors++
		} else {
			l.warnings++
		}
		l.offs = append(l.offs, len(l.chunk))
		l.chunk = appendFinding(l.chunk, f, group, tie, l.seq)
		l.seq++
		if len(l.chunk) >= findingChunk {
			l.writeRun()
		}
	}
}

// appendFinding encodes f, the seq-th found, of group and tie: first what orders it (file, line,
// place, rule, group, tie, seq), then the rest.
func appendFinding(b []byte, f *domain.Finding, group byte, tie []byte, seq uint64) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(f.Place.File)
	b = binary.AppendUvarint(b, uint64(f.Place.Line))
	str(placeText(f.Place))
	str(f.Rule)
	b = append(b, group)
	b = binary.AppendUvarint(b, uint64(len(tie)))
	b = append(b, tie...)
	b = binary.AppendUvarint(b, seq)
	str(string(f.Severity))
	for _, s := range [...]string{f.Place.Column, f.Place.Sheet, f.Place.Cell, f.Place.Pointer, f.Report, f.Value, f.Message} {
		str(s)
	}
	return b
}

// findingKey is what orders an encoded finding; its strings point into the encoding.
type findingKey struct {
	file, place, rule, tie string
	line                   uint64
	group                  byte
	seq                    uint64
	rec                    []byte // the whole encoding
}

func readFindingKey(rec []byte) findingKey {
	k := findingKey{rec: rec}
	b := rec
	str := func() string {
		n, m := binary.Uvarint(b)
		s := unsafe.String(unsafe.SliceData(b[m:]), int(n))
		b = b[m+int(n):]
		return s
	}
	u := func() uint64 {
		v, m := binary.Uvarint(b)
		b = b[m:]
		return v
	}
	k.file = str()
	k.line = u()
	k.place = str()
	k.rule = str()
	k.group, b = b[0], b[1:]
	k.tie = str()
	k.seq = u()
	return k
}

func compareKeys(a, b *findingKey) int {
	if c := cmp.Compare(a.file, b.file); c != 0 {
		return c
	}
	if c := cmp.Compare(a.line, b.line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.place, b.place); c != 0 {
		return c
	}
	if c := cmp.Compare(a.rule, b.rule); c != 0 {
		return c
	}
	if c := cmp.Compare(a.group, b.group); c != 0 {
		return c
	}
	if c := cmp.Compare(a.tie, b.tie); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// readFinding decodes a finding of appendFinding.
func readFinding(rec []byte) domain.Finding {
	b := rec
	str := func() string {
		n, m := binary.Uvarint(b)
		s := string(b[m : m+int(n)])
		b = b[m+int(n):]
		return s
	}
	skip := func() {
		n, m := binary.Uvarint(b)
		b = b[m+int(n):]
	}
	u := func() uint64 {
		v, m := binary.Uvarint(b)
		b = b[m:]
		return v
	}
	var f domain.Finding
	f.Place.File = str()
	f.Place.Line = int(u())
	skip() // the place as text
	f.Rule = str()
	b = b[1:] // group
	skip()    // tie
	u()       // seq
	f.Severity = domain.Severity(str())
	for _, s := range [...]*string{&f.Place.Column, &f.Place.Sheet, &f.Place.Cell, &f.Place.Pointer, &f.Report, &f.Value, &f.Message} {
		*s = str()
	}
	return f
}

// sorted is the chunk's findings in order.
func (l *findingLog) sorted() []findingKey {
	keys := make([]findingKey, len(l.offs))
	for i, off := range l.offs {
		end := len(l.chunk)
		if i+1 < len(l.offs) {
			end = l.offs[i+1]
		}
		keys[i] = readFindingKey(l.chunk[off:end:end])
	}
	slices.SortFunc(keys, func(a, b findingKey) int { return compareKeys(&a, &b) })
	return keys
}

// writeRun writes the chunk, sorted, to the file as one run.
func (l *findingLog) writeRun() {
	if l.err != nil || len(l.offs) == 0 {
		return
	}
	if l.f == nil {
		if l.f, l.err = os.CreateTemp(l.dir, ".ingest-findings-*"); l.err != nil {
			l.err = errs.E(errs.Op("ingest.findingLog"), errs.Path(l.dir), errs.IO, l.err)
			return
		}
		os.Remove(l.f.Name())
	}
	var out bytes.Buffer
	out.Grow(len(l.chunk) + 4*len(l.offs))
	for _, k := range l.sorted() {
		out.Write(binary.AppendUvarint(nil, uint64(len(k.rec))))
		out.Write(k.rec)
	}
	if _, err := l.f.WriteAt(out.Bytes(), l.size); err != nil {
		l.err = errs.E(errs.Op("ingest.findingLog"), errs.Path(l.dir), errs.IO, err)
		return
	}
	l.runs = append(l.runs, spillChunk{l.size, out.Len()})
	l.size += int64(out.Len())
	l.chunk, l.offs = l.chunk[:0], l.offs[:0]
}

// each calls fn with every finding in order. It is called once, at the end of the run.
func (l *findingLog) each(fn func(domain.Finding) error) error {
	if len(l.runs) == 0 {
		if l.err != nil {
			return l.err
		}
		for _, k := range l.sorted() {
			if err := fn(readFinding(k.rec)); err != nil {
				return err
			}
		}
		return nil
	}
	l.writeRun()
	if l.err != nil {
		return l.err
	}
	h := make(runHeap, 0, len(l.runs))
	for _, r := range l.runs {
		rr := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(l.f, r.off, int64(r.n)), 64<<10)}
		if ok, err := rr.next(); err != nil {
			return err
		} else if ok {
			h = append(h, rr)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		rr := h[0]
		if err := fn(readFinding(rr.key.rec)); err != nil {
			return err
		}
		ok, err := rr.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

func (l *findingLog) close() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// runReader reads one sorted run; key is its current finding.
type runReader struct {
	r   *bufio.Reader
	buf []byte
	key findingKey
}

func (rr *runReader) next() (bool, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return false, nil
	}
	if err == nil {
		if cap(rr.buf) < int(n) {
			rr.buf = make([]byte, n)
		}
		rr.buf = rr.buf[:n]
		_, err = io.ReadFull(rr.r, rr.buf)
	}
	if err != nil {
		return false, errs.E(errs.Op("ingest.findingLog"), errs.IO, err)
	}
	rr.key = readFindingKey(rr.buf)
	return true, nil
}

type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return compareKeys(&h[i].key, &h[j].key) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// versionTie orders findings about versions as ResolveInForce takes the versions: by when they
// were submitted, then by hash.
func versionTie(v domain.Version) []byte {
	b := binary.BigEndian.AppendUint64(nil, uint64(v.SubmittedAt.Unix())^1<<63)
	b = binary.BigEndian.AppendUint32(b, uint32(v.SubmittedAt.Nanosecond()))
	return append(b, v.Hash...)
}

// takenTie orders findings of versions by the order the run took them: file, then report.
func takenTie(file, rep int32) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(uint32(file))<<32|uint64(uint32(rep)))
}
