package read

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"mittari/domain"
)

// ReportTable is the columns of a tabular report (CSV, or the XLSX sheet "report").
var ReportTable = Table{
	Required:    []string{"project_id", "period_start", "period_end", "submitted_at", "item", "value"},
	Optional:    []string{"comment"},
	DateColumns: []string{"period_start", "period_end", "submitted_at"},
}

// Reports reads every report of one file. Tabular rows are grouped into reports by their
// (project_id, period_start, period_end, submitted_at), in order of first appearance. Dates,
// timestamps and values are read through respell: Finnish and Swedish spellings become
// canonical with a warning, ambiguous ones are refused with an error (both in the report's
// Problems). notes are warnings about the file, such as file.empty for a file that holds no
// report (in any format); a non-nil error (a *Problem) refuses the file as a whole and then
// reports is nil: a file that is corrupt somewhere is trusted nowhere.
func Reports(file string, r io.Reader, f Format, lim Limits) (reports []Report, notes []*Problem, err error) {
	lim = lim.orDefault()
	switch f {
	case CSV, XLSX:
		if f == CSV {
			reports, notes, err = readCSVReports(file, r, lim)
		} else {
			var g grouper
			err = ReadXLSX(file, r, ReportSheet, ReportTable, lim, g.add)
			reports = g.finish()
		}
		if p := (*Problem)(nil); errors.As(err, &p) && p.Code == CodeEmpty {
			return nil, append(notes, p), nil
		}
		if err != nil {
			return nil, notes, err
		}
		if len(reports) == 0 {
			notes = append(notes, problem(ErrEmpty, domain.Place{File: file}, "", "the file holds no report rows; expected rows below the header"))
		}
		return reports, notes, nil
	case JSON, JSONL:
		reports, notes, err = readJSONFile(file, r, f, lim)
		if err != nil {
			return nil, notes, err
		}
		if len(reports) == 0 {
			notes = append(notes, problem(ErrEmpty, domain.Place{File: file}, "",
				"the file holds no report; expected a report object, an array of them, or JSON Lines"))
		}
		return reports, notes, nil
	}
	return nil, nil, problem(ErrFormat, domain.Place{File: file}, string(f), "unknown format; expected csv, xlsx, json or jsonl")
}

// grouper gathers a table's rows into reports. A report's rows usually come together, so each
// run of rows with one key starts a report, and only at the end are reports of a key that
// came back merged into its first (finish): a map lookup per report was a seventh of grouping.
type grouper struct {
	reports []Report
	keys    [][4]string // each report's key, as respelled
	// keyProblems is how many of each report's Problems are about its key cells (each run of
	// rows of a key has them; a merged run's are dropped).
	keyProblems []int
	last        [4]string // the key of the previous row
	lastRaw     [4]string // the same, as written
	lastItems   int       // items of the report before the current one
	// slot is the row slot of each report column, looked up on the first row.
	slot    [7]int
	started bool
}

// The report columns in the order of grouper.slot, and how each is spelled.
var (
	groupColumns   = [7]string{"project_id", "period_start", "period_end", "submitted_at", "item", "value", "comment"}
	groupSpellings = [4]spelling{0, spellDate, spellDate, spellTimestamp}
)

func (g *grouper) add(row Row) error {
	if !g.started {
		g.started = true
		for i, c := range groupColumns {
			g.slot[i] = row.SlotOf(c)
		}
	}
	var cells [7]Cell
	for i := range cells {
		if g.slot[i] < 0 {
			cells[i] = row.Cell(groupColumns[i])
		} else {
			cells[i] = row.Slot(g.slot[i])
		}
	}
	g.addCells(&cells, row.Place)
	return nil
}

