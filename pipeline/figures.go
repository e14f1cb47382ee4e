package pipeline

import (
	"bufio"
	"encoding/json"
	"io"
	"os"

	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/metrics"
)

// The figures file (figures.json in a generation, or the file `--results` names) carries the
// transform's results from the command that computed them to those that format them. It is
// JSON because JSON keeps every value a Results holds: a pointer to zero stays a pointer to
// zero (gob dropped it: a milestone of 0 came back empty), a nil slice stays nil and an empty
// one empty, and Go writes each float64 with the digits that read back to the same value.
// Every string in it is a code, a date or Mittari's own text, so valid UTF-8.

// writeFigures writes res to path atomically.
func writeFigures(path string, res *metrics.Results) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := json.NewEncoder(bw).Encode(res); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return errs.E(errs.Op("pipeline.writeFigures"), errs.Path(path), errs.IO, err)
	}
	return nil
}

// readFigures reads a figures file.
func readFigures(path string) (*metrics.Results, error) {
	const op errs.Op = "pipeline.readFigures"
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E(op, errs.Path(path), errs.IO, err)
	}
	defer f.Close()
	var res metrics.Results
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&res); err != nil {
		return nil, errs.E(op, errs.Path(path), errs.Invalid,
			"not a figures file written by `mittari transform` (run the transform again)", err)
	}
	return &res, nil
}
