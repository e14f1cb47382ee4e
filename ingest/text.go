package ingest

import (
	"strings"
	"unicode"

	"mittari/domain"
)

// checkText applies the text rules to a free-text value. Line breaks and tabs are allowed
// (the contract lets titles span lines); other control characters are not, nor a leading
// = + - @, which a spreadsheet would run as a formula when it opens an export.
func checkText(place domain.Place, field, s string) []domain.Finding {
	var out []domain.Finding
	for _, r := range s {
		if r != '\n' && r != '\r' && r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			out = append(out, RuleTextControl.at(place, s, "%s holds the control character %U; expected printable text", field, r))
			break
		}
	}
	// A lone "-" is how spreadsheets say "nothing"; it cannot run as a formula.
	if t := strings.TrimLeft(s, " \t\r\n"); len(t) > 1 && strings.ContainsRune("=+-@", rune(t[0])) {
		out = append(out, RuleTextFormula.at(place, s, "%s starts with %q, which a spreadsheet runs as a formula; expected text that does not start with = + - or @", field, t[:1]))
	}
	return out
}