// addCells adds the row at place whose cells of groupColumns are cells.
func (g *grouper) addCells(cells *[7]Cell, place domain.Place) {
	var raw [4]string
	for i := range raw {
		raw[i] = cells[i].Text
	}
	// The key is respelled only when it changes as written, which is once per report.
	if len(g.reports) == 0 || raw != g.lastRaw {
		g.lastRaw = raw
		var keyCells [4]Cell
		var key [4]string
		var problems []*Problem
		for i := range keyCells {
			c, p := cells[i], (*Problem)(nil)
			if how := groupSpellings[i]; how != 0 {
				c, p = respell(c, how, groupColumns[i])
			}
			if p != nil {
				problems = append(problems, p)
			}
			keyCells[i], key[i] = c, c.Text
		}
		if len(g.reports) == 0 || key != g.last {
			if len(g.reports) > 0 {
				g.lastItems = len(g.reports[len(g.reports)-1].Items)
			}
			g.reports = append(g.reports, Report{
				Place:       place,
				ProjectID:   keyCells[0],
				PeriodStart: keyCells[1],
				PeriodEnd:   keyCells[2],
				SubmittedAt: keyCells[3],
				// Reports of one file tend to have as many items as the one before.
				Items:    make([]Item, 0, max(4, g.lastItems)),
				Problems: problems,
			})
			g.keys = append(g.keys, key)
			g.keyProblems = append(g.keyProblems, len(problems))
			g.last = key
		}
	}
	r := &g.reports[len(g.reports)-1]
	item, value := cells[4], cells[5]
	// Most values are plain numbers, which respell would return as they are.
	if value.Kind == Text && !plainDecimal(value.Text) {
		name := item.Text
		if name == "" {
			name = groupColumns[5]
		}
		var p *Problem
		if value, p = respell(value, spellNumber, name); p != nil {
			r.Problems = append(r.Problems, p)
		}
	}
	r.Items = append(r.Items, Item{Item: item, Value: value, Comment: cells[6]})
}

// finish merges the runs of rows of one key into the report of its first run, in the order
// the rows came, and returns the reports in order of first appearance.
func (g *grouper) finish() []Report {
	if len(g.reports) < 2 {
		return g.reports
	}
	order := make([]int, len(g.reports))
	for i := range order {
		order[i] = i
	}
	// Stable: among runs of one key, the first comes first.
	sort.SliceStable(order, func(a, b int) bool { return lessKey(g.keys[order[a]], g.keys[order[b]]) })
	drop := make([]bool, len(g.reports))
	merged := false
	for i := 1; i < len(order); i++ {
		first := i - 1
		for i < len(order) && g.keys[order[i]] == g.keys[order[first]] {
			r, run := &g.reports[order[first]], &g.reports[order[i]]
			r.Items = append(r.Items, run.Items...)
			r.Problems = append(r.Problems, run.Problems[g.keyProblems[order[i]]:]...)
			drop[order[i]], merged = true, true
			i++
		}
	}
	if !merged {
		return g.reports
	}
	out := g.reports[:0]
	for i, r := range g.reports {
		if !drop[i] {
			out = append(out, r)
		}
	}
	return out
}

func lessKey(a, b [4]string) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// jsonReader decodes reports token by token, so that memory is bounded by the guard's budget for
// one top-level value and nesting is bounded by MaxJSONDepth.
type jsonReader struct {
	d     *json.Decoder
	g     *guard
	file  string
	lim   Limits
	items int
}

func readJSON(file string, r io.Reader, f Format, lim Limits) ([]Report, []*Problem, error) {
	var notes []*Problem
	text, note, p := utf8Text(file, bufio.NewReader(r), "saved as UTF-8")
	if p != nil {
		return nil, nil, p
	}
	if note != nil {
		notes = append(notes, note)
	}
	g := newGuard(text, file, Limits{MaxRecord: lim.MaxJSONValue})
	jr := &jsonReader{d: json.NewDecoder(g), g: g, file: file, lim: lim}
	jr.d.UseNumber()
	var out []Report
	tok, err := jr.d.Token()
	if err == io.EOF {
		return nil, notes, nil
	}
	if err != nil {
		return nil, notes, jr.problem(err, "")
	}
	switch tok {
	case json.Delim('['):
		for i := 0; jr.d.More(); i++ {
			g.reset()
			rep, err := jr.report(fmt.Sprintf("/%d", i), nil)
			if err != nil {
				return nil, notes, err
			}
			out = append(out, rep)
		}
		if _, err := jr.d.Token(); err != nil { // the closing ]
			return nil, notes, jr.problem(err, "")
		}
		if _, err := jr.d.Token(); err != io.EOF {
			return nil, notes, problem(ErrSyntax, domain.Place{File: file}, "", "text after the closing ]; expected one array of reports")
		}
		return out, notes, nil
	case json.Delim('{'):
		for i := 0; ; i++ {
			prefix := ""
			if f == JSONL || i > 0 {
				prefix = fmt.Sprintf("/%d", i)
			}
			rep, err := jr.report(prefix, tok)
			if err != nil {
				return nil, notes, err
			}
			out = append(out, rep)
			g.reset()
			tok, err = jr.d.Token()
			if err == io.EOF {
				return out, notes, nil
			}
			if err != nil {
				return nil, notes, jr.problem(err, fmt.Sprintf("/%d", i+1))
			}
			if tok != json.Delim('{') {
				return nil, notes, problem(ErrSyntax, domain.Place{File: file, Pointer: fmt.Sprintf("/%d", i+1)}, fmt.Sprint(tok),
					"expected another report object (JSON Lines) or the end of the file")
			}
		}
	}
	return nil, notes, problem(ErrSyntax, domain.Place{File: file}, fmt.Sprint(tok),
		"expected a report object, an array of them, or JSON Lines")
}

