package domain

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func v(project, start, end string, submittedDay int, hash string) Version {
	return Version{
		Key:         ReportKey{ProjectID: project, PeriodStart: MustDate(start), PeriodEnd: MustDate(end)},
		SubmittedAt: time.Date(2025, 7, submittedDay, 10, 0, 0, 0, time.UTC),
		Hash:        hash,
	}
}

func outcomes(ds []Decision) map[string]Outcome {
	m := map[string]Outcome{}
	for _, d := range ds {
		if _, seen := m[d.Version.Hash]; !seen || d.Outcome != Duplicate {
			m[d.Version.Hash] = d.Outcome
		}
	}
	return m
}

func TestResolveInForce(t *testing.T) {
	tests := []struct {
		name string
		in   []Version
		want map[string]Outcome
	}{
		{"newest version wins whole",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "a"), v("P", "2025-01-01", "2025-06-30", 5, "b")},
			map[string]Outcome{"a": Superseded, "b": InForce}},
		{"older version arriving later is still superseded",
			[]Version{v("P", "2025-01-01", "2025-06-30", 5, "b"), v("P", "2025-01-01", "2025-06-30", 1, "a")},
			map[string]Outcome{"a": Superseded, "b": InForce}},
		{"same instant: higher hash wins",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "z"), v("P", "2025-01-01", "2025-06-30", 1, "y")},
			map[string]Outcome{"y": Superseded, "z": InForce}},
		{"overlapping period of the same project: the later one is rejected",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "a"), v("P", "2025-03-01", "2025-08-31", 2, "b")},
			map[string]Outcome{"a": InForce, "b": RejectedOverlap}},
		{"other projects may overlap",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "a"), v("Q", "2025-03-01", "2025-08-31", 2, "b")},
			map[string]Outcome{"a": InForce, "b": InForce}},
		{"adjacent periods do not overlap",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "a"), v("P", "2025-07-01", "2025-12-31", 2, "b")},
			map[string]Outcome{"a": InForce, "b": InForce}},
		{"identical content is a no-op",
			[]Version{v("P", "2025-01-01", "2025-06-30", 1, "a"), v("P", "2025-01-01", "2025-06-30", 1, "a")},
			map[string]Outcome{"a": InForce}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inForce, ds := ResolveInForce(tt.in)
			got := outcomes(ds)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("outcomes %v, want %v", got, tt.want)
			}
			n := 0
			for _, o := range tt.want {
				if o == InForce {
					n++
				}
			}
			if len(inForce) != n {
				t.Fatalf("%d in force, want %d", len(inForce), n)
			}
		})
	}
}

// The in-force set is a function of the set of versions, never of their order.
func TestResolveInForceIgnoresOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		var vs []Version
		for i := 0; i < 12; i++ {
			start := NewDate(2025, time.Month(1+rng.IntN(10)), 1)
			x := Version{
				Key:         ReportKey{ProjectID: fmt.Sprint("P", rng.IntN(2)), PeriodStart: start, PeriodEnd: start + Date(rng.IntN(90))},
				SubmittedAt: time.Date(2025, 12, 1+rng.IntN(5), 0, 0, 0, 0, time.UTC),
			}
			// A content hash covers key and submitted_at, so equal hashes mean equal versions;
			// a small variant count makes ties and resent duplicates common.
			x.Hash = fmt.Sprint(x.Key, x.SubmittedAt.Day(), "/", rng.IntN(2))
			vs = append(vs, x)
			if rng.IntN(4) == 0 {
				vs = append(vs, x)
			}
		}
		want, _ := ResolveInForce(vs)
		rng.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		got, _ := ResolveInForce(vs)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("trial %d: shuffled input changed the result:\n%v\n%v", trial, got, want)
		}
	}
}
