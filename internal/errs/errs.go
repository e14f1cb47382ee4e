package errs

import (
	"errors"
	"strings"
)

// Op names the operation that failed, such as "ingest.readCSV". It is for logs and for the
// developers who read them; an error's message never shows it to the person running Mittari.
type Op string

// Path is the file or folder the operation was on, as the user gave it.
type Path string

// Kind classifies an error by what the person or program reading it should do.
type Kind uint8

const (
	// Other is an error of no particular kind; an outer error takes the kind of the one it wraps.
	Other Kind = iota
	// Invalid: the input breaks a rule; the sender must correct it.
	Invalid
	// NotFound: a file, folder, project or code that was named does not exist.
	NotFound
	// IO: reading or writing failed; the operator should look at disks and permissions.
	IO
	// Internal: a bug or a broken invariant in Mittari itself.
	Internal
	// Usage: the command line asks for something that cannot be done.
	Usage
	// Config: the catalogue, the warehouse's format or the environment is not what Mittari needs.
	Config
	// Busy: another Mittari command is writing the same output folder.
	Busy
	// Interrupted: the command was stopped by a signal before it finished.
	Interrupted
)

var kindNames = [...]string{
	Other:       "error",
	Invalid:     "invalid input",
	NotFound:    "not found",
	IO:          "input/output error",
	Internal:    "internal error",
	Usage:       "usage error",
	Config:      "configuration error",
	Busy:        "output folder busy",
	Interrupted: "interrupted",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "error"
}

// Error is an error with its operation, the path it was on, its kind and its cause.
type Error struct {
	Op   Op
	Path Path
	Kind Kind
	Err  error
}

// E builds an *Error from its arguments in any order: an Op, a Path, a Kind, an error as the
// cause, and strings, which are joined into the cause's text when no error is given (or put
// before the error's text when one is). A Kind left Other takes the kind of the error wrapped.
func E(args ...any) error {
	e := &Error{}
	var text []string
	for _, a := range args {
		switch v := a.(type) {
		case Op:
			e.Op = v
		case Path:
			e.Path = v
		case Kind:
			e.Kind = v
		case error:
			e.Err = v
		case string:
			text = append(text, v)
		default:
			panic("errs.E: an argument of an unexpected type")
		}
	}
	if len(text) > 0 {
		msg := strings.Join(text, " ")
		if e.Err == nil {
			e.Err = errors.New(msg)
		} else {
			e.Err = &wrapped{msg: msg, err: e.Err}
		}
	}
	if e.Kind == Other {
		e.Kind = KindOf(e.Err)
	}
	return e
}

// wrapped is a message put before a cause that stays reachable by errors.Is and errors.As.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg + ": " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

// Error is the message for people: the path, then the cause. The operation and the kind are
// left out (they are in the fields, for programs and logs); a path already named by the error
// it wraps is not repeated.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Path != "" && !namesPath(e.Err, e.Path) {
		b.WriteString(string(e.Path))
	}
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if b.Len() == 0 {
		b.WriteString(e.Kind.String())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// namesPath says whether err, or an *Error it wraps, is on path p.
func namesPath(err error, p Path) bool {
	var inner *Error
	for errors.As(err, &inner) {
		if inner.Path == p {
			return true
		}
		err = inner.Err
	}
	return false
}

// KindOf is the kind of the outermost *Error in err's chain that has one, Other if none has.
func KindOf(err error) Kind {
	var e *Error
	for errors.As(err, &e) {
		if e.Kind != Other {
			return e.Kind
		}
		err = e.Err
	}
	return Other
}

// Is reports whether err is of kind k (see KindOf).
func Is(k Kind, err error) bool { return err != nil && KindOf(err) == k }

// OpsOf lists the operations of err's chain, outermost first, for a debug log line.
func OpsOf(err error) []Op {
	var ops []Op
	var e *Error
	for errors.As(err, &e) {
		if e.Op != "" {
			ops = append(ops, e.Op)
		}
		err = e.Err
	}
	return ops
}
