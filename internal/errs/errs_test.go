package errs

import (
	"errors"
	"io/fs"
	"testing"
)

func TestMessage(t *testing.T) {
	cause := errors.New("permission denied")
	tests := []struct {
		name string
		err  error
		want string
		kind Kind
	}{
		{"path and cause; the op is not shown", E(Op("ingest.readCSV"), Path("inbox/a.csv"), IO, cause),
			"inbox/a.csv: permission denied", IO},
		{"a string is the cause's text", E(Op("pipeline.Run"), Usage, "the inbox is required"),
			"the inbox is required", Usage},
		{"a string before an error", E(Path("out"), "cannot write the run record", cause),
			"out: cannot write the run record: permission denied", Other},
		{"the kind comes from the wrapped error", E(Op("a"), Path("x"), E(Op("b"), Path("y"), Invalid, cause)),
			"x: y: permission denied", Invalid},
		{"a path the inner error names is not repeated", E(Op("a"), Path("x"), E(Op("b"), Path("x"), NotFound, cause)),
			"x: permission denied", NotFound},
		{"an error with only a kind says the kind", E(Busy), "output folder busy", Busy},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
			if got := KindOf(tc.err); got != tc.kind {
				t.Errorf("kind %v, want %v", got, tc.kind)
			}
		})
	}
}

func TestCauseStaysReachable(t *testing.T) {
	err := E(Op("a"), Path("p"), "could not open", E(Op("b"), fs.ErrNotExist))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is does not find the cause in %v", err)
	}
	if got := OpsOf(err); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("OpsOf = %v, want [a b]", got)
	}
	if Is(Invalid, nil) {
		t.Error("a nil error has a kind")
	}
}
