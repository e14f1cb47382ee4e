package transform

import (
	"fmt"
	"math/rand"
	"mittari/internal/testcat"
	"slices"
	"strings"
	"testing"
	"time"

	"mittari/domain"
)

// TestExpectedReportsMatchDefinition holds int_expected_reports (half-years numbered and met in
// an equality join) to its definition worked out in Go from the same operations and reports in
// force, on random warehouses: a half-year (1 Jan–30 Jun, 1 Jul–31 Dec) overlapping the
// project's dates is received when a report in force overlaps it, and late when every such
// report was first submitted more than 60 days (UTC dates) after its own period end.
func TestExpectedReportsMatchDefinition(t *testing.T) {
	cat := testcat.New(t)
	cases := 30
	if testing.Short() {
		cases = 8
	}
	lateSeen, receivedSeen, missingSeen := 0, 0, 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		s := computedSession(t, cat, w)
		type report struct {
			start, end domain.Date
			late       bool
		}
		reports := map[string][]report{}
		for _, row := range queryStrings(t, s.conn, `SELECT project_id, strftime(period_start, '%Y-%m-%d'),
			strftime(period_end, '%Y-%m-%d'), strftime(CAST(first_submitted_at AS DATE), '%Y-%m-%d') FROM int_reports_in_force`) {
			f := strings.Split(row, "|")
			end := domain.MustDate(f[2])
			reports[f[0]] = append(reports[f[0]], report{domain.MustDate(f[1]), end, domain.MustDate(f[3])-end > 60})
		}
		var want []string
		for _, row := range queryStrings(t, s.conn, `SELECT project_id, strftime(start_date, '%Y-%m-%d'),
			strftime(end_date, '%Y-%m-%d') FROM int_operations`) {
			f := strings.Split(row, "|")
			start, end := domain.MustDate(f[1]), domain.MustDate(f[2])
			if start > end {
				continue
			}
			st := start.Time()
			month := time.January
			if st.Month() > time.June {
				month = time.July
			}
			for h := time.Date(st.Year(), month, 1, 0, 0, 0, 0, time.UTC); domain.DateOf(h) <= end; h = h.AddDate(0, 6, 0) {
				hs, he := domain.DateOf(h), domain.DateOf(h.AddDate(0, 6, -1))
				received, late := false, true
				for _, r := range reports[f[0]] {
					if r.start <= he && hs <= r.end {
						received = true
						late = late && r.late
					}
				}
				late = received && late
				want = append(want, fmt.Sprintf("%s|%s|%s|%t|%t", f[0], hs, he, received, late))
				switch {
				case late:
					lateSeen++
				case received:
					receivedSeen++
				default:
					missingSeen++
				}
			}
		}
		slices.Sort(want)
		got := queryStrings(t, s.conn, `SELECT project_id, strftime(half_start, '%Y-%m-%d'), strftime(half_end, '%Y-%m-%d'),
			received, late FROM int_expected_reports ORDER BY ALL`)
		s.close()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: int_expected_reports\n %v\nby the definition\n %v", seed, got, want)
		}
	}
	if lateSeen == 0 || receivedSeen == 0 || missingSeen == 0 {
		t.Fatalf("the random warehouses had %d late, %d punctual and %d missing half-years: a case went untested", lateSeen, receivedSeen, missingSeen)
	}
}
