package read

import (
	"errors"
	"fmt"

	"mittari/domain"
)

// Problem is a defect the reader found, in the style of encoding/csv's ParseError: where it
// stands (Place: file and line and column, sheet and cell, or JSON pointer), the value as
// written, a message for the person who fixes the file, and the cause, which errors.Is can test
// against the sentinel errors of this package (errors.Is(err, read.ErrAmbiguousNumber)) and,
// where a parser found it, against that parser's own error (csv.ErrQuote, *json.SyntaxError).
type Problem struct {
	// Code is the rule the problem maps to (e.g. "file.binary"; the ingest rule table documents
	// each). It is the code of the sentinel in Err.
	Code  string
	Place domain.Place
	Value string
	Msg   string
	// Err is the cause: a sentinel of this package, possibly joined with the parser's error.
	Err error
}

func (p *Problem) Error() string {
	if p.Value != "" {
		return fmt.Sprintf("%s: %s (value %q)", p.Place, p.Msg, p.Value)
	}
	return fmt.Sprintf("%s: %s", p.Place, p.Msg)
}

// Unwrap is the cause, for errors.Is and errors.As.
func (p *Problem) Unwrap() error { return p.Err }

// problem is a Problem caused by err, whose first sentinel gives the code.
func problem(err error, place domain.Place, value, msg string) *Problem {
	code := CodeUnreadable
	var s *sentinel
	if errors.As(err, &s) {
		code = s.code
	}
	return &Problem{Code: code, Place: place, Value: value, Msg: msg, Err: err}
}

// cause joins a sentinel with the error a parser gave, so that errors.Is finds both and the
// sentinel decides the code.
func cause(s error, parser error) error {
	if parser == nil {
		return s
	}
	return fmt.Errorf("%w: %w", s, parser)
}

// sentinel is a kind of problem: a value errors.Is compares by identity, which knows the code
// of the rule it maps to.
type sentinel struct{ code, text string }

func (s *sentinel) Error() string { return s.text }

// Problem codes the readers produce.
const (
	CodeUnreadable  = "file.unreadable"
	CodeBinary      = "file.binary"
	CodeEncoding    = "file.encoding"
	CodeLineTooLong = "file.line_too_long"
	CodeTooLarge    = "file.too_large"
	CodeTooManyRows = "file.too_many_rows"
	CodeSyntax      = "file.syntax"
	CodeDepth       = "file.json_depth"
	CodeHeader      = "file.header"
	CodeNoSheet     = "file.no_report_sheet"
	CodeFormula     = "file.formula"
	CodeSemicolon   = "file.semicolon_separated"
	CodeTab         = "file.tab_separated"
	CodeUTF16       = "file.utf16"
	CodeWindows1252 = "file.windows1252"
	CodeEmpty       = "file.empty"
	CodeShape       = "report.shape"
	CodeFormat      = "file.format"
	// CodeDate and CodeTimestamp name a value of the right shape that is not a day or time
	// that exists (2025-02-30); the validator's rules of the same ids judge the other values.
	CodeDate           = "report.date_invalid"
	CodeTimestamp      = "report.timestamp_invalid"
	CodeDateNormalised = "report.date_normalised"
	CodeNumNormalised  = "report.number_normalised"
	CodeDateAmbiguous  = "report.date_ambiguous"
	CodeNumAmbiguous   = "report.number_ambiguous"
)

// The causes of problems. A refusal of the file, an error about a value and a warning (the file
// or value was read, though not as the contract says) each wrap exactly one of them.
var (
	ErrUnreadable  error = &sentinel{CodeUnreadable, "the file cannot be read"}
	ErrBinary      error = &sentinel{CodeBinary, "binary, not text"}
	ErrEncoding    error = &sentinel{CodeEncoding, "not UTF-8"}
	ErrLineTooLong error = &sentinel{CodeLineTooLong, "line too long"}
	ErrTooLarge    error = &sentinel{CodeTooLarge, "too large"}
	ErrTooManyRows error = &sentinel{CodeTooManyRows, "too many rows"}
	ErrSyntax      error = &sentinel{CodeSyntax, "syntax error"}
	ErrTooDeep     error = &sentinel{CodeDepth, "nested too deep"}
	ErrHeader      error = &sentinel{CodeHeader, "header without a required column"}
	ErrNoSheet     error = &sentinel{CodeNoSheet, "no report sheet"}
	ErrFormula     error = &sentinel{CodeFormula, "a formula instead of a value"}
	ErrFormat      error = &sentinel{CodeFormat, "not of the format its name says"}
	ErrEmpty       error = &sentinel{CodeEmpty, "no report in the file"}
	ErrShape       error = &sentinel{CodeShape, "not a report object"}

	// ErrNotADate: a date (or a timestamp's date or time) of a recognised shape that does not
	// exist, such as 2025-02-30 or 31.4.2025.
	ErrNotADate error = &sentinel{CodeDate, "no such date"}
	// ErrNotATimestamp: submitted_at cannot be a timestamp as written (a day that does not
	// exist, or a Finnish date and time with no UTC offset). It comes joined with ErrNotADate or
	// ErrAmbiguousDate.
	ErrNotATimestamp error = &sentinel{CodeTimestamp, "not a timestamp"}
	// ErrAmbiguousDate: a date that can be read more than one way (01/02/2025, 1.7.25).
	ErrAmbiguousDate error = &sentinel{CodeDateAmbiguous, "ambiguous date"}
	// ErrAmbiguousNumber: a number that can be read more than one way (1,234).
	ErrAmbiguousNumber error = &sentinel{CodeNumAmbiguous, "ambiguous number"}

	// Warnings.
	ErrSemicolons     error = &sentinel{CodeSemicolon, "separated by semicolons"}
	ErrTabs           error = &sentinel{CodeTab, "separated by tabs"}
	ErrUTF16          error = &sentinel{CodeUTF16, "UTF-16, not UTF-8"}
	ErrWindows1252    error = &sentinel{CodeWindows1252, "Windows-1252, not UTF-8"}
	ErrDateNormalised error = &sentinel{CodeDateNormalised, "date read from day.month.year"}
	ErrNumNormalised  error = &sentinel{CodeNumNormalised, "number read from a Finnish or Swedish spelling"}
)
