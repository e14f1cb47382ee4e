package transform

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLineageOperationsRanked: the operations the site lists behind each SO's money
// (site_lineage_operations.sql, which ranks only each selection cut-off's first operations)
// are those a ranking of every operation selected by each cut-off gives, with the same counts:
// on operations of two SOs and support types selected at the scenario's cut-offs and before,
// eligible costs tied here and there, and limits that cut every list.
func TestLineageOperationsRanked(t *testing.T) {
	ctx := context.Background()
	s := openScenario(t)
	// 400 operations: selected at 2021-12-31, 2022-06-30 or 2022-12-31, so 1 or 2, project or
	// operating support, eligible costs from 0 to 96 cents with ties.
	if _, err := s.conn.ExecContext(ctx, `
		CREATE OR REPLACE TABLE int_operations AS
		SELECT 'P' || lpad(CAST(i AS VARCHAR), 4, '0') AS project_id, 1 + i % 2 AS so,
		       CASE WHEN i % 3 = 0 THEN 'operating_support' ELSE 'project' END AS support_type,
		       ['2021-12-31', '2022-06-30', '2022-12-31'][1 + (i * 7) % 3]::DATE AS selected_cutoff,
		       'A' || (i % 5) AS action, ((i * 37) % 97)::BIGINT AS eligible_cost_cents, (i % 11)::BIGINT AS eu_contribution_cents
		FROM range(400) r(i)`); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, limits := range [][2]int{{2, 1}, {5, 3}, {1, 40}, {100, 10}} {
		var got []string
		err := query(ctx, s.conn, sqlQuery("site_lineage_operations"), func(r *sql.Rows) error {
			var c time.Time
			var so, total, eligible, eu int64
			var st, project, action string
			if err := r.Scan(&c, &so, &st, &project, &action, &eligible, &eu, &total); err != nil {
				return err
			}
			got = append(got, fmt.Sprintf("%s|%d|%s|%s|%s|%d|%d|%d", c.Format(time.DateOnly), so, st, project, action, eligible, eu, total))
			return nil
		}, param("limit_latest", limits[0]), param("limit_earlier", limits[1]))
		if err != nil {
			t.Fatal(err)
		}
		want := queryStrings(t, s.conn, fmt.Sprintf(`
			WITH requested AS (
			    SELECT cutoff_date, cutoff_date = max(cutoff_date) OVER () AS latest FROM cutoffs WHERE requested
			), ranked AS (
			    SELECT c.cutoff_date, c.latest, o.so, o.support_type, o.project_id, o.action, o.eligible_cost_cents, o.eu_contribution_cents,
			           row_number() OVER (PARTITION BY c.cutoff_date, o.so, o.support_type ORDER BY o.eligible_cost_cents DESC, o.project_id) AS n,
			           count(*) OVER (PARTITION BY c.cutoff_date, o.so, o.support_type) AS total
			    FROM requested c JOIN int_operations o ON o.selected_cutoff <= c.cutoff_date
			)
			SELECT cutoff_date, so, support_type, project_id, action, eligible_cost_cents, eu_contribution_cents, total
			FROM ranked WHERE n <= CASE WHEN latest THEN %d ELSE %d END
			ORDER BY cutoff_date, so, support_type, n`, limits[0], limits[1]))
		if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("limits %v:\n got %v\nwant %v", limits, got, want)
		}
		compared += len(want)
	}
	t.Logf("%d rows compared", compared)
}