func (jr *jsonReader) problem(err error, ptr string) *Problem {
	if jr.g.err != nil {
		p := *jr.g.err
		if p.Code == CodeLineTooLong {
			p = *problem(ErrTooLarge, p.Place, "",
				fmt.Sprintf("one report is larger than %d bytes; expected small report objects", jr.lim.MaxJSONValue))
		}
		p.Place = domain.Place{File: jr.file, Pointer: ptr}
		return &p
	}
	at := domain.Place{File: jr.file, Pointer: ptr}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return problem(cause(ErrSyntax, se), at, "", fmt.Sprintf("not valid JSON at byte %d: %v", se.Offset, se))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return problem(cause(ErrSyntax, io.ErrUnexpectedEOF), at, "", "the JSON ends in the middle of a value")
	}
	return problem(cause(ErrSyntax, err), at, "", err.Error())
}

var reportKeys = "project_id, period_start, period_end, submitted_at, indicators, expenditure_eur, comment"

// report reads one report object at pointer prefix; first is its opening token when the caller
// has already consumed it.
func (jr *jsonReader) report(prefix string, first json.Token) (Report, error) {
	rep := Report{Place: domain.Place{File: jr.file, Pointer: prefix}}
	if rep.Place.Pointer == "" {
		rep.Place.Pointer = "/"
	}
	var err error
	if first == nil {
		if first, err = jr.d.Token(); err != nil {
			return rep, jr.problem(err, prefix)
		}
	}
	if first != json.Delim('{') {
		rep.Problems = append(rep.Problems, problem(ErrShape, rep.Place, tokenText(first), "expected a report object {...}"))
		placeMissing(jr.file, &rep, prefix, func(string) bool { return false })
		return rep, jr.skip(first, prefix, 1)
	}
	seen := map[string]bool{}
	for jr.d.More() {
		kt, err := jr.d.Token()
		if err != nil {
			return rep, jr.problem(err, prefix)
		}
		key, _ := kt.(string)
		ptr := prefix + "/" + escapePointer(key)
		place := domain.Place{File: jr.file, Pointer: ptr}
		if seen[key] {
			rep.Problems = append(rep.Problems, problem(ErrShape, place, key, "the key appears twice; expected it once"))
		}
		seen[key] = true
		switch key {
		case "project_id", "period_start", "period_end", "submitted_at", "comment":
			c, err := jr.scalar(place, 2)
			if err != nil {
				return rep, err
			}
			*map[string]*Cell{"project_id": &rep.ProjectID, "period_start": &rep.PeriodStart, "period_end": &rep.PeriodEnd,
				"submitted_at": &rep.SubmittedAt, "comment": &rep.Comment}[key] = c
		case "expenditure_eur":
			c, err := jr.scalar(place, 2)
			if err != nil {
				return rep, err
			}
			if err := jr.count(place); err != nil {
				return rep, err
			}
			at := exact(place)
			rep.Items = append(rep.Items, Item{Item: Cell{Text: key, Kind: Text, src: at}, Value: c, Comment: Cell{src: at}})
		case "indicators":
			tok, err := jr.d.Token()
			if err != nil {
				return rep, jr.problem(err, ptr)
			}
			if tok != json.Delim('{') {
				rep.Problems = append(rep.Problems, problem(ErrShape, place, tokenText(tok),
					`expected an object of indicator codes and counts, e.g. {"O.2.3": 41}`))
				if err := jr.skip(tok, ptr, 2); err != nil {
					return rep, err
				}
				continue
			}
			for jr.d.More() {
				it, err := jr.d.Token()
				if err != nil {
					return rep, jr.problem(err, ptr)
				}
				code, _ := it.(string)
				ip := domain.Place{File: jr.file, Pointer: ptr + "/" + escapePointer(code)}
				item := Cell{Text: trimCell(code), Kind: Text}
				c, err := jr.scalar(ip, 3)
				if err != nil {
					return rep, err
				}
				if err := jr.count(ip); err != nil {
					return rep, err
				}
				at := exact(ip)
				if item.src = at; item.Text == "" {
					item.Kind = Missing
				}
				rep.Items = append(rep.Items, Item{Item: jr.text(item), Value: c, Comment: Cell{src: at}})
			}
			if _, err := jr.d.Token(); err != nil {
				return rep, jr.problem(err, ptr)
			}
		default:
			rep.Problems = append(rep.Problems, problem(ErrShape, place, key, "unknown key; expected "+reportKeys))
			tok, err := jr.d.Token()
			if err != nil {
				return rep, jr.problem(err, ptr)
			}
			if err := jr.skip(tok, ptr, 2); err != nil {
				return rep, err
			}
		}
	}
	if _, err := jr.d.Token(); err != nil { // the closing }
		return rep, jr.problem(err, prefix)
	}
	finishReport(jr.file, &rep, prefix, func(key string) bool { return seen[key] })
	return rep, nil
}

