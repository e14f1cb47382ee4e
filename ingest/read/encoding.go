package read

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"mittari/domain"
)

// utf8Text returns the text of a CSV or JSON file as UTF-8. A UTF-8 byte-order mark is dropped.
// UTF-16 with a byte-order mark, which Excel writes as "Unicode text" and Windows PowerShell
// writes by default, cannot be mistaken for anything else: it is decoded, with a warning (note).
// UTF-16 without one is refused by name, since its NUL bytes would otherwise only say
// "binary". save is what the message tells the sender to do, e.g. `saved as "CSV UTF-8"`.
func utf8Text(file string, r *bufio.Reader, save string) (text io.Reader, note, refusal *Problem) {
	head, _ := r.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		r.Discard(3)
		return r, nil, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		r.Discard(2)
		note = problem(ErrUTF16, domain.Place{File: file}, "",
			"the file is UTF-16 (as Excel saves \"Unicode text\"); read as such, but expected UTF-8, e.g. "+save)
		return &utf16Reader{r: r, big: head[0] == 0xFE, file: file, line: 1, save: save}, note, nil
	case len(head) == 4 && (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0 ||
		head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0):
		return nil, nil, problem(ErrEncoding, domain.Place{File: file, Line: 1}, "",
			"the file looks like UTF-16 without a byte-order mark; expected UTF-8, e.g. "+save)
	}
	return r, nil, nil
}

// utf16Reader decodes UTF-16 to UTF-8 as it is read. Unlike a decoder that puts U+FFFD in the
// place of what it cannot decode, it refuses the file at the first unpaired surrogate or odd
// final byte, naming the line: a damaged file is not read as if it were whole.
type utf16Reader struct {
	r    *bufio.Reader
	big  bool // big-endian
	file string
	line int
	save string
	buf  []byte // decoded, not yet returned
	out  []byte
	err  error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.buf) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.buf)
	u.buf = u.buf[n:]
	return n, nil
}

// fill decodes up to 4 KiB more into buf, or sets err.
func (u *utf16Reader) fill() {
	out := u.out[:0]
	for len(out) < 4<<10 {
		c, err := u.unit()
		if err != nil {
			u.err = err
			break
		}
		r := rune(c)
		if utf16.IsSurrogate(r) {
			c2, err := u.unit()
			r = utf16.DecodeRune(r, rune(c2))
			if err != nil || r == utf8.RuneError {
				u.err = problem(ErrEncoding, domain.Place{File: u.file, Line: u.line}, "",
					"the UTF-16 text is damaged (a lone surrogate); expected UTF-8, e.g. "+u.save)
				break
			}
		}
		if r == '\n' {
			u.line++
		}
		out = utf8.AppendRune(out, r)
	}
	u.out, u.buf = out, out
}

// unit reads one UTF-16 code unit; io.EOF at the end, a problem for a lone final byte.
func (u *utf16Reader) unit() (uint16, error) {
	b0, err := u.r.ReadByte()
	if err != nil {
		return 0, err
	}
	b1, err := u.r.ReadByte()
	if errors.Is(err, io.EOF) {
		return 0, problem(ErrEncoding, domain.Place{File: u.file, Line: u.line}, "",
			"the UTF-16 text ends in half a character; expected UTF-8, e.g. "+u.save)
	}
	if err != nil {
		return 0, err
	}
	if u.big {
		return uint16(b0)<<8 | uint16(b1), nil
	}
	return uint16(b1)<<8 | uint16(b0), nil
}
