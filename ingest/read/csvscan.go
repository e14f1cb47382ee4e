package read

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
)

// csvScanner splits CSV records as encoding/csv's Reader does with its defaults (RFC 4180
// quoting, no lazy quotes, no comments, every record as many fields as the first, CRLF ending a
// record read as LF, blank lines skipped, the same *csv.ParseError values) but for one thing: a
// line break inside a quoted field is kept as written, CRLF or LF, where encoding/csv turns
// CRLF into LF (a comment is free text, and its line breaks are the sender's). It keeps each record's
// fields as byte slices in one reused buffer: encoding/csv makes a string of every record,
// which at ten million rows was ten million allocations for text that is mostly dates, codes
// and numbers, parsed and dropped. The fields are valid until the next call of next.
//
// The code follows encoding/csv's readRecord (Go 1.26) line for line where it can, so that the
// differential test and fuzz target can hold the two to each other.
type csvScanner struct {
	r       *bufio.Reader
	comma   byte // ',' or ';': never a quote, CR or LF
	numLine int  // lines read so far
	raw     []byte
	buf     []byte // the fields of the current record, back to back
	ends    []int  // where each field ends in buf
	lines   []int  // the line each field starts on
	want    int    // fields per record, set by the first record (0 before it)
	crlf    bool   // the line readLine returned last ended in CRLF (now LF)
}

func (s *csvScanner) fields() int        { return len(s.ends) }
func (s *csvScanner) line(i int) int     { return s.lines[i] }
func (s *csvScanner) field(i int) []byte { return s.buf[s.start(i):s.ends[i]] }

func (s *csvScanner) start(i int) int {
	if i == 0 {
		return 0
	}
	return s.ends[i-1]
}

// readLine is encoding/csv's readLine: one physical line, CRLF normalised to LF (crlf then
// says so), a final CR before EOF dropped.
func (s *csvScanner) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.raw = append(s.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			s.raw = append(s.raw, line...)
		}
		line = s.raw
	}
	n := len(line)
	if n > 0 && err == io.EOF {
		err = nil
		if line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	s.numLine++
	s.crlf = false
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
		s.crlf = true
	}
	return line, err
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// next reads the next record; io.EOF when there is none. A record with the wrong number of
// fields is read whole and reported with csv.ErrFieldCount, as encoding/csv does.
func (s *csvScanner) next() error {
	var line []byte
	var errRead error
	for errRead == nil {
		line, errRead = s.readLine()
		if errRead == nil && len(line) == lengthNL(line) {
			line = nil
			continue // blank line
		}
		break
	}
	if errRead == io.EOF {
		return errRead
	}

	var err error
	recLine := s.numLine
	s.buf, s.ends, s.lines = s.buf[:0], s.ends[:0], s.lines[:0]
	posLine, posCol := s.numLine, 1
parseField:
	for {
		if len(line) == 0 || line[0] != '"' {
			// Unquoted field.
			i := bytes.IndexByte(line, s.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				err = &csv.ParseError{StartLine: recLine, Line: s.numLine, Column: posCol + j, Err: csv.ErrBareQuote}
				break parseField
			}
			s.buf = append(s.buf, field...)
			s.ends = append(s.ends, len(s.buf))
			s.lines = append(s.lines, posLine)
			if i >= 0 {
				line = line[i+1:]
				posCol += i + 1
				continue parseField
			}
			break parseField
		}
		// Quoted field.
		fieldLine := posLine
		line = line[1:]
		posCol++
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				s.buf = append(s.buf, line[:i]...)
				line = line[i+1:]
				posCol += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					s.buf = append(s.buf, '"') // "" is one quote
					line = line[1:]
					posCol++
				case len(line) > 0 && line[0] == s.comma:
					line = line[1:]
					posCol++
					s.ends = append(s.ends, len(s.buf))
					s.lines = append(s.lines, fieldLine)
					continue parseField
				case lengthNL(line) == len(line):
					s.ends = append(s.ends, len(s.buf))
					s.lines = append(s.lines, fieldLine)
					break parseField
				default:
					err = &csv.ParseError{StartLine: recLine, Line: s.numLine, Column: posCol - 1, Err: csv.ErrQuote}
					break parseField
				}
			case len(line) > 0:
				// The field goes on on the next line, after the line break as written.
				s.buf = append(s.buf, line...)
				if s.crlf {
					s.buf = append(s.buf[:len(s.buf)-1], '\r', '\n')
				}
				if errRead != nil {
					break parseField
				}
				posCol += len(line)
				line, errRead = s.readLine()
				if len(line) > 0 {
					posLine++
					posCol = 1
				}
				if errRead == io.EOF {
					errRead = nil
				}
			default:
				// The file ends inside quotes.
				if errRead == nil {
					err = &csv.ParseError{StartLine: recLine, Line: posLine, Column: posCol, Err: csv.ErrQuote}
					break parseField
				}
				s.ends = append(s.ends, len(s.buf))
				s.lines = append(s.lines, fieldLine)
				break parseField
			}
		}
	}
	if err == nil {
		err = errRead
	}
	if s.want > 0 {
		if len(s.ends) != s.want && err == nil {
			err = &csv.ParseError{StartLine: recLine, Line: recLine, Column: 1, Err: csv.ErrFieldCount}
		}
	} else if s.want == 0 {
		s.want = len(s.ends)
	}
	return err
}
