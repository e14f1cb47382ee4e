package ingest

import (
	"encoding/binary"
	"sync"
	"time"

	"mittari/domain"
)

// pending is a version taken in, as the arrival and cumulative checks see it.
type pending struct {
	version domain.Version
	place   domain.Place // where the report starts
	items   []itemCount  // indicator counts, for the cumulative checks
	subText string       // submitted_at as written
	file    string       // path relative to the inbox
}

// printsAs says whether t in RFC 3339 is text, as it is for nearly every timestamp sent.
func printsAs(t time.Time, text string) bool {
	var stack [64]byte
	return string(t.AppendFormat(stack[:0], time.RFC3339Nano)) == text
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

// readPlaceExtra decodes what appendPlaceExtra wrote of a place that has it, and returns the
// bytes after it.
func readPlaceExtra(b []byte, p *domain.Place) []byte {
	for _, s := range [...]*string{&p.Column, &p.Sheet, &p.Cell, &p.Pointer} {
		n, k := binary.Uvarint(b)
		*s = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	return b
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
	return t.add(string([]byte(s))) // a copy: s may point into a line of a file
}

// idBytes is id for bytes, which it copies only for a string not seen before.
func (t *interned) idBytes(b []byte) int32 {
	if id, ok := t.ids[string(b)]; ok {
		return id
	}
	return t.add(string(b))
}

func (t *interned) add(s string) int32 {
	if t.ids == nil {
		t.ids = map[string]int32{}
	}
	id := int32(len(t.names))
	t.names = append(t.names, s)
	t.ids[s] = id
	return id
}

func (t *interned) name(id int32) string { return t.names[id] }
