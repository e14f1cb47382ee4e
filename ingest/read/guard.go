package read

import (
	"bytes"
	"fmt"
	"io"

	"mittari/domain"
)

// guard sits between a file and a text parser. It refuses NUL bytes (a binary file), physical
// lines longer than maxLine and records longer than maxRecord as the bytes flow past, so that a
// multi-gigabyte line is stopped after maxLine bytes instead of being buffered.
type guard struct {
	r          io.Reader
	file       string
	maxLine    int
	maxRecord  int
	lineLen    int
	line       int // 1-based physical line being read
	sinceReset int
	err        *Problem
}

func newGuard(r io.Reader, file string, lim Limits) *guard {
	return &guard{r: r, file: file, maxLine: lim.MaxLine, maxRecord: lim.MaxRecord, line: 1}
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	chunk := p[:n]
	if i := bytes.IndexByte(chunk, 0); i >= 0 {
		g.err = problem(ErrBinary, domain.Place{File: g.file, Line: g.line + bytes.Count(chunk[:i], []byte{'\n'})}, "",
			"the file contains NUL bytes: it is binary, not text; expected a UTF-8 text file")
		return 0, g.err
	}
	for len(chunk) > 0 {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			g.lineLen += len(chunk)
			break
		}
		g.lineLen += i
		if g.maxLine > 0 && g.lineLen > g.maxLine {
			break
		}
		g.lineLen = 0
		g.line++
		chunk = chunk[i+1:]
	}
	if g.maxLine > 0 && g.lineLen > g.maxLine {
		g.err = problem(ErrLineTooLong, domain.Place{File: g.file, Line: g.line}, "",
			fmt.Sprintf("line %d is longer than %d bytes; expected one report row per line", g.line, g.maxLine))
		return 0, g.err
	}
	g.sinceReset += n
	if g.maxRecord > 0 && g.sinceReset > g.maxRecord {
		g.err = problem(ErrLineTooLong, domain.Place{File: g.file, Line: g.line}, "",
			fmt.Sprintf("a record ending near line %d is longer than %d bytes (an unclosed quote?)", g.line, g.maxRecord))
		return 0, g.err
	}
	return n, err
}

// reset starts a new record budget; callers call it after each complete record.
func (g *guard) reset() { g.sinceReset = 0 }
