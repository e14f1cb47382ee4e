package read

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"mittari/domain"
)

// The JSON reader (readJSON) takes encoding/json's tokens one by one, which costs far more
// than reading the same reports from CSV does. Nearly every file a beneficiary's system
// writes is plain: report objects of the known keys, strings without escapes, numbers, nulls.
// Such a file is read here, in one pass over its bytes, into exactly the reports readJSON gives
// (TestJSONFastMatches and FuzzJSONFast hold the two to each other); anything else, from an
// escape in a string to a syntax error, is left to readJSON, which says what is wrong.

// fastJSONMax is the largest file read in one piece; larger ones go to readJSON, which holds
// one report at a time.
const fastJSONMax = 8 << 20

// fastJSONValue bounds a report object read here: far below Limits.MaxJSONValue, so that
// readJSON, which counts what it reads ahead, would not have refused it either.
const fastJSONValue = 64 << 10

// useJSONFast is false in tests that read files without readJSONFast, to compare.
var useJSONFast = true

// readJSONFile reads a JSON or JSON Lines file of reports: in one pass when it is plain
// (readJSONFast), else with readJSON.
func readJSONFile(file string, r io.Reader, f Format, lim Limits) ([]Report, []*Problem, error) {
	data, err := readUpTo(nil, r, fastJSONMax)
	if err == nil && len(data) <= fastJSONMax && useJSONFast {
		if reports, ok := readJSONFast(file, data, f, lim); ok {
			return reports, nil, nil
		}
	}
	rest := r
	if err != nil {
		rest = errReader{err}
	}
	return readJSON(file, io.MultiReader(bytes.NewReader(data), rest), f, lim)
}

// readUpTo appends to buf what r holds, stopping once it has more than max bytes.
func readUpTo(buf []byte, r io.Reader, max int) ([]byte, error) {
	for len(buf) <= max {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), max+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// fastJSON is one pass over a whole file's bytes.
type fastJSON struct {
	file  string
	data  []byte
	pos   int
	lim   Limits
	items int
	text  arena // the JSON pointers of the cells
}

// readJSONFast reads a plain file of reports as readJSON would; ok is false for a file it
// leaves to readJSON (anything readJSON would find a problem in, and anything unusual). The
// cells' text points into data, which must not change.
func readJSONFast(file string, data []byte, f Format, lim Limits) (reports []Report, ok bool) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return nil, false // UTF-16
	}
	// A NUL is a binary file, invalid UTF-8 and U+FFFD what readJSON flags in a string.
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) || bytes.Contains(data, []byte("\uFFFD")) {
		return nil, false
	}
	j := &fastJSON{file: file, data: data, lim: lim}
	j.space()
	if j.pos == len(data) {
		return nil, true
	}
	switch data[j.pos] {
	case '[':
		j.pos++
		j.space()
		if j.peek(']') {
			j.pos++
			break
		}
		for i := 0; ; i++ {
			rep, ok := j.report("/" + strconv.Itoa(i))
			if !ok {
				return nil, false
			}
			reports = append(reports, rep)
			j.space()
			if j.peek(',') {
				j.pos++
				j.space()
				continue
			}
			if !j.peek(']') {
				return nil, false
			}
			j.pos++
			break
		}
	case '{':
		for i := 0; ; i++ {
			prefix := ""
			if f == JSONL || i > 0 {
				prefix = "/" + strconv.Itoa(i)
			}
			rep, ok := j.report(prefix)
			if !ok {
				return nil, false
			}
			reports = append(reports, rep)
			j.space()
			if j.pos == len(data) {
				return reports, true
			}
			if !j.peek('{') {
				return nil, false
			}
		}
	default:
		return nil, false
	}
	j.space()
	return reports, j.pos == len(data)
}

func (j *fastJSON) space() {
	for j.pos < len(j.data) {
		switch j.data[j.pos] {
		case ' ', '\t', '\n', '\r':
			j.pos++
		default:
			return
		}
	}
}

func (j *fastJSON) peek(c byte) bool { return j.pos < len(j.data) && j.data[j.pos] == c }

