package transform

import (
	"context"
	"database/sql"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"mittari/domain"
)

// TestQueriesMatchGo: every query Go declares has its file and every file is declared, each
// file's header names exactly the parameters and fills it uses (what Run checks when it starts).
func TestQueriesMatchGo(t *testing.T) {
	if err := checkQueries(); err != nil {
		t.Fatal(err)
	}
	all, _ := loadedQueries()
	if len(all) != len(queryNames) || len(all) == 0 {
		t.Fatalf("%d query files for %d declared names", len(all), len(queryNames))
	}
}

func TestLoadQueriesRefuses(t *testing.T) {
	good := "-- Returns one.\n-- params: n\nSELECT $n\n"
	for _, tc := range []struct {
		name     string
		files    fstest.MapFS
		declared []string
		want     string
	}{
		{"a declared name without a file", fstest.MapFS{"queries/a.sql": {Data: []byte(good)}}, []string{"a", "b"},
			"transform/queries/b.sql"},
		{"a file nothing declares", fstest.MapFS{"queries/a.sql": {Data: []byte(good)}, "queries/c.sql": {Data: []byte(good)}},
			[]string{"a"}, "no Go code runs this query"},
		{"a parameter the header does not declare", fstest.MapFS{"queries/a.sql": {Data: []byte("SELECT $n")}},
			[]string{"a"}, "parameters used (n)"},
		{"a declared parameter the text does not use", fstest.MapFS{"queries/a.sql": {Data: []byte("-- params: n, m\nSELECT $n")}},
			[]string{"a"}, "parameters used (n) are not those its header declares (m, n)"},
		{"a fill the header does not declare", fstest.MapFS{"queries/a.sql": {Data: []byte("SELECT * FROM {{t}}")}},
			[]string{"a"}, "fills used (t)"},
		{"parameters in a script", fstest.MapFS{"queries/a.sql": {Data: []byte("-- params: n\nSELECT 1; SELECT $n;")}},
			[]string{"a"}, "several statements"},
		{"an empty file", fstest.MapFS{"queries/a.sql": {Data: []byte("-- nothing\n")}}, []string{"a"}, "no statement"},
		{"another kind of file", fstest.MapFS{"queries/a.sql": {Data: []byte(good)}, "queries/notes.txt": {Data: []byte("x")}},
			[]string{"a"}, ".sql files only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			declared := map[string]bool{}
			for _, n := range tc.declared {
				declared[n] = true
			}
			_, err := loadQueries(tc.files, declared)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
	files := fstest.MapFS{"queries/a.sql": {Data: []byte(good)},
		"queries/s.sql": {Data: []byte("-- fills: t\nCREATE TABLE x AS SELECT 1;\nSELECT * FROM {{t}};\n")}}
	got, err := loadQueries(files, map[string]bool{"a": true, "s": true})
	if err != nil {
		t.Fatal(err)
	}
	if a, s := got["a"], got["s"]; a.script || !s.script || len(a.params) != 1 || len(s.fills) != 1 {
		t.Fatalf("a %+v, s %+v", a, s)
	}
}

// TestStatementChecksArguments: a query is run with exactly the parameters and fills its file
// declares, and a fill of identifiers takes identifiers only.
func TestStatementChecksArguments(t *testing.T) {
	text, params, err := qWriteMart.statement([]queryArg{identifiers("mart", "mart_x"), identifiers("key", "a", "b"),
		param("path", "/tmp/x")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "FROM mart_x ORDER BY a, b)") || len(params) != 1 {
		t.Fatalf("got %q with %d parameters", text, len(params))
	}
	for name, args := range map[string][]queryArg{
		"a parameter missing":   {identifiers("mart", "mart_x"), identifiers("key", "a")},
		"a parameter too many":  {identifiers("mart", "mart_x"), identifiers("key", "a"), param("path", "p"), param("other", 1)},
		"a fill given as value": {param("mart", "mart_x"), identifiers("key", "a"), param("path", "p")},
		"not an identifier":     {identifiers("mart", "x; DROP TABLE y"), identifiers("key", "a"), param("path", "p")},
	} {
		if _, _, err := qWriteMart.statement(args); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	text, _, err = qAttachCache.statement([]queryArg{literal("path", "/tmp/it's")})
	if err != nil || !strings.Contains(text, "ATTACH '/tmp/it''s' AS cache") {
		t.Fatalf("got %q, %v", text, err)
	}
}

// TestCutoffCalendarMatchesDomain: first_cutoff_on_or_after, which reads the calendar Go loads
// from domain, gives for every day of twelve years (leap years included) the first cut-off of
// domain.CutoffsThrough on or after it, never one before domain.FirstCutoff.
func TestCutoffCalendarMatchesDomain(t *testing.T) {
	ctx := context.Background()
	conn := testDuckDB(t)
	from, to := domain.MustDate("2019-01-01"), domain.MustDate("2031-12-31")
	cutoffs := domain.CutoffsThrough(to + 400)
	want := map[domain.Date]domain.Date{}
	next := 0
	for d := from; d <= to; d++ {
		for cutoffs[next].Date < d {
			next++
		}
		want[d] = cutoffs[next].Date
	}
	rows, err := conn.QueryContext(ctx, `SELECT d::DATE, first_cutoff_on_or_after(d::DATE) FROM range(?::DATE, ?::DATE + 1, INTERVAL 1 DAY) r(d)`,
		from.String(), to.String())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var d, c time.Time
		if err := rows.Scan(&d, &c); err != nil {
			t.Fatal(err)
		}
		day := domain.DateOf(d.UTC())
		if got := domain.DateOf(c.UTC()); got != want[day] {
			t.Fatalf("first_cutoff_on_or_after(%s) = %s, domain says %s", day, got, want[day])
		}
		n++
	}
	if err := rows.Err(); err != nil || n != len(want) {
		t.Fatalf("%d days compared of %d: %v", n, len(want), err)
	}
}

// TestNoCutoffDateInSQL: the calendar lives in domain alone; the macros and the queries spell no
// cut-off day (the months and days of domain.IsCutoffDate) in a date they build. (Models may
// well name a year's end for other reasons: the half-years of completeness, a report period.)
func TestNoCutoffDateInSQL(t *testing.T) {
	spelled := regexp.MustCompile(`make_date\([^)]*,\s*(3|6|8|10|12)\s*,\s*(30|31)\s*\)|'\d{4}-(03-31|06-30|08-31|10-31|12-31)'`)
	checked := 0
	for name, text := range embeddedSQL(t) {
		if name != macrosFile && !strings.HasPrefix(name, "queries/") {
			continue
		}
		checked++
		if m := spelled.FindString(text); m != "" {
			t.Errorf("%s spells a cut-off date (%s): take it from cutoff_calendar (first_cutoff_on_or_after)", name, m)
		}
	}
	if checked < 2 {
		t.Fatalf("only %d files checked", checked)
	}
}

// TestCacheQueriesNameCachedModels: the scripts that write and patch the cache name exactly the
// tables cache.go's lists say are cached, and patch every per-project table the incremental run
// recomputes.
func TestCacheQueriesNameCachedModels(t *testing.T) {
	sqls := embeddedSQL(t)
	write, patch := sqls["queries/cache_write.sql"], sqls["queries/cache_patch.sql"]
	written := regexp.MustCompile(`CREATE TABLE cache_out\.([a-z_]+) `).FindAllStringSubmatch(write, -1)
	var got []string
	for _, m := range written {
		if m[1] != "cache_meta" {
			got = append(got, m[1])
		}
	}
	want := append(append(append(append([]string{}, cachedRegisterModels...), cachedProjectModels...), contributionsModel), summedModels...)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("cache_write.sql writes %v, cache.go caches %v", got, want)
	}
	patched := map[string]bool{}
	for _, m := range regexp.MustCompile(`CREATE OR REPLACE VIEW main\.([a-z_]+) `).FindAllStringSubmatch(patch, -1) {
		patched[m[1]] = true
	}
	for _, list := range [][]string{cachedRegisterModels, cachedProjectModels, registerModels, versionModels, {contributionsModel}} {
		for _, m := range list {
			if !patched[m] {
				t.Errorf("cache_patch.sql makes no view main.%s", m)
			}
		}
	}
	summed := map[string]bool{}
	for _, m := range regexp.MustCompile(`CREATE OR REPLACE TABLE main\.([a-z_]+) `).FindAllStringSubmatch(patch, -1) {
		summed[m[1]] = true
	}
	for _, m := range summedModels {
		if !summed[m] {
			t.Errorf("cache_patch.sql makes no table main.%s", m)
		}
	}
}

// embeddedSQL is every embedded .sql file, models and queries, by path.
func embeddedSQL(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, fsys := range []fs.FS{modelFiles, queryFiles} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			out[p] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatal("no embedded SQL")
	}
	return out
}

// testDuckDB is a DuckDB connection of one thread, closed when the test ends.
func testDuckDB(t *testing.T) *sql.Conn {
	t.Helper()
	db, conn, err := openDuckDB(context.Background(), 1, "256MB", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		db.Close()
	})
	return conn
}

// modelSQL is the SQL of the named model, for tests that run one model on hand-made inputs.
func modelSQL(t *testing.T, name string) string {
	t.Helper()
	models, err := loadModels()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range models {
		if m.Name == name {
			return m.SQL
		}
	}
	t.Fatalf("no model %s", name)
	return ""
}
