package read

import (
	"bytes"
	"strings"

	"mittari/domain"
)

// Kind says what sort of value a cell held in its source, where the format can tell.
type Kind uint8

const (
	// Missing: the column, key or cell was absent or empty.
	Missing Kind = iota
	// Text: a string (every CSV value, XLSX text cells, JSON strings).
	Text
	// Number: a JSON number or an XLSX cell whose raw value is numeric.
	Number
	// Other: a JSON value of another type (object, array, boolean, null).
	Other
)

// Cell is one value as the sender wrote it, with where it stands (Place).
//
// A CSV or XLSX cell holds its line (or row) and column as numbers and a pointer to what the
// cells of its table share, and builds its Place only when asked (for a finding): ten million
// cells each carrying a full domain.Place made the readers' rows large enough that copying and
// scanning them was a fifth of a run.
type Cell struct {
	Text string
	src  *origin
	line int32 // CSV line or XLSX row
	col  int32 // index in src.names (CSV) or the 0-based column (XLSX)
	Kind Kind
	// BadUTF8 is set when the text held invalid UTF-8 that the JSON decoder replaced with
	// U+FFFD (CSV and XLSX refuse such a file outright).
	BadUTF8 bool
	// ExcelDate is set when an XLSX date column held an Excel date serial that the reader
	// turned into ISO text (Text then holds the ISO form).
	ExcelDate bool
	// Refused is set when the reader refused the value as written (an ambiguous or impossible
	// date or number) and said why in its report's Problems: the value is not to be judged
	// again. Text is then the value as written.
	Refused bool
}

// trimCell is how every reader trims a cell, in every format: white space at either end
// (unicode.IsSpace: spaces, tabs, line breaks, no-break spaces) is not part of the value, and a
// cell of white space only is empty.
func trimCell(s string) string { return strings.TrimSpace(s) }

// trimCellBytes is trimCell for the CSV reader's byte slices.
func trimCellBytes(b []byte) []byte { return bytes.TrimSpace(b) }

// origin is what the cells of one table share to name their places; or, for a JSON value (whose
// pointer is its own), the value's whole place.
type origin struct {
	form  originForm
	file  string
	sheet string
	names []string // CSV: the Column a place shows, by col
	place domain.Place
}

type originForm uint8

const (
	formCSV originForm = iota
	formXLSX
	formExact
)

// Place is where the cell stands: file, line and column for CSV; file, sheet and cell for
// XLSX; file and JSON pointer for JSON.
func (c Cell) Place() domain.Place {
	o := c.src
	if o == nil {
		return domain.Place{}
	}
	switch o.form {
	case formCSV:
		return domain.Place{File: o.file, Line: int(c.line), Column: o.names[c.col]}
	case formXLSX:
		return domain.Place{File: o.file, Sheet: o.sheet, Cell: cellName(int(c.col)+1, int(c.line))}
	}
	return o.place
}

// exact is an origin that is one place.
func exact(p domain.Place) *origin { return &origin{form: formExact, place: p} }

// placed is a cell at an explicit place (JSON values, and cells a table does not have).
func placed(text string, kind Kind, p domain.Place) Cell {
	return Cell{Text: text, Kind: kind, src: exact(p)}
}

// Item is one item of a raw report: the item name, its value and an optional comment.
type Item struct {
	Item, Value, Comment Cell
}

// Report is one report version as found in a file, before validation.
type Report struct {
	Place                                          domain.Place
	ProjectID, PeriodStart, PeriodEnd, SubmittedAt Cell
	// Comment is the report-level comment of a JSON report (CSV and XLSX carry one per item).
	Comment Cell
	Items   []Item
	// Problems are defects of this report's shape (a JSON field of the wrong type, an unknown
	// key); they reject the report but not the rest of the file.
	Problems []*Problem
}

// Limits bound what one file may cost. The zero value means Default.
type Limits struct {
	MaxLine       int   // bytes in one physical CSV line
	MaxRecord     int   // bytes in one CSV record (quoted fields may span lines)
	MaxRows       int   // rows (CSV, XLSX) or items (JSON) in one file
	MaxXLSXBytes  int64 // size of an .xlsx file on disk
	MaxUnzipped   int64 // total unzipped size of an .xlsx
	MaxXMLInRAM   int64 // unzipped worksheet size kept in memory (excelize spills larger ones)
	MaxJSONValue  int   // bytes of one top-level JSON value
	MaxJSONDepth  int   // nesting depth of JSON
	MaxCellLength int   // characters of one cell
}

// Default is what the pipeline uses: generous for real reports, tight for bombs.
var Default = Limits{
	MaxLine:       1 << 20,
	MaxRecord:     4 << 20,
	MaxRows:       200_000,
	MaxXLSXBytes:  32 << 20,
	MaxUnzipped:   128 << 20,
	MaxXMLInRAM:   16 << 20,
	MaxJSONValue:  1 << 20,
	MaxJSONDepth:  16,
	MaxCellLength: 64 << 10,
}

func (l Limits) orDefault() Limits {
	if l == (Limits{}) {
		return Default
	}
	return l
}

// Format is a file format the readers know.
type Format string

const (
	CSV   Format = "csv"
	XLSX  Format = "xlsx"
	JSON  Format = "json"
	JSONL Format = "jsonl"
)

// FormatOf tells the format from a file name's extension; ok is false for anything else.
func FormatOf(name string) (Format, bool) {
	switch ext := extension(name); ext {
	case "csv", "xlsx", "json", "jsonl":
		return Format(ext), true
	}
	return "", false
}

// extension is the lower-case extension of the file name (its last path element), "" if none.
func extension(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return toLower(name[i+1:])
		}
	}
	return ""
}

// spreadsheets are the spreadsheet formats a beneficiary may save a report in that Mittari does
// not read, each with what to save it as instead.
var spreadsheets = map[string]string{
	"xls":     "an Excel 97-2003 workbook",
	"xlsb":    "an Excel binary workbook",
	"xlsm":    "a macro-enabled Excel workbook",
	"ods":     "an OpenDocument spreadsheet",
	"numbers": "a Numbers spreadsheet",
}

// NotRead says why a file of a name FormatOf does not recognise is not read, and what to save a
// report as instead.
func NotRead(name string) string {
	ext := extension(name)
	if what, ok := spreadsheets[ext]; ok {
		return what + " (." + ext + ") is not read; save the report as an Excel workbook (.xlsx) or as \"CSV UTF-8\""
	}
	return "not a .csv, .xlsx, .json or .jsonl file; not read"
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
