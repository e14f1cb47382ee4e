package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"
)

// contentHashByDefinition is ContentHash written the plain way (fmt, strings): the format the
// warehouse's version hashes were first written in. The fast version must match it byte for byte.
func contentHashByDefinition(r Report) string {
	items := make([]string, 0, len(r.Items))
	for _, it := range r.Items {
		if it.Item == ExpenditureItem {
			items = append(items, it.Item+"="+it.Amount.String())
		} else {
			items = append(items, fmt.Sprintf("%s=%d", it.Item, it.Value))
		}
	}
	sort.Strings(items)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", r.Key.ProjectID, r.Key.PeriodStart, r.Key.PeriodEnd,
		r.SubmittedAt.UTC().Format(time.RFC3339Nano))
	for _, s := range items {
		fmt.Fprintf(h, "%s\x00", s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestContentHashFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	codes := []string{"O.2.3", "O.2.3.1", "R.2.8", "O.1.1", "O.2.3.10", ExpenditureItem}
	for i := 0; i < 500; i++ {
		r := Report{
			Key:         ReportKey{ProjectID: fmt.Sprint("AMIF-2023-", rng.IntN(100)), PeriodStart: MustDate("2025-01-01"), PeriodEnd: MustDate("2025-06-30")},
			SubmittedAt: time.Date(2025, 7, 20, 10, rng.IntN(60), 0, rng.IntN(3)*1000, time.FixedZone("EEST", 3*3600)),
		}
		for _, c := range codes[:rng.IntN(len(codes))+1] {
			r.Items = append(r.Items, ReportItem{Item: c, Value: rng.Int64N(1e6) - 10, Amount: Cents(rng.Int64N(1e9) - 500)})
		}
		if got, want := r.ContentHash(), contentHashByDefinition(r); got != want {
			t.Fatalf("report %d: ContentHash %s, by definition %s", i, got, want)
		}
	}
}

func TestContentHashIgnoresItemOrderAndOffset(t *testing.T) {
	a := Report{Key: ReportKey{ProjectID: "P", PeriodStart: 1, PeriodEnd: 2},
		SubmittedAt: time.Date(2025, 7, 20, 10, 15, 0, 0, time.FixedZone("EEST", 3*3600)),
		Items:       []ReportItem{{Item: "O.2.3", Value: 41}, {Item: ExpenditureItem, Amount: 1825040}}}
	b := a
	b.SubmittedAt = a.SubmittedAt.UTC()
	b.Items = []ReportItem{a.Items[1], a.Items[0]}
	if a.ContentHash() != b.ContentHash() {
		t.Fatal("the same content hashed differently")
	}
	b.Items = []ReportItem{{Item: "O.2.3", Value: 42}, a.Items[1]}
	if a.ContentHash() == b.ContentHash() {
		t.Fatal("different content hashed alike")
	}
}

func BenchmarkContentHash(b *testing.B) {
	r := Report{Key: ReportKey{ProjectID: "AMIF-2023-014", PeriodStart: 1, PeriodEnd: 2}, SubmittedAt: time.Now(),
		Items: []ReportItem{{Item: "O.2.3", Value: 41}, {Item: "O.2.3.1", Value: 17}, {Item: "R.2.8", Value: 3}, {Item: ExpenditureItem, Amount: 1825040}}}
	for b.Loop() {
		r.ContentHash()
	}
}
