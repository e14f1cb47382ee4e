package ingest

import (
	"encoding/binary"
	"encoding/hex"
	"sort"
	"sync"
	"time"

	"mittari/domain"
)

// pendingList holds what a run takes in for the arrival and cumulative checks at its end: over a
// million versions at ten million rows. Held as pending values (strings, a Place, a slice each)
// they were most of a run's live heap, and the garbage collector, kept busy by the soft memory
// limit, scanned them again and again. Here every version is one pointer-free record (the hash
// in binary) and a few bytes in a pointer-free slab (its counts as varints; submitted_at as
// written only when it is not what the parsed time prints, and a place's strings only when it
// has more than a file and line), so the collector skips all of it; only the interned project
// ids and file names (a few hundred thousand strings) are scanned. at expands one version back
// into a pending when the checks need it.
type pendingList struct {
	recs  slab[pendingRec]
	text  slab[byte]
	names interned // project ids and file names
	// the file of the version added last, and its id
	lastFile    string
	lastFileID  int32
	hasLastFile bool
}

// pendingRec is one version of a pendingList. Its bytes in the text slab are, back to back: the
// hash when it is not 64 lowercase hex digits, submitted_at as written when it differs from the
// time printed in RFC 3339, the place's strings other than the file (appendPlaceExtra), then
// the counts (appendCounts).
type pendingRec struct {
	hash                     [32]byte // unless flags has hashInText
	unix                     int64    // submitted_at: seconds since 1970 ...
	nsec                     int32    // ... and nanoseconds
	zone                     int32    // its UTC offset in seconds, which messages show
	project, file            int32    // interned
	start, end               domain.Date
	line                     int32 // the place's line
	textChunk, textOff       uint32
	hashText, subText, extra uint32 // lengths of the texts
	counts, nCounts          uint32 // length of the counts' bytes, and how many
	flags                    uint8  // which of hash and submitted_at are in the text
}

const (
	hashInText uint8 = 1 << iota
	subInText
)

func (l *pendingList) len() int { return l.recs.n }

// fileID interns a file name; versions come file by file, so the last one is kept at hand.
func (l *pendingList) fileID(name string) int32 {
	if l.hasLastFile && name == l.lastFile {
		return l.lastFileID
	}
	l.lastFile, l.lastFileID, l.hasLastFile = name, l.names.id(name), true
	return l.lastFileID
}

// add copies p into the list; p's strings may point into a file's text, which is not kept.
func (l *pendingList) add(p pending) {
	v := p.version
	_, off := v.SubmittedAt.Zone()
	r := pendingRec{unix: v.SubmittedAt.Unix(), nsec: int32(v.SubmittedAt.Nanosecond()), zone: int32(off),
		project: l.names.id(v.Key.ProjectID), file: l.fileID(p.file), start: v.Key.PeriodStart, end: v.Key.PeriodEnd,
		line: int32(p.place.Line), nCounts: uint32(len(p.items))}
	var stack [256]byte
	b := stack[:0]
	if p.hasSum {
		r.hash = p.sum
	} else if h, ok := decodeLowerHash(v.Hash); ok {
		r.hash = h
	} else {
		b = append(b, v.Hash...)
		r.hashText, r.flags = uint32(len(b)), r.flags|hashInText
	}
	if !printsAs(r.submitted(), p.subText) {
		b = append(b, p.subText...)
		r.subText, r.flags = uint32(len(b))-r.hashText, r.flags|subInText
	}
	n := len(b)
	b = appendPlaceExtra(b, p.place)
	r.extra = uint32(len(b) - n)
	n = len(b)
	b = appendCounts(b, p.items)
	r.counts = uint32(len(b) - n)
	r.textChunk, r.textOff = l.text.put(b)
	l.recs.putOne(r)
}

func (r *pendingRec) submitted() time.Time {
	return time.Unix(r.unix, int64(r.nsec)).In(zoneOf(r.zone))
}

// printsAs says whether t in RFC 3339 is text, as it is for nearly every timestamp sent.
func printsAs(t time.Time, text string) bool {
	var stack [64]byte
	return string(t.AppendFormat(stack[:0], time.RFC3339Nano)) == text
}

