package warehouse

import (
	"cmp"
	"slices"

	"mittari/domain"
)

// RunFindingOf is finding f, the seq-th a run reported, as a row of run_findings.
func RunFindingOf(seq int, f domain.Finding) RunFindingRow {
	p := f.Place
	return RunFindingRow{Seq: int32(seq), Rule: f.Rule, Severity: string(f.Severity), File: p.File, Line: int32(p.Line),
		Column: p.Column, Sheet: p.Sheet, Cell: p.Cell, Pointer: p.Pointer, Report: f.Report, Value: f.Value, Message: f.Message}
}

// Finding is the row as the run reported it.
func (r RunFindingRow) Finding() domain.Finding {
	return domain.Finding{Rule: r.Rule, Severity: domain.Severity(r.Severity), Report: r.Report, Value: r.Value, Message: r.Message,
		Place: domain.Place{File: r.File, Line: int(r.Line), Column: r.Column, Sheet: r.Sheet, Cell: r.Cell, Pointer: r.Pointer}}
}

// ReadRunFindings calls fn with the findings of each of the given runs in turn, each run's in
// the order it reported them, whether or not the run is committed (the caller names the runs it
// wants, e.g. from CommittedRuns). A run that stored none, or that was committed before the
// table existed, has none.
//
// A run's findings are passed on as they are read while they come in order, as ingest writes
// them (a large run has hundreds of thousands); only rows out of order are held and sorted.
func ReadRunFindings(root string, runs []string, fn func(run string, f domain.Finding) error) error {
	for _, run := range runs {
		next := int32(0)
		var held []RunFindingRow // from the first row out of order on
		err := ReadRun(root, TableRunFindings, run, func(r RunFindingRow) error {
			if held == nil && r.Seq == next {
				next++
				return fn(run, r.Finding())
			}
			held = append(held, r)
			return nil
		})
		if err != nil {
			return err
		}
		slices.SortStableFunc(held, func(a, b RunFindingRow) int { return cmp.Compare(a.Seq, b.Seq) })
		for _, r := range held {
			if err := fn(run, r.Finding()); err != nil {
				return err
			}
		}
	}
	return nil
}
