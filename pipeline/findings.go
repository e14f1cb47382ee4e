package pipeline

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"mittari/domain"
	"mittari/ingest"
	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// findingsOf reads the findings of one run, in the order its ingest reported them. A run that
// committed data stored its findings in the warehouse with it, so a crash after the commit
// loses none; a run that committed nothing (its only findings are about files it could not
// read, which every run reports again) has them in runs/<id>.findings.jsonl only. (nil, false)
// when they were never recorded.
func findingsOf(lay Layout, runID string) ([]domain.Finding, bool, error) {
	var stored []domain.Finding
	err := warehouse.ReadRunFindings(lay.Warehouse(), []string{runID}, func(_ string, f domain.Finding) error {
		stored = append(stored, f)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	if len(stored) > 0 {
		return stored, true, nil
	}
	found, ok, err := readFindingsFile(lay, runID)
	if ok || err != nil {
		return found, ok, err
	}
	committed, err := warehouse.CommittedRuns(lay.Warehouse())
	if err != nil {
		return nil, false, err
	}
	// A committed run that stored no findings had none.
	return nil, slices.Contains(committed, runID), nil
}

// writeRunDetails writes what is too long for the run record: every finding of the run and
// every file it read (skipped files, read by earlier runs, are only counted). It fills in the
// record's names for them.
func writeRunDetails(lay Layout, rec *Record, sum *ingest.Summary) error {
	const op errs.Op = "pipeline.writeRunDetails"
	findings := lay.FindingsFile(rec.RunID)
	err := atomicfile.Write(findings, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		// A large run has hundreds of thousands of findings, which it does not hold: they are
		// written as they are read back.
		if err := sum.EachFinding(func(f domain.Finding) error { return enc.Encode(f) }); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return errs.E(op, errs.Path(findings), errs.IO, err)
	}
	var read []FileRead
	for _, f := range sum.Files {
		if f.Outcome != ingest.OutcomeSkipped {
			read = append(read, FileRead{Path: f.Path, SHA256: f.SHA256, Size: f.Size, Outcome: f.Outcome})
		}
	}
	files := lay.FilesFile(rec.RunID)
	err = atomicfile.Write(files, func(w io.Writer) error {
		return writeLines(w, len(read), func(i int) any { return read[i] })
	})
	if err != nil {
		return errs.E(op, errs.Path(files), errs.IO, err)
	}
	rec.Ingest.FindingsFile, rec.Ingest.FilesFile = filepath.Base(findings), filepath.Base(files)
	return nil
}

func writeLines(w io.Writer, n int, item func(int) any) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func readFindingsFile(lay Layout, runID string) ([]domain.Finding, bool, error) {
	path := lay.FindingsFile(runID)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, errs.E(errs.Op("pipeline.readFindingsFile"), errs.Path(path), errs.IO, err)
	}
	defer f.Close()
	var out []domain.Finding
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var fd domain.Finding
		if err := dec.Decode(&fd); err == io.EOF {
			return out, true, nil
		} else if err != nil {
			return nil, false, errs.E(errs.Op("pipeline.readFindingsFile"), errs.Path(path), errs.Invalid, err)
		}
		out = append(out, fd)
	}
}