// project is the project id of version i, without expanding it.
func (l *pendingList) project(i int) int32 { return l.recs.at(i).project }

// projectName is the project id of version i as text.
func (l *pendingList) projectName(i int) string { return l.names.name(l.project(i)) }

// at expands version i.
func (l *pendingList) at(i int) pending {
	r := l.recs.at(i)
	text := l.text.get(r.textChunk, r.textOff, r.hashText+r.subText+r.extra+r.counts)
	file := l.names.name(r.file)
	place := domain.Place{File: file, Line: int(r.line)}
	at := r.hashText + r.subText
	readPlaceExtra(text[at:at+r.extra], &place)
	submitted := r.submitted()
	p := pending{
		version: domain.Version{Key: domain.ReportKey{ProjectID: l.names.name(r.project), PeriodStart: r.start, PeriodEnd: r.end},
			SubmittedAt: submitted},
		place: place,
		items: readCounts(text[at+r.extra:], int(r.nCounts)),
		file:  file,
	}
	if r.flags&hashInText != 0 {
		p.version.Hash = string(text[:r.hashText])
	} else {
		p.version.Hash = hex.EncodeToString(r.hash[:])
	}
	if r.flags&subInText != 0 {
		p.subText = string(text[r.hashText : r.hashText+r.subText])
	} else {
		p.subText = submitted.Format(time.RFC3339Nano)
	}
	return p
}

// appendCounts encodes counts as an interned code and a value each, as varints: a few bytes
// a count instead of sixteen.
func appendCounts(b []byte, counts []itemCount) []byte {
	for _, c := range counts {
		b = binary.AppendUvarint(b, uint64(c.id))
		b = binary.AppendVarint(b, c.value)
	}
	return b
}

func readCounts(b []byte, n int) []itemCount {
	if n == 0 {
		return nil
	}
	out := make([]itemCount, n)
	for i := range out {
		id, k := binary.Uvarint(b)
		b = b[k:]
		v, k := binary.Varint(b)
		b = b[k:]
		out[i] = itemCount{uint32(id), v}
	}
	return out
}

// decodeLowerHash is decodeHash for the hashes Report.ContentHash writes (lowercase), so that
// hex.EncodeToString gives the same text back.
func decodeLowerHash(s string) ([32]byte, bool) {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'F' {
			return [32]byte{}, false
		}
	}
	return decodeHash(s)
}

