package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"mittari/internal/testcat"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"mittari/domain"
	"mittari/warehouse"
)

// The hand-made warehouse every model's known answer is worked out on (see the comments in
// TestModelKnownAnswers for the arithmetic):
//
//	r1 (2022-08-01): register P1..P5 (P2 ongoing), targets, reports A, B, D
//	r2 (2023-01-20): register again with P2 cancelled; reports A2 (corrects A), E (overlaps A:
//	                 rejected), C (late, of-which above parent), F, G
//	                 rejections: r1 rejects P4's report for 2022-07-01..2022-12-31 (G, accepted in
//	                 r2, corrects it), P5's for 2022-01-01..2022-06-30 (never corrected) and the
//	                 unreadable file reports/broken.xlsx, which r2 reads; r2 rejects reports/x.json
//	r3 (2023-03-01): not committed: register with P1 cancelled and report H; must stay invisible
var (
	scenarioAsOf    = ts("2023-04-01T00:00:00Z")
	scenarioCutoffs = []domain.Cutoff{{Date: domain.MustDate("2022-06-30")}, {Date: domain.MustDate("2022-12-31")}}
)

func scenarioProjects(p2Status, p1Status domain.ProjectStatus) []domain.Project {
	ps := []domain.Project{
		project("P1", "1A1", "2022-01-01", "2023-12-31", "2022-01-15", p1Status, "1000.00", "750.00"),
		project("P2", "2A1", "2022-03-01", "2022-12-31", "2022-02-01", p2Status, "500.00", "375.00"),
		project("P3", "OS1", "2022-01-01", "2022-12-31", "2022-07-15", domain.StatusCompleted, "200.00", "200.00"),
		project("P4", "2A2", "2022-01-01", "2023-06-30", "2022-01-01", domain.StatusOngoing, "300.01", "225.01"),
		project("P5", "SA3", "2022-01-01", "2023-12-31", "2022-01-01", domain.StatusOngoing, "90.00", "81.00"),
	}
	ps[1].BeneficiaryType = "municipality"
	ps[2].BeneficiaryType = "state_authority"
	ps[3].BeneficiaryType = "university"
	// P1 brings 100.00 of its own money and names its own intervention field (001, where 1A1's
	// default is 002); P4 brings 0.01 and its own type of action (011, where 2A2's is 002).
	ps[0].PrivateContribution, ps[0].Interventions = domain.MustEuros("100.00"), [3]string{"001", "", ""}
	ps[3].PrivateContribution, ps[3].Interventions = domain.MustEuros("0.01"), [3]string{"", "011", ""}
	return ps
}

var (
	repA  = report("P1", "2022-01-01", "2022-06-30", "2022-07-10T10:00:00+03:00", ind("O.1.1", 5), ind("O.1.1.1", 2), ind("O.2.3", 2), exp("100.01"))
	repB  = report("P2", "2022-03-01", "2022-06-30", "2022-07-10T12:00:00Z", ind("O.2.3", 50), exp("20.00"))
	repD  = report("P3", "2022-01-01", "2022-06-30", "2022-07-20T12:00:00Z", ind("O.1.1", 1), exp("3.33"))
	repA2 = report("P1", "2022-01-01", "2022-06-30", "2022-08-05T09:00:00Z", ind("O.1.1", 6), exp("100.02"))
	repE  = report("P1", "2022-06-01", "2022-12-31", "2022-09-01T09:00:00Z", ind("O.1.1", 1000))
	repC  = report("P4", "2022-01-01", "2022-06-30", "2022-09-15T09:00:00Z", ind("O.2.3", 8), ind("O.2.3.1", 9), ind("R.2.8", 11), exp("50.00"))
	repF  = report("P1", "2022-07-01", "2022-12-31", "2023-01-15T09:00:00Z", ind("O.1.1", 3), ind("O.2.3", 4), exp("0.99"))
	repG  = report("P4", "2022-07-01", "2022-12-31", "2023-01-19T09:00:00Z", ind("O.2.3", 5), exp("10.00"))
	repH  = report("P3", "2022-07-01", "2022-12-31", "2023-02-20T09:00:00Z", ind("O.1.1", 100))
)

