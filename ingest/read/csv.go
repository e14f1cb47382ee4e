package read

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"mittari/domain"
)

// Row is one data row of a table (CSV or the report sheet of an XLSX), cells by column name.
// The readers reuse one Row for every row they pass on: it is valid only during the call, and
// what a caller keeps it copies (Cell values are copies).
type Row struct {
	Place domain.Place   // the row's first cell
	names []string       // the table's columns, one cell slot each
	slot  map[string]int // each name's slot
	cells []Cell         // by slot; a zero Cell (Missing) where the row has no value
	// at is where column col of this row stands, for cells that are missing; nil means Place
	// with Column col (CSV), from src, whose names hold the table's columns from nameBase on.
	at       func(col string) domain.Place
	src      *origin
	nameBase int
}

// newRow is an empty row with a slot for each column of t.
func newRow(t Table) Row {
	names := append(append([]string(nil), t.Required...), t.Optional...)
	slot := make(map[string]int, len(names))
	for i, n := range names {
		if _, ok := slot[n]; !ok {
			slot[n] = i
		}
	}
	return Row{names: names, slot: slot, cells: make([]Cell, len(names))}
}

// Cell returns the row's cell under column col; a Missing cell (with the row's place and the
// column) when the row has no such column or the cell is empty.
func (r Row) Cell(col string) Cell {
	if i := r.SlotOf(col); i >= 0 {
		return r.Slot(i)
	}
	return r.missing(-1, col)
}

// SlotOf is the slot of column col (for Slot), -1 if the table has no such column.
func (r Row) SlotOf(col string) int {
	if i, ok := r.slot[col]; ok {
		return i
	}
	return -1
}

// Slot is Cell by the column's slot (SlotOf), which spares a caller that reads every row the
// lookup by name.
func (r Row) Slot(i int) Cell {
	if r.cells[i].Kind != Missing {
		return r.cells[i]
	}
	return r.missing(i, r.names[i])
}

func (r Row) missing(slot int, col string) Cell {
	switch {
	case r.at != nil:
		return placed("", Missing, r.at(col))
	case r.src != nil && slot >= 0:
		return Cell{Kind: Missing, src: r.src, line: int32(r.Place.Line), col: int32(r.nameBase + slot)}
	}
	p := r.Place
	p.Column = col
	return placed("", Missing, p)
}

// slots maps the header's positions to the row's cell slots (-1: a column not read).
func slots(header int, cols map[int]string, names []string) []int {
	out := make([]int, header)
	for i := range out {
		out[i] = -1
		if name, ok := cols[i]; ok {
			for j, n := range names {
				if n == name {
					out[i] = j
				}
			}
		}
	}
	return out
}

func (r *Row) clear() {
	for i := range r.cells {
		r.cells[i] = Cell{}
	}
}

// Table describes the columns a caller expects; unknown columns are ignored, so that senders
// may add columns (the contract lets the register grow optional columns).
type Table struct {
	Required []string
	Optional []string
	// DateColumns are columns in which an XLSX numeric cell is an Excel date serial.
	DateColumns []string
}

