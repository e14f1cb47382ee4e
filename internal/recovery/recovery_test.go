package recovery

import (
	"math"
	"strings"
	"testing"
)

// TestAttack: the attack works out what a careless publication gives away, and no more.
func TestAttack(t *testing.T) {
	tests := []struct {
		name   string
		cells  []Cell
		sums   []Sum
		want   map[string]Interval
		failed []string
	}{
		{"one small count beside a published total gives itself away",
			[]Cell{{"T", "10"}, {"a", "<5"}, {"b", "7"}}, []Sum{{"T", []string{"a", "b"}}},
			map[string]Interval{"a": {3, 3}}, []string{"a (<5): recovered, 3 to 3"}},
		{"two small counts of 1 and 1 are pinned",
			[]Cell{{"T", "9"}, {"a", "<5"}, {"b", "<5"}, {"c", "7"}}, []Sum{{"T", []string{"a", "b", "c"}}},
			map[string]Interval{"a": {1, 1}, "b": {1, 1}}, []string{"a (<5): recovered, 1 to 1", "b (<5): recovered, 1 to 1"}},
		{"two small counts adding up to 4 are bounded below 4",
			[]Cell{{"T", "4"}, {"a", "<5"}, {"b", "<5"}}, []Sum{{"T", []string{"a", "b"}}},
			map[string]Interval{"a": {1, 3}, "b": {1, 3}}, []string{"a (<5): narrowed to 1 to 3", "b (<5): narrowed to 1 to 3"}},
		{"a withheld neighbour protects a small count",
			[]Cell{{"T", "10"}, {"a", "<5"}, {"b", ".."}}, []Sum{{"T", []string{"a", "b"}}},
			map[string]Interval{"a": {1, 4}, "b": {6, 9}}, nil},
		{"a withheld total protects everything below it",
			[]Cell{{"T", ".."}, {"a", "<5"}, {"b", "<5"}, {"c", "0"}}, []Sum{{"T", []string{"a", "b", "c"}}},
			map[string]Interval{"a": {1, 4}, "b": {1, 4}, "T": {2, 8}}, nil},
		{"cells of two tables are bounded apart",
			[]Cell{{"T", "10"}, {"a", "<5"}, {"b", ".."}, {"U", "5"}, {"c", "<5"}, {"d", "<5"}},
			[]Sum{{"T", []string{"a", "b"}}, {"U", []string{"c", "d"}}},
			map[string]Interval{"a": {1, 4}, "b": {6, 9}, "c": {1, 4}, "d": {1, 4}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Attack(tt.cells, tt.sums)
			if err != nil {
				t.Fatal(err)
			}
			for k, w := range tt.want {
				g := got[k]
				if math.Abs(g.Lo-w.Lo) > 1e-6 || (math.IsInf(w.Hi, 1) != math.IsInf(g.Hi, 1)) || (!math.IsInf(w.Hi, 1) && math.Abs(g.Hi-w.Hi) > 1e-6) {
					t.Errorf("%s: %v, want %v", k, g, w)
				}
			}
			if failed := Protected(tt.cells, got); strings.Join(failed, "; ") != strings.Join(tt.failed, "; ") {
				t.Errorf("Protected: %q, want %q", failed, tt.failed)
			}
		})
	}
}

func TestOpenData(t *testing.T) {
	records := [][]string{
		{"cutoff_date", "so", "indicator", "level", "action", "achieved_value"},
		{"2025-12-31", "1", "O.1.1", "so", "", "10"},
		{"2025-12-31", "1", "O.1.1", "action", "1A1", "<5"},
		{"2025-12-31", "1", "O.1.1", "action", "OS1", ".."},
		{"2025-06-30", "1", "O.1.1", "so", "", "3"},
		{"2025-06-30", "1", "O.1.1", "action", "1A1", "3"},
	}
	cells, sums, err := OpenData(records)
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 5 || len(sums) != 2 || sums[0].Total != "2025-12-31 O.1.1 so " || len(sums[0].Parts) != 2 {
		t.Fatalf("cells %v sums %v", cells, sums)
	}
	if _, _, err := OpenData(records[:1:1]); err != nil {
		t.Errorf("a header alone: %v", err)
	}
	if _, _, err := OpenData([][]string{records[0], records[2]}); err == nil {
		t.Error("a table without its SO row was read")
	}
}
