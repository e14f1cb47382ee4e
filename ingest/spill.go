package ingest

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"

	"mittari/internal/errs"
)

// spill keeps records in partitions on disk until the end of a run: what a run takes in is
// checked project by project at its end (the arrival and cumulative checks, and whether a
// version was received before), and a first run over ten million rows takes in over a million
// versions, which held in memory made its peak grow with the inbox. Each partition collects
// its records in a buffer of its own, which goes to one shared file when it fills; a partition
// is read back whole, and only one or two are in memory at a time.
//
// The file is removed as soon as it is made, so that nothing is left behind by a run that is
// killed; the open file is all there is of it.
type spill struct {
	f     *os.File
	parts []spillPart
	chunk int   // what a partition collects before it goes to the file
	size  int64 // bytes written to f
	err   error // the first write error; later adds do nothing
}

type spillPart struct {
	buf    []byte
	chunks []spillChunk
	n      int // records
}

type spillChunk struct {
	off int64
	n   int
}

// spillChunkSize is how much a partition collects before it goes to the file, at most: large
// enough that writes are few. A spill of many partitions collects less in each, so that all
// its buffers together stay within spillBuffers however many partitions a large inbox has.
const (
	spillChunkSize = 32 << 10
	spillBuffers   = 2 << 20
)

// newSpill makes a spill of n partitions in folder dir (spillDir).
func newSpill(dir string, n int) (*spill, error) {
	f, err := os.CreateTemp(dir, ".ingest-spill-*")
	if err != nil {
		return nil, errs.E(errs.Op("ingest.newSpill"), errs.Path(dir), errs.IO, err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, errs.E(errs.Op("ingest.newSpill"), errs.Path(dir), errs.IO, err)
	}
	n = max(n, 1)
	return &spill{f: f, parts: make([]spillPart, n), chunk: min(spillChunkSize, max(4<<10, spillBuffers/n))}, nil
}

// add appends one record to partition p.
func (s *spill) add(p int, rec []byte) {
	part := &s.parts[p]
	part.buf = binary.AppendUvarint(part.buf, uint64(len(rec)))
	part.buf = append(part.buf, rec...)
	part.n++
	if len(part.buf) >= s.chunk {
		s.flush(part)
	}
}

func (s *spill) flush(part *spillPart) {
	if s.err != nil || len(part.buf) == 0 {
		return
	}
	if _, err := s.f.WriteAt(part.buf, s.size); err != nil {
		s.err = errs.E(errs.Op("ingest.spill"), errs.IO, err)
		return
	}
	part.chunks = append(part.chunks, spillChunk{s.size, len(part.buf)})
	s.size += int64(len(part.buf))
	part.buf = part.buf[:0]
}

// records is how many records partition p holds.
func (s *spill) records(p int) int { return s.parts[p].n }

// load returns partition p's records back to back, each after its length (as a uvarint), in
// the order they were added; buf is reused when it is large enough. Partitions may be loaded
// from several goroutines at once, once every add is done.
func (s *spill) load(p int, buf []byte) ([]byte, error) {
	if s.err != nil {
		return nil, s.err
	}
	part := &s.parts[p]
	n := len(part.buf)
	for _, c := range part.chunks {
		n += c.n
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	at := 0
	for _, c := range part.chunks {
		if _, err := s.f.ReadAt(buf[at:at+c.n], c.off); err != nil && err != io.EOF {
			return nil, errs.E(errs.Op("ingest.spill"), errs.IO, err)
		}
		at += c.n
	}
	copy(buf[at:], part.buf)
	return buf, nil
}

// spillDir is where a run on warehouse spills: the warehouse's folder, or the folder it will be
// made in (a run that fails makes none), on the disk the operator gave the output; the system's
// temporary folder only when neither exists (it may be in memory).
func spillDir(warehouse string) string {
	for _, dir := range []string{warehouse, filepath.Dir(warehouse)} {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
	}
	return os.TempDir()
}

// each calls fn with partition p's records in the order they were added, reading them a chunk
// at a time (a chunk holds whole records); rec is valid only during the call.
func (s *spill) each(p int, fn func(rec []byte)) error {
	if s.err != nil {
		return s.err
	}
	part := &s.parts[p]
	var buf []byte
	for _, c := range part.chunks {
		if cap(buf) < c.n {
			buf = make([]byte, c.n)
		}
		buf = buf[:c.n]
		if _, err := s.f.ReadAt(buf, c.off); err != nil && err != io.EOF {
			return errs.E(errs.Op("ingest.spill"), errs.IO, err)
		}
		for data := buf; len(data) > 0; {
			var rec []byte
			rec, data = nextRecord(data)
			fn(rec)
		}
	}
	for data := part.buf; len(data) > 0; {
		var rec []byte
		rec, data = nextRecord(data)
		fn(rec)
	}
	return nil
}

// nextRecord splits the first record off data (as load returns it).
func nextRecord(data []byte) (rec, rest []byte) {
	n, k := binary.Uvarint(data)
	return data[k : k+int(n)], data[k+int(n):]
}

func (s *spill) close() {
	if s != nil && s.f != nil {
		s.f.Close()
		s.f = nil
	}
}
