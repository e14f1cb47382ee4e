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

// TestTakenRoundTrip: what a run spills of a version (appendTaken) reads back as it was, for
// the place of every format, any offset, a submitted_at not as RFC 3339 prints it, and items of
// every kind in their order.
func TestTakenRoundTrip(t *testing.T) {
	at := func(s string) time.Time {
		v, err := domain.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	files := []string{"reports/a.csv", "reports/b.xlsx", "reports/c.json", "f"}
	type version struct {
		file, rep int
		report    domain.Report
		subText   string
	}
	vs := []version{
		{0, 0, domain.Report{Key: domain.ReportKey{ProjectID: "B", PeriodStart: 10, PeriodEnd: 20}, SubmittedAt: at("2025-07-20T10:15:00+03:00"),
			Place: domain.Place{File: "reports/a.csv", Line: 7},
			Items: []domain.ReportItem{{Item: "O.2.3.1", Value: 17}, {Item: domain.ExpenditureItem, Amount: 1825040}, {Item: "O.2.3", Value: 41}}}, "2025-07-20T10:15:00+03:00"},
		{1, 3, domain.Report{Key: domain.ReportKey{ProjectID: "A", PeriodStart: -5, PeriodEnd: 20}, SubmittedAt: at("0001-01-01T00:00:00.123456789Z"),
			Place: domain.Place{File: "reports/b.xlsx", Sheet: "report", Cell: "A2"}}, "0001-01-01T00:00:00.123456789Z"},
		{2, 1 << 20, domain.Report{Key: domain.ReportKey{ProjectID: "B", PeriodStart: 30, PeriodEnd: 40}, SubmittedAt: at("2025-07-20T10:15:00-09:30"),
			Place: domain.Place{File: "reports/c.json", Pointer: "/3"}, Items: []domain.ReportItem{{Item: "O.1.1", Value: 0}, {Item: domain.ExpenditureItem, Amount: -7}}}, "2025-07-20T10:15:00-09:30"},
		{3, 2, domain.Report{Key: domain.ReportKey{ProjectID: strings.Repeat("P", 64)}, SubmittedAt: at("2025-07-20T10:15:00.500+00:00"),
			Place: domain.Place{File: "f", Line: 2, Column: strings.Repeat("c", 70000)}, Items: []domain.ReportItem{{Item: "O.2.3", Value: 1 << 62}}}, "2025-07-20T10:15:00.500+00:00"},
	}
	var b []byte
	for i, v := range vs {
		sum := [32]byte{byte(i), 0xff}
		b = appendTaken(b, v.file, v.rep, sum, &v.report, v.subText)
		b = append(b, 0xAA) // what follows a record is not read as part of it
		got := readTaken(b[:len(b)-1], func(f int32) string { return files[f] }, &interned{})
		b = b[:0]
		want := v.report
		if got.file != int32(v.file) || got.rep != int32(v.rep) || got.sum != sum || got.hash != hex.EncodeToString(sum[:]) ||
			got.key != want.Key || got.subText != v.subText || !reflect.DeepEqual(got.place, want.Place) || got.nItems != len(want.Items) {
			t.Errorf("%d: got %+v, want %+v", i, got, v)
		}
		if got.submitted.Format(time.RFC3339Nano) != want.SubmittedAt.Format(time.RFC3339Nano) || !got.submitted.Equal(want.SubmittedAt) {
			t.Errorf("%d: submitted %v, want %v", i, got.submitted, want.SubmittedAt)
		}
		var items []domain.ReportItem
		got.eachItem(func(code string, value int64) {
			it := domain.ReportItem{Item: code, Value: value}
			if code == domain.ExpenditureItem {
				it = domain.ReportItem{Item: code, Amount: domain.Cents(value)}
			}
			items = append(items, it)
		})
		if len(items) > 0 || len(want.Items) > 0 {
			if !reflect.DeepEqual(items, want.Items) {
				t.Errorf("%d: items %v, want %v", i, items, want.Items)
			}
		}
		if counts, wantCounts := got.counts(), countsOf(want); len(counts)+len(wantCounts) > 0 && !reflect.DeepEqual(counts, wantCounts) {
			t.Errorf("%d: counts %v, want %v", i, counts, wantCounts)
		}
	}
}

// TestSpill: every record comes back, in the order it was added, from the partition it was
// added to, whether it went to the file or was still in its partition's buffer, loaded whole or
// a chunk at a time.
func TestSpill(t *testing.T) {
	s, err := newSpill(t.TempDir(), 5)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	want := make([][]string, 5)
	for i := range 20000 {
		p := i * 7 % 5
		rec := fmt.Sprintf("record %d %s", i, strings.Repeat("x", i%300))
		if i == 777 {
			rec = strings.Repeat("y", 3*spillChunkSize) // larger than a chunk
		}
		s.add(p, []byte(rec))
		want[p] = append(want[p], rec)
	}
	var buf []byte
	for p := range want {
		if s.records(p) != len(want[p]) {
			t.Errorf("partition %d: %d records, want %d", p, s.records(p), len(want[p]))
		}
		data, err := s.load(p, buf)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for len(data) > 0 {
			var rec []byte
			rec, data = nextRecord(data)
			got = append(got, string(rec))
		}
		if !reflect.DeepEqual(got, want[p]) {
			t.Errorf("partition %d: %d records back, want %d", p, len(got), len(want[p]))
		}
		buf = data
		got = got[:0]
		if err := s.each(p, func(rec []byte) { got = append(got, string(rec)) }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[p]) {
			t.Errorf("partition %d: each gives %d records, want %d", p, len(got), len(want[p]))
		}
	}
	if s.size == 0 {
		t.Error("nothing went to the file")
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
