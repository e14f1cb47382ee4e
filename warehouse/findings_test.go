package warehouse

import (
	"fmt"
	"reflect"
	"testing"

	"mittari/domain"
)

// TestReadRunFindingsOrder: a run's findings come back in their order whether its rows are
// stored in order (passed on as they are read) or not (sorted), in one file or several.
func TestReadRunFindingsOrder(t *testing.T) {
	root := t.TempDir()
	var want []domain.Finding
	var rows []RunFindingRow
	for i := range 10 {
		f := domain.Finding{Rule: "r", Severity: domain.SeverityWarning, Place: domain.Place{File: "f", Line: i}, Message: fmt.Sprint(i)}
		want = append(want, f)
		rows = append(rows, RunFindingOf(i, f))
	}
	write := func(run string, part int, rows []RunFindingRow) {
		w, err := NewWriter[RunFindingRow](root, TableRunFindings, run, part)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rows); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write("inorder", 0, rows)
	shuffled := []RunFindingRow{rows[0], rows[1], rows[5], rows[2], rows[9], rows[3], rows[4], rows[6], rows[8], rows[7]}
	write("shuffled", 0, shuffled[:4])
	write("shuffled", 1, shuffled[4:])
	write("reversed", 0, []RunFindingRow{rows[9], rows[8], rows[7], rows[6], rows[5], rows[4], rows[3], rows[2], rows[1], rows[0]})
	for _, run := range []string{"inorder", "shuffled", "reversed"} {
		var got []domain.Finding
		if err := ReadRunFindings(root, []string{run}, func(_ string, f domain.Finding) error { got = append(got, f); return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v", run, got)
		}
	}
}
