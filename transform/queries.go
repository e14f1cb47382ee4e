package transform

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"mittari/internal/errs"
)

// Every statement Go runs is a file of queries/, one query per file, named by its file name
// without .sql: Go declares the names it runs (sqlQuery), and checkQueries refuses a declared
// name without a file and a file no Go code declares, so that a query is found from its name in
// one step and no file lingers unused.
//
// A file starts with comment lines saying what it makes or returns and two optional headers:
//
//	-- params: as_of, runs     values bound as DuckDB parameters ($as_of, $runs)
//	-- fills: mart, key        text Go puts in place of {{mart}}, {{key}}: identifiers or a
//	                           quoted string, only where DuckDB takes no parameter (ATTACH's
//	                           file, the table and columns of a COPY)
//
// A file without parameters may hold several statements (a script, run as one unit); the
// driver binds parameters to the last statement only, so a file with parameters holds one.

//go:embed queries
var queryFiles embed.FS

// queryNames are the names Go declared with sqlQuery.
var queryNames = map[string]bool{}

// namedQuery is the name of a file of queries/, without .sql.
type namedQuery string

// sqlQuery declares that Go runs queries/<name>.sql.
func sqlQuery(name string) namedQuery {
	queryNames[name] = true
	return namedQuery(name)
}

// path is the query's file, as errors name it.
func (q namedQuery) path() string { return "transform/queries/" + string(q) + ".sql" }

// queryFile is one file of queries/ as the loader read it.
type queryFile struct {
	text          string
	params, fills []string
	script        bool
}

var (
	paramRef = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	fillRef  = regexp.MustCompile(`\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}`)
)

// loadedQueries reads and checks every query file once.
var loadedQueries = sync.OnceValues(func() (map[string]*queryFile, error) {
	return loadQueries(queryFiles, queryNames)
})

// checkQueries says whether the query files and the names Go declared agree.
func checkQueries() error {
	_, err := loadedQueries()
	return err
}

