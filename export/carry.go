package export

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"mittari/internal/buildid"
)

// A night that brings one report changes few of the figures, but every export folder is
// written again, and a workbook costs far more to write than its table costs to compute (the
// list of operations most: a row per operation). Carry lets an export take over, from the
// outputs published before, the files whose inputs did not change:
//
//   - a workbook, when the digest of everything it is made from (title, notes, tables and the
//     build of Mittari that writes it; not its date) equals the one the published generation
//     recorded for the same path. Its date is the only part that can differ (the time of the
//     data it reflects): its docProps/core.xml part is made anew, exactly as a fresh workbook
//     would make it, and every other part is copied as it was, compressed bytes and header
//     alike, so the file is the one a fresh build would write (TestCarriedEqualsFresh);
//   - the list of operations' CSV, JSON and workbook, when the digest of its marts, catalogue,
//     cut-off and build is the one recorded for exports/operations: the CSV and JSON are linked,
//     the workbook redated, and only the manifest (which names the data's run) written anew.
//
// The digests are recorded in the generation the export is published in (Made), for the next.

// Carry is what an export may take over from the published outputs, and what it records.
type Carry struct {
	// From is the folder of the published outputs (it holds exports/), "" when there are none;
	// Inputs are the digests recorded for its workbooks and folders, by slash-separated path
	// under From.
	From   string
	Inputs map[string]string

	mu   sync.Mutex
	made map[string]string
	// taken counts what was taken over, for tests.
	taken int
}

// Made returns the digests of the inputs of the workbooks and folders this export wrote, by
// path under its output folder: the next export's Inputs.
func (c *Carry) Made() map[string]string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]string, len(c.made))
	for k, v := range c.made {
		out[k] = v
	}
	return out
}

func (c *Carry) record(rel, digest string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.made == nil {
		c.made = map[string]string{}
	}
	c.made[rel] = digest
}

// took records rel as taken over from the published generation.
func (c *Carry) took(rel, digest string) {
	c.record(rel, digest)
	c.mu.Lock()
	c.taken++
	c.mu.Unlock()
}

// previous is the published file or folder rel when it was made from inputs of this digest.
func (c *Carry) previous(rel, digest string) (string, bool) {
	if c == nil || c.From == "" || c.Inputs[rel] != digest {
		return "", false
	}
	p := filepath.Join(c.From, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// xlsx is the workbook of tables at rel (a slash-separated path under the output folder), as
// workbook makes it (bilingualWorkbook for bilingual tables) dated meta.DataAsOfTime, taken over
// from the published generation when its inputs are the same.
func (m Meta) xlsx(rel, title string, notes []string, tables ...table) ([]byte, error) {
	build := workbook
	for _, t := range tables {
		if t.bilingual() {
			build = bilingualWorkbook
		}
	}
	digest := workbookDigest(title, notes, tables)
	if prev, ok := m.Carry.previous(rel, digest); ok {
		if b, err := os.ReadFile(prev); err == nil {
			var out bytes.Buffer
			if err := redate(bytes.NewReader(b), int64(len(b)), &out, title, m.DataAsOfTime); err == nil {
				m.Carry.took(rel, digest)
				return out.Bytes(), nil
			}
		}
	}
	b, err := build(title, m.DataAsOfTime, notes, tables...)
	if err == nil {
		m.Carry.record(rel, digest)
	}
	return b, err
}

// workbookDigest identifies everything a workbook is made from but its date: the build that
// writes it, its title and notes, and each table's columns and cells.
func workbookDigest(title string, notes []string, tables []table) string {
	d := newDigest("workbook")
	d.str(title)
	d.int(int64(len(notes)))
	for _, n := range notes {
		d.str(n)
	}
	for _, t := range tables {
		d.str(t.name)
		d.int(int64(len(t.columns)))
		for _, c := range t.columns {
			d.str(c.name)
			d.str(c.title)
			d.str(c.titleSV)
			d.bool(c.xlsxOnly)
		}
		d.int(int64(len(t.rows)))
		for _, row := range t.rows {
			d.int(int64(len(row)))
			for _, c := range row {
				d.int(int64(c.kind))
				d.int(c.n)
				d.str(c.s)
			}
		}
	}
	return d.sum()
}

// digest hashes values unambiguously (every string with its length), starting with what it is
// the digest of and the build of Mittari.
type digest struct {
	h   hash.Hash
	buf [8]byte
}

func newDigest(kind string) *digest {
	d := &digest{h: sha256.New()}
	d.str(kind)
	d.str(buildid.Identity())
	return d
}

func (d *digest) int(n int64) {
	binary.LittleEndian.PutUint64(d.buf[:], uint64(n))
	d.h.Write(d.buf[:])
}

func (d *digest) str(s string) {
	d.int(int64(len(s)))
	io.WriteString(d.h, s)
}

func (d *digest) bool(b bool) {
	if b {
		d.int(1)
	} else {
		d.int(0)
	}
}

func (d *digest) sum() string { return hex.EncodeToString(d.h.Sum(nil)) }

// corePart is a workbook's document properties part, the one that holds its date.
const corePart = "docProps/core.xml"

// redate writes to w the workbook of size bytes in r with its date set to created: the
// document properties part as a fresh workbook of that title and date has it, every other part
// copied as it is, in the same order.
func redate(r io.ReaderAt, size int64, w io.Writer, title string, created time.Time) error {
	header, raw, err := freshCore(title, created)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	replaced := false
	for _, f := range zr.File {
		h, src := &f.FileHeader, io.Reader(nil)
		if f.Name == corePart {
			h, src, replaced = header, bytes.NewReader(raw), true
		} else if src, err = f.OpenRaw(); err != nil {
			return err
		}
		dst, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, src); err != nil {
			return err
		}
	}
	if !replaced {
		return errors.New("the workbook has no " + corePart)
	}
	return zw.Close()
}

// freshCore is the document properties part of a fresh workbook of title dated created: its
// header and compressed bytes.
func freshCore(title string, created time.Time) (*zip.FileHeader, []byte, error) {
	f, _, _, err := newWorkbook(title, created, nil)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		return nil, nil, err
	}
	for _, p := range zr.File {
		if p.Name != corePart {
			continue
		}
		rc, err := p.OpenRaw()
		if err != nil {
			return nil, nil, err
		}
		raw, err := io.ReadAll(rc)
		h := p.FileHeader
		return &h, raw, err
	}
	return nil, nil, fs.ErrNotExist
}