// byProject is the indexes of the list ordered by project id, each project's in the list's
// order (a counting sort over the interned ids ranked by name: a stable sort by name without
// comparing a million strings).
func (l *pendingList) byProject() []int32 {
	rank := l.names.ranks()
	start := make([]int32, len(rank)+1)
	for i := 0; i < l.len(); i++ {
		start[rank[l.project(i)]+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	order := make([]int32, l.len())
	for i := 0; i < l.len(); i++ {
		r := rank[l.project(i)]
		order[start[r]] = int32(i)
		start[r]++
	}
	return order
}

// appendPlaceExtra encodes the strings of p other than File (and Line, held apart), each as a
// length and its bytes; nothing at all for a CSV place, the common case.
func appendPlaceExtra(b []byte, p domain.Place) []byte {
	if p.Column == "" && p.Sheet == "" && p.Cell == "" && p.Pointer == "" {
		return b
	}
	for _, s := range [...]string{p.Column, p.Sheet, p.Cell, p.Pointer} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func readPlaceExtra(b []byte, p *domain.Place) {
	if len(b) == 0 {
		return
	}
	for _, s := range [...]*string{&p.Column, &p.Sheet, &p.Cell, &p.Pointer} {
		n, k := binary.Uvarint(b)
		*s = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
}

// zoneOf is the location time.Parse gives an RFC 3339 offset, as far as formatting with a
// numeric offset shows: UTC for zero, else a fixed zone (cached: there are a few).
func zoneOf(offset int32) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	zonesMu.Lock()
	defer zonesMu.Unlock()
	z, ok := zones[offset]
	if !ok {
		z = time.FixedZone("", int(offset))
		zones[offset] = z
	}
	return z
}

var (
	zonesMu sync.Mutex
	zones   = map[int32]*time.Location{}
)

// interned numbers distinct strings.
type interned struct {
	ids   map[string]int32
	names []string
}

func (t *interned) id(s string) int32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = map[string]int32{}
	}
	s = string([]byte(s)) // a copy: s may point into a line of a file
	id := int32(len(t.names))
	t.names = append(t.names, s)
	t.ids[s] = id
	return id
}

func (t *interned) name(id int32) string { return t.names[id] }

// ranks is each id's position in the names sorted.
func (t *interned) ranks() []int32 {
	ids := make([]int32, len(t.names))
	for i := range ids {
		ids[i] = int32(i)
	}
	sort.Slice(ids, func(i, j int) bool { return t.names[ids[i]] < t.names[ids[j]] })
	rank := make([]int32, len(ids))
	for r, id := range ids {
		rank[id] = int32(r)
	}
	return rank
}

// slab holds values in chunks that are never moved, so that growing it to millions of values
// copies nothing; a value or run of values is found again by its chunk and offset.
type slab[T any] struct {
	chunks [][]T
	n      int // values put by putOne, for at
}

const slabChunk = 1 << 16

// room makes the last chunk able to take n more values.
func (s *slab[T]) room(n int) {
	if len(s.chunks) == 0 || cap(s.chunks[len(s.chunks)-1])-len(s.chunks[len(s.chunks)-1]) < n {
		s.chunks = append(s.chunks, make([]T, 0, max(slabChunk, n)))
	}
}

func (s *slab[T]) put(v []T) (chunk, off uint32) {
	s.room(len(v))
	last := &s.chunks[len(s.chunks)-1]
	off = uint32(len(*last))
	*last = append(*last, v...)
	return uint32(len(s.chunks) - 1), off
}

func (s *slab[T]) get(chunk, off, n uint32) []T {
	return s.chunks[chunk][off : off+n : off+n]
}

// putOne and at use the slab as a list of single values: value i is in chunk i/slabChunk.
func (s *slab[T]) putOne(v T) {
	s.room(1)
	last := &s.chunks[len(s.chunks)-1]
	*last = append(*last, v)
	s.n++
}

func (s *slab[T]) at(i int) *T { return &s.chunks[i/slabChunk][i%slabChunk] }

// takeNew is !has(p's hash) followed by adding the hash to the set, with the hash in binary
// as the reader made it (or one decoding) and one map operation: a first run asks it for every one of a million versions.
func (s *state) takeNew(p *pending) bool {
	if len(s.versions) > 0 && s.versions[p.version.Hash] != nil {
		return false
	}
	if p.hasSum {
		n := len(s.hashes.sha)
		s.hashes.sha[p.sum] = struct{}{}
		return len(s.hashes.sha) > n
	}
	return s.hashes.insert(p.version.Hash)
}

// insert adds s to the set and reports whether it was not there.
func (h hashSet) insert(s string) bool {
	if k, ok := decodeHash(s); ok {
		n := len(h.sha)
		h.sha[k] = struct{}{}
		return len(h.sha) > n
	}
	n := len(h.other)
	h.other[s] = struct{}{}
	return len(h.other) > n
}

// reserve makes room for n SHA-256 hashes when the set has none yet.
func (h *hashSet) reserve(n int) {
	if len(h.sha) == 0 && n > 0 {
		h.sha = make(map[[32]byte]struct{}, n)
	}
}

// decodeHash reads 64 hex digits (either case, as hex.Decode does) without a copy of s.
func decodeHash(s string) (k [32]byte, ok bool) {
	if len(s) != 64 {
		return k, false
	}
	for i := range k {
		hi, ok1 := fromHex(s[2*i])
		lo, ok2 := fromHex(s[2*i+1])
		if !ok1 || !ok2 {
			return k, false
		}
		k[i] = hi<<4 | lo
	}
	return k, true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
