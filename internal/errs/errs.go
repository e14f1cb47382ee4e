// Package errs builds errors that say which operation failed, on what, of which kind and why, in
// the style of upspin's errors.E, so that an operator reading a log knows what to fix.
//
// Kinds let callers decide (retry, report to the sender, stop the run) without parsing strings.
package errs

import (
	"errors"
	"strings"
)

// Kind classifies an error by what the person reading it should do.
type Kind string

const (
	// Invalid: the input breaks a rule; the sender must correct it.
	Invalid Kind = "invalid input"
	// NotFound: a file, project or code that was named does not exist.
	NotFound Kind = "not found"
	// IO: reading or writing failed; the operator should look at disks and permissions.
	IO Kind = "I/O error"
	// Internal: a bug or a broken invariant in Mittari itself.
	Internal Kind = "internal error"
	// Config: the command line, catalogue or environment is wrong.
	Config Kind = "configuration error"
)

// Error is an error with its operation, subject, kind and cause.
type Error struct {
	Op      string // what was being done, e.g. "ingest.readCSV"
	Subject string // what it was done to, e.g. a file path or report key
	Kind    Kind
	Err     error
}

// E builds an *Error from its arguments in any order: a string op first then subject, a Kind,
// an error as the cause (a string after op and subject becomes the cause's text).
func E(args ...any) error {
	e := &Error{}
	var strs []string
	for _, a := range args {
		switch v := a.(type) {
		case Kind:
			e.Kind = v
		case error:
			e.Err = v
		case string:
			strs = append(strs, v)
		}
	}
	if len(strs) > 0 {
		e.Op = strs[0]
	}
	if len(strs) > 1 {
		e.Subject = strs[1]
	}
	if len(strs) > 2 && e.Err == nil {
		e.Err = errors.New(strings.Join(strs[2:], " "))
	}
	if e.Kind == "" {
		var inner *Error
		if errors.As(e.Err, &inner) {
			e.Kind = inner.Kind
		}
	}
	return e
}

func (e *Error) Error() string {
	var parts []string
	if e.Op != "" {
		parts = append(parts, e.Op)
	}
	if e.Subject != "" {
		parts = append(parts, e.Subject)
	}
	if e.Kind != "" {
		parts = append(parts, string(e.Kind))
	}
	s := strings.Join(parts, ": ")
	if e.Err != nil {
		if s != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is reports whether err or any error it wraps is an *Error of kind k.
func Is(k Kind, err error) bool {
	var e *Error
	for errors.As(err, &e) {
		if e.Kind == k {
			return true
		}
		err = e.Err
	}
	return false
}