// str reads a string without escapes or control characters; it points into the data.
func (j *fastJSON) str() (string, bool) {
	if !j.peek('"') {
		return "", false
	}
	start := j.pos + 1
	for i := start; i < len(j.data); i++ {
		switch c := j.data[i]; {
		case c == '"':
			j.pos = i + 1
			return unsafe.String(unsafe.SliceData(j.data[start:i]), i-start), true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// number reads a JSON number as written.
func (j *fastJSON) number() (string, bool) {
	d, i := j.data, j.pos
	digits := func() bool {
		start := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return "", false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return "", false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return "", false
		}
	}
	s := unsafe.String(&d[j.pos], i-j.pos)
	j.pos = i
	return s, true
}

// scalar reads a value that readJSON's scalar reads without a problem: a string, a number or
// null, at place at.
func (j *fastJSON) scalar(at *origin) (Cell, bool) {
	if j.pos >= len(j.data) {
		return Cell{}, false
	}
	switch c := j.data[j.pos]; {
	case c == '"':
		s, ok := j.str()
		if !ok {
			return Cell{}, false
		}
		if s = trimCell(s); s == "" {
			return Cell{Kind: Missing, src: at}, true
		}
		return Cell{Text: s, Kind: Text, src: at}, true
	case c == '-' || '0' <= c && c <= '9':
		s, ok := j.number()
		return Cell{Text: s, Kind: Number, src: at}, ok
	case c == 'n' && bytes.HasPrefix(j.data[j.pos:], []byte("null")):
		j.pos += 4
		return Cell{Kind: Missing, src: at}, true
	}
	return Cell{}, false
}

// pointer is prefix/key as a JSON pointer, key escaped.
func (j *fastJSON) pointer(prefix, key string) string {
	var stack [128]byte
	b := append(stack[:0], prefix...)
	b = append(b, '/')
	if strings.ContainsAny(key, "~/") {
		b = append(b, escapePointer(key)...)
	} else {
		b = append(b, key...)
	}
	return j.text.string(b)
}

// colon reads the colon after a key.
func (j *fastJSON) colon() bool {
	j.space()
	if !j.peek(':') {
		return false
	}
	j.pos++
	j.space()
	return true
}

// members reads the members of an object whose { is read, with member, up to and with its }.
func (j *fastJSON) members(member func() bool) bool {
	if j.peek('}') {
		j.pos++
		return true
	}
	for {
		if !member() {
			return false
		}
		j.space()
		switch {
		case j.peek(','):
			j.pos++
			j.space()
		case j.peek('}'):
			j.pos++
			return true
		default:
			return false
		}
	}
}

// report reads one report object at pointer prefix, as readJSON's report does.
func (j *fastJSON) report(prefix string) (Report, bool) {
	start := j.pos
	rep := Report{Place: domain.Place{File: j.file, Pointer: prefix}}
	if rep.Place.Pointer == "" {
		rep.Place.Pointer = "/"
	}
	if !j.peek('{') {
		return rep, false
	}
	j.pos++
	j.space()
	var seen [len(reportKeyNames)]bool
	if !j.members(func() bool {
		key, ok := j.str()
		if !ok || !j.colon() {
			return false
		}
		k := slices.Index(reportKeyNames[:], key)
		if k < 0 || seen[k] {
			return false
		}
		seen[k] = true
		ptr := j.pointer(prefix, key)
		at := exact(domain.Place{File: j.file, Pointer: ptr})
		var to *Cell
		switch key {
		case "project_id":
			to = &rep.ProjectID
		case "period_start":
			to = &rep.PeriodStart
		case "period_end":
			to = &rep.PeriodEnd
		case "submitted_at":
			to = &rep.SubmittedAt
		case "comment":
			to = &rep.Comment
		case "expenditure_eur":
			c, ok := j.scalar(at)
			if !ok || !j.count() {
				return false
			}
			rep.Items = append(rep.Items, Item{Item: Cell{Text: key, Kind: Text, src: at}, Value: c, Comment: Cell{src: at}})
			return true
		case "indicators":
			if !j.peek('{') {
				return false
			}
			j.pos++
			j.space()
			return j.members(func() bool {
				code, ok := j.str()
				if !ok || !j.colon() {
					return false
				}
				at := exact(domain.Place{File: j.file, Pointer: j.pointer(ptr, code)})
				item := Cell{Text: trimCell(code), Kind: Text, src: at}
				c, ok := j.scalar(at)
				if !ok || !j.count() {
					return false
				}
				if item.Text == "" {
					item.Kind = Missing
				}
				rep.Items = append(rep.Items, Item{Item: item, Value: c, Comment: Cell{src: at}})
				return true
			})
		}
		*to, ok = j.scalar(at)
		return ok
	}) {
		return rep, false
	}
	if j.pos-start > fastJSONValue {
		return rep, false
	}
	finishReport(j.file, &rep, prefix, func(key string) bool { return seen[slices.Index(reportKeyNames[:], key)] })
	return rep, true
}

// reportKeyNames are the keys of a report object.
var reportKeyNames = [...]string{"project_id", "period_start", "period_end", "submitted_at", "comment", "expenditure_eur", "indicators"}

// count counts an item against the file's cap; false when the cap is passed (readJSON says so).
func (j *fastJSON) count() bool {
	j.items++
	return j.items <= j.lim.MaxRows
}
