package warehouse

import "testing"

// TestAnyWithin: the row-group test of scanMatchingIDs reads a group exactly when a wanted id
// falls within its statistics.
func TestAnyWithin(t *testing.T) {
	ids := []int64{3, 10, 11, 500}
	for _, c := range []struct {
		lo, hi int64
		want   bool
	}{
		{0, 2, false}, {0, 3, true}, {4, 9, false}, {4, 10, true}, {11, 11, true}, {12, 499, false},
		{500, 900, true}, {501, 900, false}, {-5, 1000, true},
	} {
		if got := anyWithin(ids, c.lo, c.hi); got != c.want {
			t.Errorf("anyWithin(%v, %d, %d) = %v, want %v", ids, c.lo, c.hi, got, c.want)
		}
	}
	if anyWithin(nil, 0, 10) {
		t.Error("no ids lie anywhere")
	}
}