// finishReport completes a JSON report whose object is read, with the keys seen: the places of
// the keys it lacks, the problem of one without items, and its values respelled.
func finishReport(file string, rep *Report, prefix string, seen func(key string) bool) {
	placeMissing(file, rep, prefix, seen)
	if !seen("indicators") && !seen("expenditure_eur") {
		rep.Problems = append(rep.Problems, problem(ErrShape, rep.Place, "",
			`the report has neither "indicators" nor "expenditure_eur"; expected at least one`))
	}
	respellReport(rep)
}

// respellReport reads a JSON report's dates, timestamp and values as the grouper reads a table's.
func respellReport(rep *Report) {
	add := func(p *Problem) {
		if p != nil {
			rep.Problems = append(rep.Problems, p)
		}
	}
	var p *Problem
	rep.PeriodStart, p = respell(rep.PeriodStart, spellDate, "period_start")
	add(p)
	rep.PeriodEnd, p = respell(rep.PeriodEnd, spellDate, "period_end")
	add(p)
	rep.SubmittedAt, p = respell(rep.SubmittedAt, spellTimestamp, "submitted_at")
	add(p)
	for i := range rep.Items {
		it := &rep.Items[i]
		it.Value, p = respell(it.Value, spellNumber, it.Item.Text)
		add(p)
	}
}

// placeMissing gives a key the report lacks the place where it belongs, for the finding.
func placeMissing(file string, rep *Report, prefix string, seen func(key string) bool) {
	for key, c := range map[string]*Cell{"project_id": &rep.ProjectID, "period_start": &rep.PeriodStart,
		"period_end": &rep.PeriodEnd, "submitted_at": &rep.SubmittedAt, "comment": &rep.Comment} {
		if !seen(key) {
			*c = placed("", Missing, domain.Place{File: file, Pointer: prefix + "/" + key})
		}
	}
}

func (jr *jsonReader) count(place domain.Place) error {
	if jr.items++; jr.items > jr.lim.MaxRows {
		return problem(ErrTooManyRows, place, "",
			fmt.Sprintf("more than %d items in the file; expected a report file of a sensible size", jr.lim.MaxRows))
	}
	return nil
}

// scalar reads one value as a cell; objects and arrays become Other (and are skipped).
func (jr *jsonReader) scalar(place domain.Place, depth int) (Cell, error) {
	tok, err := jr.d.Token()
	if err != nil {
		return Cell{}, jr.problem(err, place.Pointer)
	}
	switch v := tok.(type) {
	case string:
		if v = trimCell(v); v == "" {
			return placed("", Missing, place), nil
		}
		return jr.text(placed(v, Text, place)), nil
	case json.Number:
		return placed(v.String(), Number, place), nil
	case nil:
		return placed("", Missing, place), nil
	}
	return placed(tokenText(tok), Other, place), jr.skip(tok, place.Pointer, depth)
}

// text flags strings the decoder had to repair: encoding/json silently turns invalid UTF-8 into
// U+FFFD, which is the only trace the bad bytes leave.
func (jr *jsonReader) text(c Cell) Cell {
	c.BadUTF8 = strings.ContainsRune(c.Text, '\uFFFD')
	return c
}

// skip consumes the rest of a value whose first token was tok, refusing nesting deeper than
// MaxJSONDepth (a nesting bomb).
func (jr *jsonReader) skip(tok json.Token, ptr string, depth int) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	level := 1
	for level > 0 {
		if depth+level > jr.lim.MaxJSONDepth {
			return problem(ErrTooDeep, domain.Place{File: jr.file, Pointer: ptr}, "",
				fmt.Sprintf("JSON nested deeper than %d levels; expected flat report objects", jr.lim.MaxJSONDepth))
		}
		t, err := jr.d.Token()
		if err != nil {
			return jr.problem(err, ptr)
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			level++
		case json.Delim('}'), json.Delim(']'):
			level--
		}
	}
	return nil
}

func tokenText(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		return string(v)
	case string:
		return strconv.Quote(v)
	case nil:
		return "null"
	}
	return fmt.Sprint(t)
}

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