// ReadCSV streams the rows of a CSV table to fn. It accepts a UTF-8 BOM, CRLF or LF line ends,
// RFC 4180 quoting, a first line "sep=;" (which Excel writes to name the separator) and, each with
// a warning (a note), the semicolon-separated variant that Finnish and Swedish Excel write, the
// tab-separated "Unicode text", UTF-16 with a byte-order mark and Windows-1252 (ansi.go). The
// returned notes are warnings; a non-nil *Problem means the file as a whole was refused (rows
// already passed to fn must then be discarded by the caller).
//
// Every cell is trimmed of white space at either end (trimCell); a line break inside a quoted
// cell is kept as written, CRLF or LF.
func ReadCSV(file string, r io.Reader, t Table, lim Limits, fn func(Row) error) (notes []*Problem, err error) {
	lim = lim.orDefault()
	in, note, p := utf8Text(file, bufio.NewReader(r), `saved as "CSV UTF-8"`)
	if p != nil {
		return nil, p
	}
	if note != nil {
		notes = append(notes, note)
	}
	g := newGuard(in, file, lim)
	br := csvBuffers.Get().(*bufio.Reader)
	br.Reset(g)
	defer func() {
		br.Reset(nil) // not to keep the file reachable
		csvBuffers.Put(br)
	}()
	head, _ := br.Peek(64 << 10)
	if g.err != nil {
		return notes, g.err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return notes, problem(ErrEmpty, domain.Place{File: file}, "", "the file is empty; expected a header line and rows")
	}
	sc := &csvScanner{r: br}
	sep, declared, p := separator(file, head)
	if p != nil {
		return notes, p
	}
	if declared {
		sc.readLine() // the "sep=" line
	}
	sc.comma = sep
	headerLine := sc.numLine + 1
	switch sep {
	case ';':
		notes = append(notes, problem(ErrSemicolons, domain.Place{File: file, Line: headerLine}, "",
			"the file is separated by semicolons (as Finnish and Swedish Excel save CSV); read as such, but expected commas"))
	case '\t':
		notes = append(notes, problem(ErrTabs, domain.Place{File: file, Line: headerLine}, "",
			"the file is separated by tabs (as Excel saves \"Unicode text\"); read as such, but expected commas"))
	}

	err = sc.next()
	if p := csvProblem(file, g, err); p != nil {
		return notes, p
	}
	headerLine = sc.line(0)
	header := make([]string, sc.fields())
	for i := range header {
		header[i] = string(sc.field(i))
	}

	g.reset()
	cols, p := columns(header, t, func(i int) domain.Place { return domain.Place{File: file, Line: headerLine, Column: header[i]} })
	if p != nil {
		return notes, p
	}
	row := newRow(t)
	// A cell's place names its column as the header wrote it; a missing cell's, by the
	// table's name for it.
	row.src = &origin{form: formCSV, file: file, names: append(append([]string(nil), header...), row.names...)}
	row.nameBase = len(header)
	slot := slots(len(header), cols, row.names)
	var text arena
	var cells csvText
	rows := 0
	for {
		err := sc.next()
		if err == io.EOF {
			return notes, nil
		}
		if p := csvProblem(file, g, err); p != nil {
			return notes, p
		}
		g.reset()
		line := sc.line(0)
		if rows++; rows > lim.MaxRows {
			return notes, problem(ErrTooManyRows, domain.Place{File: file, Line: line}, "",
				fmt.Sprintf("more than %d rows; expected a file of a sensible size", lim.MaxRows))
		}
		// Every record has the header's fields (the scanner checks), so each slot is written
		// below and the row needs no clearing.
		row.Place = domain.Place{File: file, Line: line}
		empty := true
		for i := range sc.fields() {
			v := sc.field(i)
			place := func() domain.Place { return domain.Place{File: file, Line: sc.line(i), Column: header[i]} }
			if len(v) > lim.MaxCellLength {
				return notes, problem(ErrTooLarge, place(), strings.ToValidUTF8(string(v[:40]), "")+"…",
					fmt.Sprintf("a value of %d bytes; expected at most %d", len(v), lim.MaxCellLength))
			}
			v, switched, refusal := cells.utf8(v)
			if refusal != "" {
				return notes, problem(ErrEncoding, place(), strings.ToValidUTF8(string(sc.field(i)), "\uFFFD"), refusal)
			}
			if switched {
				notes = append(notes, problem(ErrWindows1252, place(), excerpt(v),
					"the file is Windows-1252, as Finnish and Swedish Excel save plain \"CSV\", not UTF-8; read as such (check that its letters read right), but expected the file saved as \"CSV UTF-8\""))
			}
			if slot[i] < 0 {
				continue
			}
			v = trimCellBytes(v)
			if len(v) == 0 {
				row.cells[slot[i]] = Cell{}
				continue
			}
			empty = false
			row.cells[slot[i]] = Cell{Text: text.string(v), Kind: Text, src: row.src, line: int32(sc.line(i)), col: int32(i)}
		}
		if empty {
			continue // spreadsheets leave blank rows; they carry nothing
		}
		if err := fn(row); err != nil {
			return notes, err
		}
	}
}

