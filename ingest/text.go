package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mittari/domain"
)

// checkText applies the text rules to a free-text value. Line breaks and tabs are allowed
// (the contract lets titles span lines); other control characters are not.
func checkText(place domain.Place, field, s string) []domain.Finding {
	for _, r := range s {
		if r != '\n' && r != '\r' && r != '\t' && isControl(r) {
			return []domain.Finding{RuleTextControl.at(place, s, "%s holds the control character %U; expected printable text", field, r)}
		}
	}
	return nil
}

// checkComment applies the text rules to a report's comment, and refuses one that starts with
// = + - or @, which a spreadsheet would run as a formula. (Register titles and beneficiaries
// may start so: exports neutralise such text where they write a cell, and a project is never
// dropped for its title.)
func checkComment(place domain.Place, s string) []domain.Finding {
	out := checkText(place, "comment", s)
	// A lone "-" is how spreadsheets say "nothing"; it cannot run as a formula.
	if t := strings.TrimLeft(s, " \t\r\n"); len(t) > 1 && strings.ContainsRune("=+-@", rune(t[0])) {
		out = append(out, RuleTextFormula.at(place, s, "comment starts with %q, which a spreadsheet runs as a formula; expected text that does not start with = + - or @", t[:1]))
	}
	return out
}

func isControl(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }

// escapeName is how a file name is shown in messages and stored as text: as it is when it is
// valid UTF-8 without control characters, else with each byte that is not UTF-8 written \xNN
// and each control character \xNN or \uNNNN. A name is any bytes the file system allows, and
// a text column (Parquet, DuckDB, JSON) or a terminal takes only some of them; the files table
// keeps the bytes themselves beside it when they differ.
func escapeName(s string) string { return escape(s, true) }

// validText is s with each byte that is not UTF-8 written \xNN: what a finding may repeat of a
// hostile file's text and the warehouse may store.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return escape(s, false)
}

func escape(s string, controls bool) string {
	clean := utf8.ValidString(s)
	if clean && controls {
		clean = strings.IndexFunc(s, isControl) < 0
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case controls && isControl(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case controls && isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// placeText is p.String(), without fmt for the places of CSV rows and cells (file, line and
// perhaps a column), which a run writes for every version and finding.
func placeText(p domain.Place) string {
	if p.Sheet != "" || p.Cell != "" || p.Pointer != "" || p.Line <= 0 {
		return p.String()
	}
	var stack [128]byte
	b := append(stack[:0], p.File...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(p.Line), 10)
	if p.Column != "" {
		b = append(b, " column "...)
		b = append(b, p.Column...)
	}
	return string(b)
}
