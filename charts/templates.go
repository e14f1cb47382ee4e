package charts

import (
	"embed"
	"html/template"
	"strings"
)

//go:embed templates/*.html
var templateFiles embed.FS

// parseTemplates parses the page templates for one language: t and tf give its texts. Every
// value reaches the page through html/template's contextual escaping (project titles and file
// names may hold markup), except the chart options, which chartSet.optionsJS has made safe for a
// script element, and the plain tables (tableView, dataTable), which write themselves with every
// cell escaped as html/template escapes text: html/template calls its escaper through
// reflection for each value, and the site's many table cells made that most of its time.
func parseTemplates(l *lang) (*template.Template, error) {
	return template.New("site").Funcs(template.FuncMap{
		"t":             l.t,
		"tf":            l.tf,
		"indicatorFile": indicatorFile,
	}).ParseFS(templateFiles, "templates/*.html")
}

// tableView is a plain table of formatted cells; Num marks the columns of numbers (aligned
// right), More says how many rows a capped list left out, Empty what an empty table means.
type tableView struct {
	Head  []string
	Num   []bool
	Rows  [][]string
	More  string
	Empty string
}

// newTable starts a table with its head, the indexes of its number columns and what to say
// when it has no rows.
func newTable(head []string, empty string, numeric ...int) tableView {
	t := tableView{Head: head, Num: make([]bool, len(head)), Empty: empty}
	for _, i := range numeric {
		t.Num[i] = true
	}
	return t
}

// escapeText writes s escaped for HTML text and double-quoted attribute values, as html/template
// escapes a value there.
func escapeText(b *strings.Builder, s string) { b.WriteString(template.HTMLEscapeString(s)) }

// HTML is the table, with what its capped list left out, or what an empty table means: the
// markup the "table" template gives it.
func (t tableView) HTML() template.HTML {
	var b strings.Builder
	if len(t.Rows) == 0 {
		b.WriteString("\n<p class=\"empty\">")
		escapeText(&b, t.Empty)
		b.WriteString("</p>\n")
		return template.HTML(b.String())
	}
	num := func(i int) bool { return i < len(t.Num) && t.Num[i] }
	b.WriteString("\n<div class=\"scroll\"><table>\n<thead><tr>")
	for i, h := range t.Head {
		b.WriteString(`<th scope="col"`)
		if num(i) {
			b.WriteString(` class="num"`)
		}
		b.WriteString(">")
		escapeText(&b, h)
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>")
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			if num(i) {
				b.WriteString(`<td class="num">`)
			} else {
				b.WriteString("<td>")
			}
			escapeText(&b, c)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody>\n</table></div>")
	if t.More != "" {
		b.WriteString(`<p class="more">`)
		escapeText(&b, t.More)
		b.WriteString("</p>")
	}
	b.WriteString("\n")
	return template.HTML(b.String())
}

// HTML is the chart's table: its head, then a row per category, the first cell its name.
func (d dataTable) HTML() template.HTML {
	var b strings.Builder
	b.WriteString(`<div class="scroll"><table>`)
	if len(d.Head) > 0 {
		b.WriteString("<thead><tr>")
		for _, h := range d.Head {
			b.WriteString(`<th scope="col">`)
			escapeText(&b, h)
			b.WriteString("</th>")
		}
		b.WriteString("</tr></thead>")
	}
	b.WriteString("\n<tbody>")
	for _, row := range d.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				escapeText(&b, c)
				b.WriteString("</th>")
				continue
			}
			b.WriteString(`<td class="num">`)
			escapeText(&b, c)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody>\n</table></div>")
	return template.HTML(b.String())
}