// csvBuffers are ReadCSV's 64 KiB read buffers, reused from file to file. The scanner's fields
// point into a buffer only until the next record, and every cell kept is copied to an arena,
// so nothing refers to a buffer once ReadCSV returns.
var csvBuffers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// arena turns byte slices into strings that share large blocks: one allocation per 32 KiB of
// text instead of one per row. A block is only ever appended to, never written over, so the
// strings made from it stay as they were.
type arena struct{ block []byte }

func (a *arena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, max(32<<10, len(b)))
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}

// csvProblem turns a csv or guard error into a Problem; nil for no error.
func csvProblem(file string, g *guard, err error) error {
	if err == nil {
		return nil
	}
	if g.err != nil {
		return g.err
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields; expected as many as the header line has"
		} else if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			msg += "; expected RFC 4180 quoting (a quote inside a quoted field is doubled)"
		}
		return problem(cause(ErrSyntax, pe), domain.Place{File: file, Line: pe.StartLine}, "", msg)
	}
	if err == io.EOF {
		return problem(ErrEmpty, domain.Place{File: file}, "", "the file is empty; expected a header line and rows")
	}
	return problem(cause(ErrUnreadable, err), domain.Place{File: file}, "", err.Error())
}

// separator is the file's field separator: the one a first line "sep=X" declares (declared is
// then true), else the one the header line uses outside quotes: a comma if it has one, else
// semicolons or tabs, whichever it has more of. Only these three are read.
func separator(file string, head []byte) (sep byte, declared bool, p *Problem) {
	first, _, _ := bytes.Cut(head, []byte{'\n'})
	first = bytes.TrimSuffix(first, []byte{'\r'})
	if len(first) >= 4 && strings.EqualFold(string(first[:4]), "sep=") {
		if len(first) == 5 && (first[4] == ',' || first[4] == ';' || first[4] == '\t') {
			return first[4], true, nil
		}
		return 0, true, problem(ErrSyntax, domain.Place{File: file, Line: 1}, string(first),
			"the first line names a separator other than a comma, semicolon or tab; expected a header line separated by commas")
	}
	inQuote := false
	var commas, semis, tabs int
	for _, c := range first {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == ',':
			commas++
		case c == ';':
			semis++
		case c == '\t':
			tabs++
		}
	}
	switch {
	case commas > 0:
		return ',', false, nil
	case semis > 0 && semis >= tabs:
		return ';', false, nil
	case tabs > 0:
		return '\t', false, nil
	}
	return ',', false, nil
}

// columns maps header positions to the expected column names and checks that every required
// column is there exactly once.
func columns(header []string, t Table, place func(i int) domain.Place) (map[int]string, *Problem) {
	known := map[string]bool{}
	for _, c := range t.Required {
		known[c] = true
	}
	for _, c := range t.Optional {
		known[c] = true
	}
	cols := map[int]string{}
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.ToLower(trimCell(strings.TrimPrefix(h, "\uFEFF")))
		if !utf8.ValidString(name) {
			return nil, problem(ErrEncoding, place(i), strings.ToValidUTF8(name, "\uFFFD"),
				"the header is not valid UTF-8; expected the file saved as \"CSV UTF-8\"")
		}
		if !known[name] {
			continue
		}
		if seen[name] {
			return nil, problem(ErrHeader, place(i), h, fmt.Sprintf("column %s appears twice; expected it once", name))
		}
		seen[name] = true
		cols[i] = name
	}
	for _, c := range t.Required {
		if !seen[c] {
			p := place(0)
			p.Column = ""
			return nil, problem(ErrHeader, p, strings.Join(header, ","),
				fmt.Sprintf("the header has no column %s; expected columns %s", c, strings.Join(append(append([]string(nil), t.Required...), t.Optional...), ", ")))
		}
	}
	return cols, nil
}
