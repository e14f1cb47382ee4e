package ingest

import "testing"

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
