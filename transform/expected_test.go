package transform

import (
	"fmt"
	"math/rand"
	"mittari/catalogue"
	"mittari/internal/testcat"
	"slices"
	"strings"
	"testing"
	"time"

	"mittari/domain"
)

// TestExpectedReportsMatchDefinition holds int_expected_reports (half-years numbered and met in
// an equality join) to its definition worked out in Go from the same operations and reports in
// force, on random warehouses, with a due date of its own for each kind of report (the
// catalogue's reporting.csv): a half-year (1 Jan–30 Jun, 1 Jul–31 Dec) overlapping the project's
// dates is due the H1 or H2 number of days after its end, or the final number after the
// project's end when the project ends in it, and expected from the first cut-off on or after the
// later of that and the project's selection; it is received when a report in force overlaps it,
// and late when every such report was first submitted (UTC dates) after its own due date.
func TestExpectedReportsMatchDefinition(t *testing.T) {
	parts := testcat.Parts()
	due := map[string]int{catalogue.ReportH1: 30, catalogue.ReportH2: 45, catalogue.ReportFinal: 75}
	parts.Reporting = nil
	for report, days := range due {
		parts.Reporting = append(parts.Reporting, catalogue.ReportingDue{Report: report, DueDays: days, Basis: "test"})
	}
	cat, err := catalogue.New(parts)
	if err != nil {
		t.Fatal(err)
	}
	// dueAfter is the due date of a report or half-year ending at end, of a project ending at
	// projectEnd.
	dueAfter := func(end, projectEnd domain.Date) domain.Date {
		switch {
		case end >= projectEnd:
			return projectEnd + domain.Date(due[catalogue.ReportFinal])
		case end.Time().Month() <= time.June:
			return end + domain.Date(due[catalogue.ReportH1])
		}
		return end + domain.Date(due[catalogue.ReportH2])
	}
	firstCutoffFrom := func(d domain.Date) domain.Date {
		for _, c := range domain.CutoffsThrough(d + 400) {
			if c.Date >= d {
				return c.Date
			}
		}
		t.Fatalf("no cut-off after %s", d)
		return 0
	}
	cases := 30
	if testing.Short() {
		cases = 8
	}
	lateSeen, receivedSeen, missingSeen, finalSeen := 0, 0, 0, 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		s := computedSession(t, cat, w)
		type report struct {
			start, end domain.Date
			submitted  domain.Date
		}
		reports := map[string][]report{}
		for _, row := range queryStrings(t, s.conn, `SELECT project_id, strftime(period_start, '%Y-%m-%d'),
			strftime(period_end, '%Y-%m-%d'), strftime(CAST(first_submitted_at AS DATE), '%Y-%m-%d') FROM int_reports_in_force`) {
			f := strings.Split(row, "|")
			reports[f[0]] = append(reports[f[0]], report{domain.MustDate(f[1]), domain.MustDate(f[2]), domain.MustDate(f[3])})
		}
		var want []string
		for _, row := range queryStrings(t, s.conn, `SELECT project_id, strftime(start_date, '%Y-%m-%d'),
			strftime(end_date, '%Y-%m-%d'), strftime(selected_on, '%Y-%m-%d') FROM int_operations`) {
			f := strings.Split(row, "|")
			start, end, selected := domain.MustDate(f[1]), domain.MustDate(f[2]), domain.MustDate(f[3])
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
						late = late && r.submitted > dueAfter(r.end, end)
					}
				}
				late = received && late
				expectedFrom := firstCutoffFrom(max(selected, dueAfter(he, end)))
				want = append(want, fmt.Sprintf("%s|%s|%s|%s|%t|%t", f[0], hs, he, expectedFrom, received, late))
				switch {
				case late:
					lateSeen++
				case received:
					receivedSeen++
				default:
					missingSeen++
				}
				if end < he {
					finalSeen++
				}
			}
		}
		slices.Sort(want)
		got := queryStrings(t, s.conn, `SELECT project_id, strftime(half_start, '%Y-%m-%d'), strftime(half_end, '%Y-%m-%d'),
			strftime(expected_from, '%Y-%m-%d'), received, late FROM int_expected_reports ORDER BY ALL`)
		s.close()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("seed %d: int_expected_reports\n %v\nby the definition\n %v", seed, got, want)
		}
	}
	if lateSeen == 0 || receivedSeen == 0 || missingSeen == 0 || finalSeen == 0 {
		t.Fatalf("the random warehouses had %d late, %d punctual and %d missing half-years, %d in which a project ended: a case went untested",
			lateSeen, receivedSeen, missingSeen, finalSeen)
	}
}
