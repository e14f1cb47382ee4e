package read

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestWindows1252 reads what Excel's plain "CSV" writes on a Finnish or Swedish Windows: a file
// whose first text beyond ASCII is not UTF-8 is read as Windows-1252 with one warning at that
// cell; a file that mixes the two either way, or holds a byte Windows-1252 does not define, is
// refused where it stands.
func TestWindows1252(t *testing.T) {
	tbl := Table{Required: []string{"project_id", "title"}}
	cp := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name    string
		in      string
		titles  []string // the cells read, in order
		note    string   // the warning's place, "" for none
		refused string   // the refusal's place and code, "" for none
	}{
		{"UTF-8", "project_id;title\nA;Työpaja\nB;Åbo €\n", []string{"Työpaja", "Åbo €"}, "", ""},
		{"ASCII", "project_id,title\nA,Workshop\n", []string{"Workshop"}, "", ""},
		{"Windows-1252 with semicolons", cp("project_id;title\nA;Workshop\nB;Työpaja – Åbo, 1 000 €\nC;Kööpenhamina\n"),
			[]string{"Workshop", "Työpaja – Åbo, 1 000 €", "Kööpenhamina"}, "f:3 column title", ""},
		// Every byte Windows-1252 defines beyond ASCII, as a Finnish or Swedish title may hold.
		{"every letter", cp("project_id,title\nA,äöåÄÖÅéüß‰\u2018\u2019\u201c\u201d\n"), []string{"äöåÄÖÅéüß‰\u2018\u2019\u201c\u201d"}, "f:2 column title", ""},
		{"UTF-8, then a byte that is not", "project_id,title\nA,Työpaja\nB,Ty\xf6paja\n", nil, "", "f:3 column title file.encoding"},
		{"a byte neither defines", "project_id,title\nA,Ty\xf6\x81\n", nil, "", "f:2 column title file.encoding"},
		{"undefined after the switch", "project_id,title\nA,Ty\xf6\nB,x\x9d\n", nil, "", "f:3 column title file.encoding"},
		{"Windows-1252, then UTF-8", "project_id,title\nA,Ty\xf6paja\nB,Työpaja\n", nil, "", "f:3 column title file.encoding"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var titles []string
			notes, err := ReadCSV("f", strings.NewReader(c.in), tbl, Limits{}, func(r Row) error {
				titles = append(titles, r.Cell("title").Text)
				return nil
			})
			if c.refused != "" {
				var p *Problem
				if !errors.As(err, &p) || p.Place.String()+" "+p.Code != c.refused || !errors.Is(err, ErrEncoding) {
					t.Fatalf("refusal %v, want at %s", err, c.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(titles, "|") != strings.Join(c.titles, "|") {
				t.Errorf("read %q, want %q", titles, c.titles)
			}
			var got []string
			for _, n := range notes {
				if n.Code == CodeWindows1252 {
					got = append(got, n.Place.String())
					if !errors.Is(n, ErrWindows1252) || !strings.Contains(n.Msg, `"CSV UTF-8"`) {
						t.Errorf("note %v", n)
					}
				}
			}
			if want := c.note; strings.Join(got, ",") != want {
				t.Errorf("Windows-1252 warnings at %q, want %q", got, want)
			}
		})
	}
}
