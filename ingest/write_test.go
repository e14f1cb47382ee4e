package ingest

import (
	"testing"

	"mittari/domain"
)

// TestPlaceText: the fast form of a place is exactly domain.Place.String, for every kind of place.
func TestPlaceText(t *testing.T) {
	for _, p := range []domain.Place{
		{File: "reports/a.csv", Line: 12, Column: "value"},
		{File: "reports/a.csv", Line: 1},
		{File: "reports/ä ö.csv", Line: 123456789, Column: "expenditure_eur"},
		{File: "reports/a.xlsx", Sheet: "report", Cell: "B7"},
		{File: "reports/a.xlsx", Sheet: "report"},
		{File: "reports/a.json", Pointer: "/2/indicators/O.2.3"},
		{File: "reports/a.json", Line: 3, Pointer: "/0"},
		{File: "reports/a.csv"},
		{File: "reports/a.csv", Line: -1, Column: "x"},
	} {
		if got, want := placeText(p), p.String(); got != want {
			t.Errorf("%+v: %q, want %q", p, got, want)
		}
	}
}

// TestInt64Slab: every pointer keeps its own value across block boundaries.
func TestInt64Slab(t *testing.T) {
	var s int64Slab
	ptrs := make([]*int64, 3*streamBatch+5)
	for i := range ptrs {
		ptrs[i] = s.of(int64(i))
	}
	for i, p := range ptrs {
		if *p != int64(i) {
			t.Fatalf("pointer %d holds %d", i, *p)
		}
	}
}
