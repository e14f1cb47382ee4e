package transform

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		depends, key  []string
		wantErrSubstr string
	}{
		{"both", "-- what\n-- depends: a, b_2\n-- key: x, y\nCREATE", []string{"a", "b_2"}, []string{"x", "y"}, ""},
		{"no depends", "-- key: x\n", nil, []string{"x"}, ""},
		{"indented and trailing comma", "  -- depends: a,\n  -- key: k ,", []string{"a"}, []string{"k"}, ""},
		{"no key", "-- depends: a\n", nil, nil, "no \"-- key"},
		{"key twice", "-- key: a\n-- key: b\n", nil, nil, "given twice"},
		{"bad name", "-- depends: a b\n-- key: k\n", nil, nil, "line 1: \"a b\" is not"},
		{"name with digit first", "-- key: 1a\n", nil, nil, "is not a table or column name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			depends, key, err := parseHeader(tt.text)
			if tt.wantErrSubstr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrSubstr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErrSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(depends, tt.depends) || !reflect.DeepEqual(key, tt.key) {
				t.Errorf("got depends %q key %q, want %q %q", depends, key, tt.depends, tt.key)
			}
		})
	}
}

// FuzzParseHeader checks that any text either parses into identifiers or is refused, and never
// panics; the seed corpus is in testdata/fuzz/FuzzParseHeader.
func FuzzParseHeader(f *testing.F) {
	f.Add("-- depends: a, b\n-- key: k\n")
	f.Fuzz(func(t *testing.T, text string) {
		depends, key, err := parseHeader(text)
		if err != nil {
			return
		}
		if len(key) == 0 {
			t.Fatal("parsed without a key")
		}
		for _, n := range append(depends, key...) {
			if !isIdentifier(n) {
				t.Fatalf("parsed name %q is not an identifier", n)
			}
		}
	})
}

// TestEmbeddedModelsOrder checks that the embedded models sort, that each comes after all it
// depends on, and that every model's SQL mentions what it declares (a missing header entry would
// let the order run a model before its inputs exist).
func TestEmbeddedModelsOrder(t *testing.T) {
	models, err := loadModels()
	if err != nil {
		t.Fatal(err)
	}
	ordered, err := orderModels(models, Inputs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ordered) != len(models) {
		t.Fatalf("ordered %d of %d models", len(ordered), len(models))
	}
	position := map[string]int{}
	for i, m := range ordered {
		position[m.Name] = i
	}
	names := map[string]bool{}
	for _, in := range Inputs {
		names[in] = true
	}
	for _, m := range models {
		names[m.Name] = true
	}
	for i, m := range ordered {
		for _, d := range m.Depends {
			if p, isModel := position[d]; isModel && p >= i {
				t.Errorf("%s runs at %d, before its dependency %s at %d", m.Name, i, d, p)
			}
			body := m.SQL[strings.Index(m.SQL, "CREATE"):]
			if !strings.Contains(body, d) {
				t.Errorf("%s declares %s but its SQL does not read it", m.Name, d)
			}
		}
		// Every table the SQL reads must be declared: look for known names in the body.
		body := m.SQL[strings.Index(m.SQL, "CREATE")+len("CREATE OR REPLACE TABLE "+m.Name):]
		for n := range names {
			if n != m.Name && containsWord(body, n) && !contains(m.Depends, n) {
				t.Errorf("%s reads %s without declaring it in -- depends", m.Name, n)
			}
		}
	}
}

func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isWordChar(s[j-1])
		after := j+len(w) == len(s) || !isWordChar(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isWordChar(b byte) bool {
	return b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestOrderModelsRefuses(t *testing.T) {
	m := func(name, layer string, deps ...string) Model {
		return Model{Name: name, Layer: layer, Path: layer + "/" + name + ".sql", Depends: deps}
	}
	tests := []struct {
		name   string
		models []Model
		want   string
	}{
		{"cycle", []Model{m("a", "staging", "b"), m("b", "staging", "a")}, "dependency cycle"},
		{"unknown", []Model{m("a", "staging", "nope")}, "neither a model nor an input"},
		{"later layer", []Model{m("a", "staging", "b"), m("b", "marts")}, "cannot depend on the marts model"},
		{"duplicate", []Model{m("a", "staging"), m("a", "marts")}, "two models have this name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := orderModels(tt.models, []string{"in"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
	got, err := orderModels([]Model{m("c", "marts", "b", "in"), m("b", "intermediate", "a"), m("a", "staging")}, []string{"in"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range got {
		names = append(names, x.Name)
	}
	if fmt.Sprint(names) != "[a b c]" {
		t.Errorf("order %v, want [a b c]", names)
	}
}

func TestNeeded(t *testing.T) {
	models, err := loadModels()
	if err != nil {
		t.Fatal(err)
	}
	ordered, err := orderModels(models, Inputs)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range needed(ordered, []string{"mart_sfc_financial"}) {
		names = append(names, m.Name)
	}
	want := "[stg_report_versions int_reports_in_force stg_snapshots stg_projects int_operations int_operation_expenditure int_financial_contributions mart_sfc_financial]"
	if fmt.Sprint(names) != want {
		t.Errorf("needed for mart_sfc_financial: %v, want %s", names, want)
	}
}
