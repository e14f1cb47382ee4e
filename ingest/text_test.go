package ingest

import (
	"testing"

	"mittari/domain"
)

// TestPlaceText: placeText writes every place as Place.String does.
func TestPlaceText(t *testing.T) {
	for _, p := range []domain.Place{
		{File: "reports/a.csv", Line: 7}, {File: "reports/a.csv", Line: 12345678, Column: "value"}, {File: "projects.csv"},
		{File: "r/%d %s.csv", Line: 1, Column: "item%"}, {File: "reports/ä€.csv", Line: 3, Column: "päivä"}, {File: "f", Line: -1, Column: "c"},
		{File: "b.xlsx", Sheet: "report", Cell: "B7"}, {File: "b.xlsx", Sheet: "report"}, {File: "c.json", Pointer: "/3/indicators/O.2.3"},
		{File: "c.json", Line: 2, Pointer: "/0"}, {File: "", Line: 9}, {File: string(make([]byte, 300)), Line: 1, Column: "x"},
	} {
		if got, want := placeText(p), p.String(); got != want {
			t.Errorf("%#v: %q, want %q", p, got, want)
		}
	}
}
