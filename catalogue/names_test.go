package catalogue

import (
	"fmt"
	"strings"
	"testing"

	"mittari/internal/errs"
)

// TestFinnishNames holds names_fi.csv to what the report relies on: every item of the catalogue
// has a row (so that the file says, for each, whether an official name was found), the four SOs
// have their official names, and a name not marked official is never shown.
func TestFinnishNames(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]LocalName{}
	for _, n := range c.NamesFI {
		rows[string(n.Kind)+" "+n.Code] = n
	}
	var want []string
	for _, s := range c.SOs {
		want = append(want, fmt.Sprintf("so %d", s.SO))
	}
	for _, m := range c.Measures {
		want = append(want, "measure "+m.Code)
	}
	for _, a := range c.Actions {
		want = append(want, "action "+a.Code)
	}
	for _, i := range c.Indicators {
		want = append(want, "indicator "+i.Code)
	}
	for _, w := range want {
		if _, ok := rows[w]; !ok {
			t.Errorf("names_fi.csv has no row for %s; add one (official=false when no official name is known)", w)
		}
	}
	for so := 1; so <= 4; so++ {
		if name, ok := c.NameFI(NameSO, fmt.Sprint(so)); !ok || name == "" {
			t.Errorf("SO %d has no official Finnish name", so)
		}
	}
	for _, n := range c.NamesFI {
		name, ok := c.NameFI(n.Kind, n.Code)
		if ok != n.Official || (ok && name != n.Name) {
			t.Errorf("%s %s: NameFI = %q, %v; row official=%v name %q", n.Kind, n.Code, name, ok, n.Official, n.Name)
		}
		if !n.Official && !strings.Contains(n.Source, "no official Finnish name") && !strings.Contains(n.Source, "was not found") {
			t.Errorf("%s %s: not official, but its source does not say that no official name was found: %q", n.Kind, n.Code, n.Source)
		}
	}
}

func TestFinnishNamesRefused(t *testing.T) {
	tests := []struct {
		name, row, want string
	}{
		{"unknown code", "indicator,O.9.9,x,false,none", "indicator O.9.9 is not in the catalogue"},
		{"official without a name", "action,1A1,,true,somewhere", "official is true"},
		{"twice", "so,1,Toinen,true,somewhere", "so 1 is named twice"},
		{"no source", "action,1A2,,false,", "source: empty"},
		{"unknown kind", "call,1A,x,false,none", `"call" is not one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := programmeFiles(t)
			// The row replaces the file's row for the same item, if there is one, and goes last.
			var kept []string
			for _, l := range strings.Split(strings.TrimRight(files[FileNamesFI], "\n"), "\n") {
				if tt.name == "twice" || !strings.HasPrefix(l, strings.Join(strings.SplitN(tt.row, ",", 3)[:2], ",")+",") {
					kept = append(kept, l)
				}
			}
			files[FileNamesFI] = strings.Join(append(kept, tt.row), "\n") + "\n"
			line := len(kept) + 1
			_, err := Load(mapFS(files))
			if err == nil {
				t.Fatalf("%q accepted", tt.row)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), fmt.Sprintf("%s:%d:", FileNamesFI, line)) {
				t.Errorf("error %q does not say %q at line %d", err, tt.want, line)
			}
			if !errs.Is(errs.Config, err) {
				t.Errorf("not a configuration error: %v", err)
			}
		})
	}
}