func scenarioRuns() []ingestRun {
	targets := []domain.Target{
		{ProjectID: "P1", Indicator: "O.1.1", Value: 40}, {ProjectID: "P1", Indicator: "O.2.3", Value: 7},
		{ProjectID: "P1", Indicator: "O.1.1.1", Value: 5}, {ProjectID: "P2", Indicator: "O.2.3", Value: 99},
		{ProjectID: "P3", Indicator: "O.1.1", Value: 5}, {ProjectID: "P4", Indicator: "O.2.3", Value: 20},
		{ProjectID: "P4", Indicator: "O.2.3.1", Value: 10}, {ProjectID: "P4", Indicator: "R.2.8", Value: 12},
		{ProjectID: "P5", Indicator: "O.3.1", Value: 15},
	}
	return []ingestRun{
		{ID: "20220801T000000Z", At: ts("2022-08-01T00:00:00Z"), Projects: scenarioProjects(domain.StatusOngoing, domain.StatusOngoing),
			Targets: targets, Reports: []domain.Report{repA, repB, repD},
			Quarantine: []warehouse.FindingRow{
				rejection("reports/p4.csv", "P4 2022-07-01..2022-12-31 submitted 2022-07-25T09:00:00Z", "value.integer"),
				rejection("reports/p4.csv", "P4 2022-07-01..2022-12-31 submitted 2022-07-25T09:00:00Z", "value.negative"),
				rejection("reports/p5.csv", "P5 2022-01-01..2022-06-30", "item.unknown"),
				rejection("reports/broken.xlsx", "", "file.unreadable"),
			}},
		{ID: "20230120T000000Z", At: ts("2023-01-20T00:00:00Z"), Projects: scenarioProjects(domain.StatusCancelled, domain.StatusOngoing),
			Reports:    []domain.Report{repA2, repE, repC, repF, repG},
			Quarantine: []warehouse.FindingRow{rejection("reports/x.json", "", "file.unreadable")},
			Files:      []warehouse.FileRow{{SHA256: "broken-fixed", Path: "reports/broken.xlsx", Format: "xlsx", Outcome: "read"}}},
		{ID: "20230301T000000Z", At: ts("2023-03-01T00:00:00Z"), Projects: scenarioProjects(domain.StatusCancelled, domain.StatusCancelled),
			Reports: []domain.Report{repH}, Uncommited: true},
	}
}

// rejection is an error row of the quarantine table, as ingest writes one.
func rejection(file, report, rule string) warehouse.FindingRow {
	return warehouse.FindingRow{FileSHA256: "sha-" + file, SourceFile: file, Report: report, Rule: rule,
		Severity: string(domain.SeverityError), Place: file + ":2", Message: rule + " at " + file}
}

// openScenario writes the hand-made warehouse and runs every model on it as of scenarioAsOf.
func openScenario(t *testing.T) *session {
	t.Helper()
	return openScenarioAt(t, scenarioCutoffs)
}

// overdueCutoffs are cut-offs at which the scenario has an overdue report (P5's first, due
// 2022-08-30, six months before 2023-03-31): what the per-operation checks need to say anything.
var overdueCutoffs = []domain.Cutoff{{Date: domain.MustDate("2022-12-31")}, {Date: domain.MustDate("2023-03-31")}}

// openScenarioAt is openScenario with other cut-offs.
func openScenarioAt(t *testing.T, cutoffs []domain.Cutoff) *session {
	t.Helper()
	root := t.TempDir()
	writeWarehouse(t, root, scenarioRuns())
	s, err := open(context.Background(), Options{Warehouse: root, Catalogue: testcat.New(t), AsOf: scenarioAsOf,
		Cutoffs: cutoffs, Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), Sent: scenarioSent()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	if _, err := s.compute(context.Background(), scenarioAsOf); err != nil {
		t.Fatal(err)
	}
	return s
}

// queryStrings runs q and renders each row as its columns joined by "|": dates as YYYY-MM-DD,
// other instants in RFC 3339 UTC, NULL as NULL, floats with four decimals.
func queryStrings(t *testing.T, conn *sql.Conn, q string) []string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = render(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		x = x.UTC()
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339)
	case float64:
		return fmt.Sprintf("%.4f", x)
	case duckdb.Decimal:
		// Exact: the unscaled integer with the decimal point put back, trailing zeros kept.
		digits := new(big.Int).Abs(x.Value).String()
		for len(digits) <= int(x.Scale) {
			digits = "0" + digits
		}
		sign := ""
		if x.Value.Sign() < 0 {
			sign = "-"
		}
		if x.Scale == 0 {
			return sign + digits
		}
		return sign + digits[:len(digits)-int(x.Scale)] + "." + digits[len(digits)-int(x.Scale):]
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = render(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	default:
		return fmt.Sprint(x)
	}
}
