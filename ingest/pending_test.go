package ingest

import (
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"mittari/domain"
)

// TestPendingListRoundTrip: what the compact list gives back is what was put in, for the place
// of every format, any offset, and items; byProject is a stable sort by project id.
func TestPendingListRoundTrip(t *testing.T) {
	at := func(s string) time.Time {
		v, err := domain.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ps := []pending{
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "B", PeriodStart: 10, PeriodEnd: 20}, SubmittedAt: at("2025-07-20T10:15:00+03:00"), Hash: strings.Repeat("ab", 32)},
			place: domain.Place{File: "reports/a.csv", Line: 7}, items: []itemCount{countOf("O.2.3", 41), countOf("O.2.3.1", 17)}, subText: "2025-07-20T10:15:00+03:00", file: "reports/a.csv"},
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "A", PeriodStart: -5, PeriodEnd: 20}, SubmittedAt: at("0001-01-01T00:00:00.123456789Z"), Hash: "not-hex"},
			place: domain.Place{File: "reports/b.xlsx", Sheet: "report", Cell: "A2"}, subText: "0001-01-01T00:00:00.123456789Z", file: "reports/b.xlsx"},
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "B", PeriodStart: 30, PeriodEnd: 40}, SubmittedAt: at("2025-07-20T10:15:00-09:30"), Hash: strings.Repeat("0f", 32)},
			place: domain.Place{File: "reports/c.json", Pointer: "/3"}, items: []itemCount{countOf("O.1.1", 0)}, subText: "2025-07-20T10:15:00-09:30", file: "reports/c.json"},
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "A"}, SubmittedAt: at("2025-07-20T10:15:00Z"), Hash: ""},
			place: domain.Place{File: "f", Line: 2, Column: strings.Repeat("c", 70000)}, file: "f"},
		// submitted_at not as RFC 3339 prints it, a hash in capitals, an empty text
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "C"}, SubmittedAt: at("2025-07-20T10:15:00.500+00:00"), Hash: strings.Repeat("AB", 32)},
			place: domain.Place{File: "g", Line: 3}, items: []itemCount{countOf("O.2.3", -7), countOf("O.2.3", 1<<62)}, subText: "2025-07-20T10:15:00.500+00:00", file: "g"},
		{version: domain.Version{Key: domain.ReportKey{ProjectID: "C"}, SubmittedAt: at("2025-07-20T10:15:00Z"), Hash: strings.Repeat("ab", 32)},
			place: domain.Place{File: "g", Line: 4}, subText: "", file: "g"},
	}
	var l pendingList
	for _, p := range ps {
		l.add(p)
	}
	if l.len() != len(ps) {
		t.Fatalf("len %d", l.len())
	}
	for i, want := range ps {
		got := l.at(i)
		if got.version.SubmittedAt.Format(time.RFC3339Nano) != want.version.SubmittedAt.Format(time.RFC3339Nano) || !got.version.SubmittedAt.Equal(want.version.SubmittedAt) {
			t.Errorf("%d: submitted %v, want %v", i, got.version.SubmittedAt, want.version.SubmittedAt)
		}
		got.version.SubmittedAt, want.version.SubmittedAt = time.Time{}, time.Time{}
		if len(got.items) == 0 && len(want.items) == 0 {
			got.items, want.items = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d: got %+v, want %+v", i, got, want)
		}
	}
	// An append to the items handed out must not overwrite the next version's.
	first := l.at(0)
	_ = append(first.items, countOf("X", 1))
	if got := l.at(0).items; len(got) != 2 {
		t.Errorf("items changed: %v", got)
	}
	var names []string
	for _, i := range l.byProject() {
		names = append(names, l.projectName(int(i))+l.at(int(i)).file)
	}
	want := []string{"Areports/b.xlsx", "Af", "Breports/a.csv", "Breports/c.json", "Cg", "Cg"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("byProject %v, want %v", names, want)
	}
}

// TestSplitByProject: the ranges cover the order, in order, and never split a project.
func TestSplitByProject(t *testing.T) {
	var l pendingList
	for _, p := range []string{"A", "A", "A", "B", "C", "C", "D"} {
		l.add(pending{version: domain.Version{Key: domain.ReportKey{ProjectID: p}}})
	}
	order := l.byProject()
	for n := 1; n <= 8; n++ {
		parts := splitByProject(&l, order, n)
		var joined []int32
		for k, part := range parts {
			if len(part) == 0 {
				t.Fatalf("n=%d: empty part", n)
			}
			if k > 0 && l.project(int(part[0])) == l.project(int(parts[k-1][len(parts[k-1])-1])) {
				t.Errorf("n=%d: a project split between parts %d and %d", n, k-1, k)
			}
			joined = append(joined, part...)
		}
		if !reflect.DeepEqual(joined, order) || len(parts) > n {
			t.Errorf("n=%d: parts %v of %v", n, parts, order)
		}
	}
}

// TestDecodeHash: decodeHash reads exactly what hex.Decode reads, and refuses what it refuses.
func TestDecodeHash(t *testing.T) {
	for _, s := range []string{strings.Repeat("0f", 32), strings.Repeat("AbCd", 16), strings.Repeat("g0", 32), strings.Repeat("ab", 31), strings.Repeat("ab", 33), ""} {
		got, ok := decodeHash(s)
		var buf [64]byte
		n, err := hex.Decode(buf[:], []byte(s))
		wantOK := err == nil && n == 32 && len(s) == 64
		want := [32]byte(buf[:32])
		if ok != wantOK || ok && got != want {
			t.Errorf("%q: got %x %v, want %x %v", s, got, ok, want, wantOK)
		}
	}
	h := newHashSet()
	for _, s := range []string{strings.Repeat("ab", 32), "short", strings.Repeat("AB", 32), "short"} {
		before := h.has(s)
		if added := h.insert(s); added == before || !h.has(s) {
			t.Errorf("%q: has %v before, insert said %v", s, before, added)
		}
	}
}

// TestCodeIndex: finds what was added, before and after it switches to a map.
func TestCodeIndex(t *testing.T) {
	var x codeIndex
	for i := range 3 * codeIndexScan {
		code := fmt.Sprint("C", i)
		if _, ok := x.find(code); ok {
			t.Fatalf("%s found before it was added", code)
		}
		if e := x.add(code, 10*i); x.entries[e].item != 10*i {
			t.Fatalf("entry %d of %s", e, code)
		}
		for j := 0; j <= i; j++ {
			if e, ok := x.find(fmt.Sprint("C", j)); !ok || x.entries[e].item != 10*j {
				t.Fatalf("after %d: C%d at %d, %v", i, j, e, ok)
			}
		}
	}
}

// TestAddCounts: a cumulative sum saturates instead of wrapping round to a small number.
func TestAddCounts(t *testing.T) {
	if got := addCounts(math.MaxInt64, 1); got != math.MaxInt64 {
		t.Errorf("MaxInt64 + 1 = %d", got)
	}
	if got := addCounts(math.MaxInt64-1, math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("wrapped: %d", got)
	}
	if got := addCounts(40, 2); got != 42 {
		t.Errorf("40 + 2 = %d", got)
	}
}
