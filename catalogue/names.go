package catalogue

import "fmt"

// FileNamesFI holds the Finnish names of the catalogue's items (names_fi.csv).
const FileNamesFI = "names_fi.csv"

// NameKind is the kind of catalogue item a localised name belongs to.
type NameKind string

const (
	NameSO        NameKind = "so"
	NameMeasure   NameKind = "measure"
	NameAction    NameKind = "action"
	NameIndicator NameKind = "indicator"
)

// LocalName is the name of one catalogue item in a further language. Only an official name is
// shown; a suggested translation waits in the file for a reviewer to confirm it.
type LocalName struct {
	Kind     NameKind
	Code     string // "1", "2D", "2D7", "O.2.3"
	Name     string
	Official bool
	Source   string
}

// NameFI is the official Finnish name of a catalogue item, and whether there is one. Pages show
// the English name when there is not.
func (c *Catalogue) NameFI(kind NameKind, code string) (string, bool) {
	for _, n := range c.NamesFI {
		if n.Kind == kind && n.Code == code && n.Official && n.Name != "" {
			return n.Name, true
		}
	}
	return "", false
}

// parseNamesFI reads names_fi.csv after the items it names, so that every code must resolve.
func parseNamesFI(p *Parts, t *table) error {
	seen := map[string]bool{}
	return t.each([]string{"kind", "code", "name_fi", "official", "source"}, func(get func(string) cell) error {
		kind, err := get("kind").oneOf(string(NameSO), string(NameMeasure), string(NameAction), string(NameIndicator))
		if err != nil {
			return err
		}
		code, err := get("code").required()
		if err != nil {
			return err
		}
		if !hasItem(p, NameKind(kind), code) {
			return get("code").fail("%s %s is not in the catalogue", kind, code)
		}
		if key := kind + "\x00" + code; seen[key] {
			return get("code").fail("%s %s is named twice", kind, code)
		} else {
			seen[key] = true
		}
		official, err := get("official").bool()
		if err != nil {
			return err
		}
		name := get("name_fi").String()
		if official && name == "" {
			return get("name_fi").fail("empty, but official is true; give the official name or set official to false")
		}
		source, err := get("source").required()
		if err != nil {
			return err
		}
		p.NamesFI = append(p.NamesFI, LocalName{Kind: NameKind(kind), Code: code, Name: name, Official: official, Source: source})
		return nil
	})
}

func hasItem(p *Parts, kind NameKind, code string) bool {
	switch kind {
	case NameSO:
		for _, s := range p.SOs {
			if fmt.Sprint(s.SO) == code {
				return true
			}
		}
	case NameMeasure:
		return hasMeasure(p, code)
	case NameAction:
		for _, a := range p.Actions {
			if a.Code == code {
				return true
			}
		}
	case NameIndicator:
		return hasIndicator(p, code)
	}
	return false
}