// loadQueries reads the .sql files at the root of files' queries folder and checks each header
// against its text and the set of files against the declared names.
func loadQueries(files fs.FS, declared map[string]bool) (map[string]*queryFile, error) {
	const op errs.Op = "transform.loadQueries"
	entries, err := fs.ReadDir(files, "queries")
	if err != nil {
		return nil, errs.E(op, errs.Path("transform/queries"), errs.Internal, err)
	}
	out := map[string]*queryFile{}
	for _, e := range entries {
		p := path.Join("queries", e.Name())
		name, ok := strings.CutSuffix(e.Name(), ".sql")
		if !ok || e.IsDir() {
			return nil, errs.E(op, errs.Path("transform/"+p), errs.Internal, "the queries folder holds .sql files only")
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return nil, errs.E(op, errs.Path("transform/"+p), errs.Internal, err)
		}
		q, err := parseQuery(string(b))
		if err != nil {
			return nil, errs.E(op, errs.Path("transform/"+p), errs.Internal, err)
		}
		if !declared[name] {
			return nil, errs.E(op, errs.Path("transform/"+p), errs.Internal, "no Go code runs this query (sqlQuery): remove the file or use it")
		}
		out[name] = q
	}
	var missing []string
	for name := range declared {
		if out[name] == nil {
			missing = append(missing, namedQuery(name).path())
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, errs.E(op, errs.Path(strings.Join(missing, ", ")), errs.Internal, "Go runs queries that have no file")
	}
	return out, nil
}

// parseQuery reads a query file's headers and checks that they name exactly the parameters and
// fills its text uses.
func parseQuery(text string) (*queryFile, error) {
	q := &queryFile{text: text}
	var body strings.Builder
	seen := map[string]bool{}
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if comment, ok := strings.CutPrefix(trimmed, "--"); ok {
			for _, h := range []struct {
				prefix string
				list   *[]string
			}{{"params:", &q.params}, {"fills:", &q.fills}} {
				rest, ok := strings.CutPrefix(strings.TrimSpace(comment), h.prefix)
				if !ok {
					continue
				}
				if seen[h.prefix] {
					return nil, fmt.Errorf("line %d: header %q given twice", i+1, h.prefix)
				}
				seen[h.prefix] = true
				for _, n := range strings.Split(rest, ",") {
					n = strings.TrimSpace(n)
					if n == "" {
						continue
					}
					if !isIdentifier(n) {
						return nil, fmt.Errorf("line %d: %q is not a parameter name", i+1, n)
					}
					*h.list = append(*h.list, n)
				}
			}
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	stmt := strings.TrimSpace(body.String())
	if stmt == "" {
		return nil, fmt.Errorf("no statement")
	}
	q.script = strings.Contains(strings.TrimSuffix(stmt, ";"), ";")
	for _, c := range []struct {
		what     string
		re       *regexp.Regexp
		declared []string
	}{{"parameter", paramRef, q.params}, {"fill", fillRef, q.fills}} {
		var used []string
		for _, m := range c.re.FindAllStringSubmatch(stmt, -1) {
			used = append(used, m[1])
		}
		slices.Sort(used)
		used = slices.Compact(used)
		want := slices.Sorted(slices.Values(c.declared))
		if !slices.Equal(used, want) {
			return nil, fmt.Errorf("the %ss used (%s) are not those its header declares (%s)", c.what,
				strings.Join(used, ", "), strings.Join(want, ", "))
		}
	}
	if q.script && len(q.params) > 0 {
		return nil, fmt.Errorf("a file of several statements cannot take parameters (the driver binds them to the last one only)")
	}
	return q, nil
}

// queryArg is a value for a query's parameter or fill.
type queryArg struct {
	name  string
	value any
	fill  *string
	err   error
}

// param binds value to the query's parameter $name.
func param(name string, value any) queryArg { return queryArg{name: name, value: value} }

// identifiers fills {{name}} with SQL identifiers, comma-separated; anything else is refused.
func identifiers(name string, ids ...string) queryArg {
	for _, id := range ids {
		if !isIdentifier(id) {
			return queryArg{name: name, err: fmt.Errorf("%s: %q is not an identifier", name, id)}
		}
	}
	text := strings.Join(ids, ", ")
	return queryArg{name: name, fill: &text}
}

// literal fills {{name}} with s as a quoted SQL string, where DuckDB takes no parameter.
func literal(name, s string) queryArg {
	text := sqlString(s)
	return queryArg{name: name, fill: &text}
}

// statement is q's text with its fills in place and its parameters bound, checked against the
// file's header.
func (q namedQuery) statement(args []queryArg) (string, []any, error) {
	all, err := loadedQueries()
	if err != nil {
		return "", nil, err
	}
	f := all[string(q)]
	if f == nil {
		return "", nil, errs.E(errs.Op("transform.query"), errs.Path(q.path()), errs.Internal, "no such query file")
	}
	text := f.text
	var params []any
	var gotParams, gotFills []string
	for _, a := range args {
		if a.err != nil {
			return "", nil, errs.E(errs.Op("transform.query"), errs.Path(q.path()), errs.Internal, a.err)
		}
		if a.fill == nil {
			gotParams = append(gotParams, a.name)
			params = append(params, sql.Named(a.name, a.value))
			continue
		}
		gotFills = append(gotFills, a.name)
		text = strings.ReplaceAll(text, "{{"+a.name+"}}", *a.fill)
	}
	slices.Sort(gotParams)
	slices.Sort(gotFills)
	if !slices.Equal(gotParams, slices.Sorted(slices.Values(f.params))) || !slices.Equal(gotFills, slices.Sorted(slices.Values(f.fills))) {
		return "", nil, errs.E(errs.Op("transform.query"), errs.Path(q.path()), errs.Internal,
			fmt.Sprintf("given parameters %v and fills %v, the file declares %v and %v", gotParams, gotFills, f.params, f.fills))
	}
	return text, params, nil
}

// execQuery runs q for its effect.
func execQuery(ctx context.Context, conn *sql.Conn, q namedQuery, args ...queryArg) error {
	text, params, err := q.statement(args)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, text, params...); err != nil {
		return errs.E(errs.Op("transform.exec"), errs.Path(q.path()), errs.Internal, err)
	}
	return nil
}

// execQueries runs each query in turn, without arguments.
func execQueries(ctx context.Context, conn *sql.Conn, qs ...namedQuery) error {
	for _, q := range qs {
		if err := execQuery(ctx, conn, q); err != nil {
			return err
		}
	}
	return nil
}

// query runs q and calls scan for each row.
func query(ctx context.Context, conn *sql.Conn, q namedQuery, scan func(*sql.Rows) error, args ...queryArg) error {
	defer tracedAs("transform: query", string(q))()
	text, params, err := q.statement(args)
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, text, params...)
	if err != nil {
		return errs.E(errs.Op("transform.read"), errs.Path(q.path()), errs.Internal, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return errs.E(errs.Op("transform.read"), errs.Path(q.path()), errs.Internal, err)
		}
	}
	if err := rows.Err(); err != nil {
		return errs.E(errs.Op("transform.read"), errs.Path(q.path()), errs.Internal, err)
	}
	return nil
}

// queryRow runs q, which returns one row, into dest.
func queryRow(ctx context.Context, conn *sql.Conn, q namedQuery, dest []any, args ...queryArg) error {
	text, params, err := q.statement(args)
	if err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, text, params...).Scan(dest...); err != nil {
		return errs.E(errs.Op("transform.read"), errs.Path(q.path()), errs.Internal, err)
	}
	return nil
}
