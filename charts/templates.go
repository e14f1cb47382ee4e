package charts

import (
	"embed"
	"html/template"
)

//go:embed templates/*.html
var templateFiles embed.FS

// parseTemplates parses the page templates for one language: t and tf give its texts. Every
// value reaches the page through html/template's contextual escaping (project titles and file
// names may hold markup); only the chart options, which chartSet.optionsJS has made safe for a
// script element, go in as they are.
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
