package read

import (
	"encoding/binary"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Excel's plain "CSV" on a Finnish or Swedish Windows is written in the ANSI code page,
// Windows-1252, not UTF-8: "Työpaja" arrives as the bytes Ty\xf6paja. The CSV reader tells the
// two apart cell by cell. A file whose first text beyond ASCII is not UTF-8 is read as
// Windows-1252 from there on (every byte before it was ASCII, which the two spell alike), with
// the warning file.windows1252. A file that mixes the two is damaged, and refused
// (file.encoding) where the second one shows: a byte that is not UTF-8 after UTF-8 beyond ASCII,
// or a cell that is UTF-8 beyond ASCII after Windows-1252 (read as Windows-1252 it would be
// "TyÃ¶paja", a spelling no Finnish or Swedish text has).

// textEncoding is what a CSV file's cells have shown of its encoding so far.
type textEncoding uint8

const (
	asciiSoFar  textEncoding = iota // nothing beyond ASCII yet
	utf8Seen                        // UTF-8 beyond ASCII: every cell must be UTF-8
	windows1252                     // read as Windows-1252
)

// csvText decides a CSV file's encoding from its cells, in the order they stand, and gives each
// cell as UTF-8.
type csvText struct {
	enc     textEncoding
	decoded []byte // the last Windows-1252 cell as UTF-8
}

// utf8 returns the cell v as UTF-8, valid until the next call. switched is true at the cell
// that shows the file to be Windows-1252; refusal says why a cell can be read neither way.
func (t *csvText) utf8(v []byte) (text []byte, switched bool, refusal string) {
	switch {
	case t.enc == utf8Seen:
		if utf8.Valid(v) {
			return v, false, ""
		}
		return nil, false, "the text is not valid UTF-8, though the file is UTF-8 before it; expected the file saved as \"CSV UTF-8\""
	case ascii(v):
		return v, false, "" // alike in both
	case utf8.Valid(v):
		if t.enc == windows1252 {
			return nil, false, "the text is UTF-8, though the file is Windows-1252 before it; expected the file saved as \"CSV UTF-8\""
		}
		t.enc = utf8Seen
		return v, false, ""
	case t.enc == asciiSoFar:
		t.enc, switched = windows1252, true
	}
	var ok bool
	if t.decoded, ok = decode1252(t.decoded[:0], v); !ok {
		return nil, false, "the text is neither UTF-8 nor Windows-1252; expected the file saved as \"CSV UTF-8\""
	}
	return t.decoded, switched, ""
}

// ascii says whether b is all ASCII, eight bytes at a time as utf8.Valid's own fast path.
func ascii(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// undefined1252 are the five bytes Windows-1252 gives no character: a file holding one is
// neither UTF-8 nor Windows-1252.
func undefined1252(c byte) bool {
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D
}

// decode1252 appends the Windows-1252 text b to dst as UTF-8; ok is false at a byte Windows-1252
// does not define.
func decode1252(dst, b []byte) (out []byte, ok bool) {
	for _, c := range b {
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			continue
		}
		if undefined1252(c) {
			return dst, false
		}
		dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(c))
	}
	return dst, true
}

// excerpt is the start of the UTF-8 text b, for a message: at most 40 characters.
func excerpt(b []byte) string {
	n := 0
	for i := range string(b) {
		if n == 40 {
			return string(b[:i]) + "…"
		}
		n++
	}
	return string(b)
}
