package read

import (
	"bytes"
	"io"
	"unicode/utf8"
	"unsafe"

	"mittari/domain"
)

// Nearly every report CSV a beneficiary's system writes is plain: UTF-8, separated by commas,
// with nothing quoted, one record a line. Such a file is read here, in one pass over its bytes,
// into exactly the reports ReadCSV and the grouper give (TestCSVFastMatches and FuzzCSVFast hold
// the two to each other); anything else, from a quote or a semicolon to a line too long, is left
// to ReadCSV, which says what is wrong.

// fastCSVMax is the largest file read in one piece; larger ones go to ReadCSV.
const fastCSVMax = 16 << 20

// useCSVFast is false in tests that read files without readCSVFast, to compare.
var useCSVFast = true

// readCSVReports reads a report CSV: in one pass when it is plain (readCSVFast), else with
// ReadCSV and the grouper.
func readCSVReports(file string, r io.Reader, lim Limits) ([]Report, []*Problem, error) {
	if useCSVFast {
		data, err := readUpTo(nil, r, fastCSVMax)
		if err == nil && len(data) <= fastCSVMax {
			if reports, ok := readCSVFast(file, data, lim); ok {
				return reports, nil, nil
			}
		}
		rest := r
		if err != nil {
			rest = errReader{err}
		}
		r = io.MultiReader(bytes.NewReader(data), rest)
	}
	var g grouper
	notes, err := ReadCSV(file, r, ReportTable, lim, g.add)
	if err != nil {
		return nil, notes, err
	}
	return g.finish(), notes, nil
}

// readCSVFast reads a plain report CSV as ReadCSV and the grouper would; ok is false for a file
// it leaves to them, and for one that holds no report. The cells' text points into data, which
// must not change.
func readCSVFast(file string, data []byte, lim Limits) (reports []Report, ok bool) {
	lim = lim.orDefault()
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	// Quotes, NULs, invalid UTF-8, a carriage return that does not end a line, a "sep=" line, a
	// file of spaces: ReadCSV reads them, or says why it cannot.
	if bytes.IndexByte(data, '"') >= 0 || bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) ||
		bytes.Count(data, []byte{'\r'}) != bytes.Count(data, []byte("\r\n")) || len(bytes.TrimSpace(data)) == 0 {
		return nil, false
	}
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return nil, false
	}
	lineNo := 0
	// next is the next line that is not blank (lineNo its number), without its line break; at
	// the end, nil; bad for a line ReadCSV's guard would refuse.
	next := func() (line []byte, bad bool) {
		for len(data) > 0 {
			lineNo++
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				line, data = data, nil
			}
			// The guard counts a line's bytes without its \n, and reads ahead at most a buffer
			// (64 KiB) beyond a record before it counts the record against MaxRecord.
			if len(line) > lim.MaxLine || len(line)+2*(64<<10) > lim.MaxRecord {
				return nil, true
			}
			if line = bytes.TrimSuffix(line, []byte{'\r'}); len(line) > 0 {
				return line, false
			}
		}
		return nil, false
	}
	headerLine, bad := next()
	if bad || headerLine == nil || bytes.IndexByte(headerLine, ',') < 0 || len(headerLine) >= 4 && bytes.EqualFold(headerLine[:4], []byte("sep=")) {
		return nil, false
	}
	header := string(headerLine)
	names := splitComma(header)
	headerNo := lineNo
	cols, p := columns(names, ReportTable, func(i int) domain.Place { return domain.Place{File: file, Line: headerNo, Column: names[i]} })
	if p != nil {
		return nil, false
	}
	table := newRow(ReportTable).names
	src := &origin{form: formCSV, file: file, names: append(append([]string(nil), names...), table...)}
	slot := slots(len(names), cols, table)
	var g grouper
	var cells [7]Cell
	var present [7]bool
	rows := 0
	fields := make([]int, 0, len(names)+1) // where each field of a line starts
	for {
		line, bad := next()
		if bad {
			return nil, false
		}
		if line == nil {
			break
		}
		if rows++; rows > lim.MaxRows {
			return nil, false
		}
		fields = fields[:0]
		fields = append(fields, 0)
		for i, c := range line {
			if c == ',' {
				fields = append(fields, i+1)
			}
		}
		if len(fields) != len(names) {
			return nil, false
		}
		present = [7]bool{}
		empty := true
		for i, start := range fields {
			end := len(line)
			if i+1 < len(fields) {
				end = fields[i+1] - 1
			}
			v := line[start:end]
			if len(v) > lim.MaxCellLength {
				return nil, false
			}
			s := slot[i]
			if s < 0 {
				continue
			}
			if v = trimCellBytes(v); len(v) == 0 {
				continue
			}
			empty, present[s] = false, true
			cells[s] = Cell{Text: unsafe.String(unsafe.SliceData(v), len(v)), Kind: Text, src: src, line: int32(lineNo), col: int32(i)}
		}
		if empty {
			continue // spreadsheets leave blank rows; they carry nothing
		}
		for s := range cells {
			if !present[s] {
				cells[s] = Cell{Kind: Missing, src: src, line: int32(lineNo), col: int32(len(names) + s)}
			}
		}
		g.addCells(&cells, domain.Place{File: file, Line: lineNo})
	}
	reports = g.finish()
	return reports, len(reports) > 0
}

// splitComma splits a line at its commas.
func splitComma(s string) []string {
	var out []string
	for {
		i := 0
		for i < len(s) && s[i] != ',' {
			i++
		}
		out = append(out, s[:i])
		if i == len(s) {
			return out
		}
		s = s[i+1:]
	}
}
