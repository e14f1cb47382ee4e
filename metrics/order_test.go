package metrics

import "testing"

func TestCompareIndicatorCodes(t *testing.T) {
	ordered := []string{"O.1.1", "O.1.1.1", "O.1.1.2", "O.1.2", "R.1.5", "R.1.7", "R.1.7.1", "O.2.1", "R.2.8", "R.2.10", "O.3.1"}
	for i := range ordered {
		for j := range ordered {
			got := CompareIndicatorCodes(ordered[i], ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("CompareIndicatorCodes(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}
