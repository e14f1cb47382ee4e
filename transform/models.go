package transform

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"mittari/internal/errs"
)

//go:embed models
var modelFiles embed.FS

// Model is one SQL file of models/: it creates the table its file is named after.
type Model struct {
	Name  string // file name without .sql, e.g. "int_reports_in_force"
	Layer string // staging, intermediate or marts
	Path  string
	// Depends lists the models and inputs it reads, from its "-- depends: a, b" header.
	Depends []string
	// Key lists the columns that identify a row, from its "-- key: a, b" header; tests check
	// that they are unique and never null.
	Key []string
	SQL string
}

// parseHeader reads a model's "-- depends:" and "-- key:" comment lines. Names are SQL
// identifiers (letters, digits, underscores); each header may appear once, and key is required.
func parseHeader(text string) (depends, key []string, err error) {
	var seenDepends, seenKey bool
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		var list *[]string
		var seen *bool
		var rest string
		if r, ok := strings.CutPrefix(line, "-- depends:"); ok {
			list, seen, rest = &depends, &seenDepends, r
		} else if r, ok := strings.CutPrefix(line, "-- key:"); ok {
			list, seen, rest = &key, &seenKey, r
		} else {
			continue
		}
		if *seen {
			return nil, nil, fmt.Errorf("line %d: header %q given twice", i+1, strings.SplitN(line, ":", 2)[0])
		}
		*seen = true
		for _, name := range strings.Split(rest, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !isIdentifier(name) {
				return nil, nil, fmt.Errorf("line %d: %q is not a table or column name", i+1, name)
			}
			*list = append(*list, name)
		}
	}
	if len(key) == 0 {
		return nil, nil, fmt.Errorf("no \"-- key: column, ...\" header")
	}
	return depends, key, nil
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return s != ""
}

// layers are the model folders in the order they build on one another; a model may depend on
// its own layer or an earlier one, never a later one.
var layers = []string{"staging", "intermediate", "marts"}

// loadModels reads every embedded model and checks its header.
func loadModels() ([]Model, error) {
	var out []Model
	for _, layer := range layers {
		entries, err := fs.ReadDir(modelFiles, path.Join("models", layer))
		if err != nil {
			return nil, errs.E(errs.Op("transform.loadModels"), errs.Path(layer), errs.Internal, err)
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			p := path.Join("models", layer, e.Name())
			b, err := modelFiles.ReadFile(p)
			if err != nil {
				return nil, errs.E(errs.Op("transform.loadModels"), errs.Path(p), errs.Internal, err)
			}
			m := Model{Name: strings.TrimSuffix(e.Name(), ".sql"), Layer: layer, Path: p, SQL: string(b)}
			if m.Depends, m.Key, err = parseHeader(m.SQL); err != nil {
				return nil, errs.E(errs.Op("transform.loadModels"), errs.Path(p), errs.Internal, err)
			}
			if !strings.Contains(m.SQL, "CREATE OR REPLACE TABLE "+m.Name+" ") && !strings.Contains(m.SQL, "CREATE OR REPLACE VIEW "+m.Name+" ") {
				return nil, errs.E(errs.Op("transform.loadModels"), errs.Path(p), errs.Internal,
					fmt.Errorf("a model must create the table (or view) it is named after (CREATE OR REPLACE TABLE %s AS ...)", m.Name))
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// inputNeeds names, for each input Go makes only once some models have run (runModels'
// providers), those models: a model that reads the input comes after them, and needs them, as if
// it read them itself.
var inputNeeds = map[string][]string{"in_force_versions": {"stg_report_versions"}}

// orderDepends is what m must come after: what it reads and what the inputs it reads need.
func orderDepends(m Model) []string {
	deps := m.Depends
	for _, d := range m.Depends {
		if needs, ok := inputNeeds[d]; ok {
			deps = append(slices.Clip(deps), needs...)
		}
	}
	return deps
}

// orderModels sorts models so that each comes after everything it depends on. A dependency
// must be another model or one of inputs (tables Go creates before the models run); a cycle, an
// unknown name or a model reading a later layer is an error. Among models whose dependencies are
// met, the name decides, so the order is reproducible.
func orderModels(models []Model, inputs []string) ([]Model, error) {
	byName := map[string]Model{}
	for _, m := range models {
		if _, dup := byName[m.Name]; dup {
			return nil, errs.E(errs.Op("transform.orderModels"), errs.Path(m.Name), errs.Internal, "two models have this name")
		}
		byName[m.Name] = m
	}
	isInput := map[string]bool{}
	for _, in := range inputs {
		isInput[in] = true
	}
	layerRank := map[string]int{}
	for i, l := range layers {
		layerRank[l] = i
	}
	indegree := map[string]int{}
	dependents := map[string][]string{}
	for _, m := range models {
		indegree[m.Name] += 0
		for _, d := range orderDepends(m) {
			if isInput[d] {
				continue
			}
			dep, ok := byName[d]
			if !ok {
				return nil, errs.E(errs.Op("transform.orderModels"), errs.Path(m.Path), errs.Internal,
					fmt.Errorf("depends on %s, which is neither a model nor an input", d))
			}
			if layerRank[dep.Layer] > layerRank[m.Layer] {
				return nil, errs.E(errs.Op("transform.orderModels"), errs.Path(m.Path), errs.Internal,
					fmt.Errorf("a %s model cannot depend on the %s model %s", m.Layer, dep.Layer, d))
			}
			indegree[m.Name]++
			dependents[d] = append(dependents[d], m.Name)
		}
	}
	var ready []string
	for name, n := range indegree {
		if n == 0 {
			ready = append(ready, name)
		}
	}
	var out []Model
	for len(ready) > 0 {
		sort.Strings(ready)
		name := ready[0]
		ready = ready[1:]
		out = append(out, byName[name])
		for _, next := range dependents[name] {
			indegree[next]--
			if indegree[next] == 0 {
				ready = append(ready, next)
			}
		}
	}
	if len(out) != len(models) {
		var stuck []string
		for name, n := range indegree {
			if n > 0 {
				stuck = append(stuck, name)
			}
		}
		sort.Strings(stuck)
		return nil, errs.E(errs.Op("transform.orderModels"), errs.Path(strings.Join(stuck, ", ")), errs.Internal, "dependency cycle")
	}
	return out, nil
}

// provider makes an input that can only be made once some models have run (the in-force
// versions need stg_report_versions).
type provider func() error

// runModels executes the models in order. Each provider is called once, just before the first
// model that depends on its input.
func runModels(ctx context.Context, conn *sql.Conn, models []Model, providers map[string]provider) error {
	made := map[string]bool{}
	for _, m := range models {
		for _, d := range m.Depends {
			if p, ok := providers[d]; ok && !made[d] {
				done := tracedAs("transform: input", d)
				if err := p(); err != nil {
					return err
				}
				done()
				made[d] = true
			}
		}
		done := tracedAs("transform: model", m.Name)
		if _, err := conn.ExecContext(ctx, m.SQL); err != nil {
			return errs.E(errs.Op("transform.runModel"), errs.Path(m.Path), errs.Internal, err)
		}
		done()
	}
	return nil
}
