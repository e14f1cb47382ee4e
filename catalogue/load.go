package catalogue

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"mittari/data"
	"mittari/domain"
	"mittari/internal/errs"
)

// The files of a catalogue folder. Each is UTF-8 CSV with a header row; '#' lines are comments.
const (
	FileSpecificObjectives  = "specific_objectives.csv"
	FileMeasures            = "measures.csv"
	FileActions             = "actions.csv"
	FileFinancialPlan       = "financial_plan.csv"
	FileInterventionCodes   = "intervention_codes.csv"
	FileActionInterventions = "action_interventions.csv"
	FileCalls               = "calls.csv"
	FileIndicators          = "indicators.csv"
	FileConsistencyRules    = "consistency_rules.csv"
	FileActionIndicators    = "action_indicators.csv"
	FileMilestonesTargets   = "milestones_targets.csv"
)

// FileNames lists every file Load reads, in the order it parses them (later files refer to
// earlier ones).
func FileNames() []string { return slices.Clone(fileNames) }

var fileNames = []string{
	FileSpecificObjectives, FileMeasures, FileIndicators, FileActions, FileActionIndicators,
	FileConsistencyRules, FileFinancialPlan, FileCalls, FileMilestonesTargets,
	FileInterventionCodes, FileActionInterventions, FileNamesFI,
	FileResultIndicators, FilePublication, FileReporting, FileAPRHeadings,
}

const opLoad errs.Op = "catalogue.Load"

// Default is the catalogue embedded in the binary (data/programme).
func Default() (*Catalogue, error) {
	return Load(data.Programme())
}

// Load reads the catalogue files from the root of fsys, checks every value where it stands (errors
// name the file, line and column) and then the whole with New.
func Load(fsys fs.FS) (*Catalogue, error) {
	l := loader{fsys: fsys, hash: sha256.New()}
	tables := map[string]*table{}
	// Hash in sorted name order so that the hash depends on content only, not on read order.
	names := slices.Clone(fileNames)
	sort.Strings(names)
	for _, name := range names {
		t, err := l.read(name)
		if err != nil {
			return nil, err
		}
		tables[name] = t
	}
	var p Parts
	steps := []func(*Parts, *table) error{
		parseSOs, parseMeasures, parseIndicators, parseActions, parseActionIndicators,
		parseRules, parseFinancialPlan, parseCalls, parseGoals,
		parseInterventionCodes, parseActionInterventions, parseNamesFI,
		parseResultIndicators, parsePublication, parseReporting, parseAPRHeadings,
	}
	for i, name := range fileNames {
		if err := steps[i](&p, tables[name]); err != nil {
			return nil, err
		}
	}
	p.Hash = hex.EncodeToString(l.hash.Sum(nil))
	c, err := New(p)
	if err != nil {
		return nil, errs.E(opLoad, "catalogue", errs.Config, err)
	}
	return c, nil
}

type loader struct {
	fsys fs.FS
	hash hash.Hash
}

// table is one CSV file read whole: its leading comment lines, header and records with positions.
type table struct {
	file     string
	comments []string // the '#' lines before the header, without the '#'
	cols     map[string]int
	rows     []record
}

type record struct {
	fields []string
	lines  []int // line of each field
}

func (l *loader) read(name string) (*table, error) {
	raw, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		kind := errs.IO
		if errors.Is(err, fs.ErrNotExist) {
			kind = errs.NotFound
		}
		return nil, errs.E(opLoad, errs.Path(name), kind, err)
	}
	fmt.Fprintf(l.hash, "%s\x00%d\x00", name, len(raw))
	l.hash.Write(raw)

	t := &table{file: name, cols: map[string]int{}}
	content := bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")) // a spreadsheet's byte order mark
	if !utf8.Valid(content) {
		bad := 0
		for bad < len(content) {
			r, size := utf8.DecodeRune(content[bad:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		line := 1 + bytes.Count(content[:bad], []byte("\n"))
		col := 1 + bad - (bytes.LastIndexByte(content[:bad], '\n') + 1)
		return nil, errs.E(opLoad, errs.Path(fmt.Sprintf("%s:%d:%d", name, line, col)), errs.Config,
			"not UTF-8 text (save the file as CSV UTF-8)")
	}
	for _, line := range strings.Split(string(content), "\n") {
		s := strings.TrimSpace(line)
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "#") {
			break
		}
		t.comments = append(t.comments, strings.TrimSpace(strings.TrimPrefix(s, "#")))
	}
	r := csv.NewReader(bytes.NewReader(content))
	r.Comment = '#'
	r.FieldsPerRecord = 0
	header, err := r.Read()
	if err != nil {
		return nil, t.csvErr(err)
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := t.cols[h]; dup {
			line, _ := r.FieldPos(i)
			return nil, t.errAt(line, i, fmt.Errorf("column %q appears twice in the header", h))
		}
		t.cols[h] = i
	}
	for {
		fields, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, t.csvErr(err)
		}
		rec := record{fields: fields, lines: make([]int, len(fields))}
		for i := range fields {
			rec.lines[i], _ = r.FieldPos(i)
			fields[i] = strings.TrimSpace(fields[i])
		}
		t.rows = append(t.rows, rec)
	}
	return t, nil
}

func (t *table) csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return errs.E(opLoad, errs.Path(fmt.Sprintf("%s:%d:%d", t.file, pe.Line, pe.Column)), errs.Config, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return errs.E(opLoad, errs.Path(t.file), errs.Config, "the file has no header row")
	}
	return errs.E(opLoad, errs.Path(t.file), errs.Config, err)
}

// errAt places an error at a line and a 0-based column of the file; the message counts columns
// from 1, as a spreadsheet does.
func (t *table) errAt(line, col int, err error) error {
	return errs.E(opLoad, errs.Path(fmt.Sprintf("%s:%d:%d", t.file, line, col+1)), errs.Config, err)
}

// need checks that the header names every column a parser reads; further columns (notes for the
// reviewer) are allowed and ignored.
func (t *table) need(cols ...string) error {
	var missing []string
	for _, c := range cols {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return errs.E(opLoad, errs.Path(t.file+":header"), errs.Config,
			fmt.Sprintf("missing column(s) %s; the header must name %s", strings.Join(missing, ", "), strings.Join(cols, ", ")))
	}
	return nil
}

// cell is one value of a record, with what it takes to say where it is.
type cell struct {
	t    *table
	rec  *record
	col  int
	name string
}

func (t *table) each(cols []string, fn func(get func(string) cell) error) error {
	if err := t.need(cols...); err != nil {
		return err
	}
	for i := range t.rows {
		rec := &t.rows[i]
		get := func(name string) cell { return cell{t: t, rec: rec, col: t.cols[name], name: name} }
		if err := fn(get); err != nil {
			return err
		}
	}
	return nil
}

func (c cell) String() string {
	if c.col < len(c.rec.fields) {
		return c.rec.fields[c.col]
	}
	return ""
}

func (c cell) line() int {
	if c.col < len(c.rec.lines) {
		return c.rec.lines[c.col]
	}
	if len(c.rec.lines) > 0 {
		return c.rec.lines[0]
	}
	return 0
}

func (c cell) fail(format string, args ...any) error {
	return c.t.errAt(c.line(), c.col, fmt.Errorf("%s: %s", c.name, fmt.Sprintf(format, args...)))
}

func (c cell) required() (string, error) {
	s := c.String()
	if s == "" {
		return "", c.fail("empty; a value is required")
	}
	return s, nil
}

func (c cell) so() (domain.SO, error) {
	s := c.String()
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 4 {
		return 0, c.fail("%q is not a specific objective (1 to 4)", s)
	}
	return domain.SO(n), nil
}

// listedSO is so() for a specific objective that specific_objectives.csv lists.
func (c cell) listedSO(p *Parts) (domain.SO, error) {
	so, err := c.so()
	if err == nil && !hasSO(p, so) {
		err = c.fail("specific objective %d is not in %s", so, FileSpecificObjectives)
	}
	return so, err
}

func (c cell) count(allowEmpty bool) (*int64, error) {
	s := c.String()
	if s == "" && allowEmpty {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strings.HasPrefix(s, "+") {
		return nil, c.fail("%q is not a whole number of 0 or more", s)
	}
	return &n, nil
}

func (c cell) pct(allowZero bool) (int, error) {
	s := c.String()
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 100 || (n == 0 && !allowZero) || strings.HasPrefix(s, "+") {
		if allowZero {
			return 0, c.fail("%q is not a rate in whole per cent from 0 to 100", s)
		}
		return 0, c.fail("%q is not a rate in whole per cent from 1 to 100", s)
	}
	return n, nil
}

func (c cell) euros() (domain.Cents, error) {
	v, err := domain.ParseEuros(c.String())
	if err != nil {
		return 0, c.fail("%v", err)
	}
	if v < 0 {
		return 0, c.fail("%q is negative", c.String())
	}
	return v, nil
}

func (c cell) oneOf(values ...string) (string, error) {
	s := c.String()
	for _, v := range values {
		if s == v {
			return s, nil
		}
	}
	return "", c.fail("%q is not one of %s", s, strings.Join(values, ", "))
}

func (c cell) bool() (bool, error) {
	switch c.String() {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, c.fail("%q is neither true nor false", c.String())
}

func (c cell) match(re *regexp.Regexp, what string) (string, error) {
	s := c.String()
	if !re.MatchString(s) {
		return "", c.fail("%q is not %s", s, what)
	}
	return s, nil
}

var (
	reMeasure   = regexp.MustCompile(`^[1-3][A-D]$`)
	reAction    = regexp.MustCompile(`^([1-3][A-D][0-9]|OS[1-3]|SA[1-3]|RS4|TR4)$`)
	reIndicator = regexp.MustCompile(`^[OR]\.[1-4]\.[0-9]+(\.[0-9]+)?$`)
	reCall      = regexp.MustCompile(`^20[0-9]{2}-(spring|autumn)$`)
	reCallCode  = regexp.MustCompile(`^([1-3][A-D][0-9]?|OS[1-3]|SA[1-3]|projects|total)$`)
)

func parseSOs(p *Parts, t *table) error {
	seen := map[domain.SO]bool{}
	return t.each([]string{"so", "name_en", "name_sv"}, func(get func(string) cell) error {
		so, err := get("so").so()
		if err != nil {
			return err
		}
		if seen[so] {
			return get("so").fail("specific objective %d is listed twice", so)
		}
		seen[so] = true
		en, err := get("name_en").required()
		if err != nil {
			return err
		}
		p.SOs = append(p.SOs, SpecificObjective{SO: so, NameEN: en, NameSV: get("name_sv").String()})
		return nil
	})
}

func parseMeasures(p *Parts, t *table) error {
	seen := map[string]bool{}
	return t.each([]string{"measure", "so", "name_en", "name_sv"}, func(get func(string) cell) error {
		code, err := get("measure").match(reMeasure, "a measure code such as 1A")
		if err != nil {
			return err
		}
		if seen[code] {
			return get("measure").fail("measure %s is listed twice", code)
		}
		seen[code] = true
		so, err := get("so").listedSO(p)
		if err != nil {
			return err
		}
		if int(code[0]-'0') != int(so) {
			return get("so").fail("measure %s belongs to specific objective %c, not %d", code, code[0], so)
		}
		en, err := get("name_en").required()
		if err != nil {
			return err
		}
		p.Measures = append(p.Measures, Measure{Code: code, SO: so, NameEN: en, NameSV: get("name_sv").String()})
		return nil
	})
}

func parseIndicators(p *Parts, t *table) error {
	listed := map[string]bool{}
	return t.each([]string{"code", "so", "kind", "parent", "unit", "name_en", "name_sv", "verify"}, func(get func(string) cell) error {
		code, err := get("code").match(reIndicator, "an indicator code such as O.2.3 or O.2.3.1")
		if err != nil {
			return err
		}
		if listed[code] {
			return get("code").fail("indicator %s is listed twice", code)
		}
		so, err := get("so").listedSO(p)
		if err != nil {
			return err
		}
		if int(code[2]-'0') != int(so) {
			return get("so").fail("indicator %s belongs to specific objective %c, not %d", code, code[2], so)
		}
		kind, err := get("kind").oneOf(string(domain.KindOutput), string(domain.KindResult))
		if err != nil {
			return err
		}
		if want := map[byte]string{'O': "output", 'R': "result"}[code[0]]; kind != want {
			return get("kind").fail("indicator %s is %s by its code (%c.), not %s", code, want, code[0], kind)
		}
		parent := get("parent").String()
		// An "of which" code is its parent's code with one more number: O.2.3.1 under O.2.3.
		if strings.Count(code, ".") == 3 {
			want := code[:strings.LastIndexByte(code, '.')]
			if parent != want {
				return get("parent").fail("%q: the sub-indicator %s must name its parent %s", parent, code, want)
			}
		} else if parent != "" {
			return get("parent").fail("%q: %s is not an \"of which\" sub-indicator and has no parent", parent, code)
		}
		if parent != "" && !listed[parent] {
			return get("parent").fail("%s is not listed above %s in %s", parent, code, t.file)
		}
		unit, err := get("unit").required()
		if err != nil {
			return err
		}
		en, err := get("name_en").required()
		if err != nil {
			return err
		}
		verify, err := get("verify").bool()
		if err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, Indicator{Code: code, SO: so, Kind: domain.IndicatorKind(kind),
			Parent: parent, Unit: unit, NameEN: en, NameSV: get("name_sv").String(), Verify: verify})
		listed[code] = true
		return nil
	})
}

func parseActions(p *Parts, t *table) error {
	seen := map[string]bool{}
	cols := []string{"action", "so", "measure", "support_type", "name_sv", "name_en", "cofinancing_pct", "alt_cofinancing_pct", "beneficiaries"}
	return t.each(cols, func(get func(string) cell) error {
		code, err := get("action").match(reAction, "an action code such as 1A1, OS2, SA3, RS4 or TR4")
		if err != nil {
			return err
		}
		if seen[code] {
			return get("action").fail("action %s is listed twice", code)
		}
		seen[code] = true
		so, err := get("so").listedSO(p)
		if err != nil {
			return err
		}
		st, err := get("support_type").oneOf(string(domain.SupportProject), string(domain.SupportOperating), string(domain.SupportSpecificAction))
		if err != nil {
			return err
		}
		measure := get("measure").String()
		switch code[:2] {
		case "RS", "TR":
			// SO 4's thematic-facility lines: no measure; their support type is the catalogue's
			// choice (actions.csv says why).
			if measure != "" {
				return get("measure").fail("%q: the SO 4 lines RS4 and TR4 belong to no measure", measure)
			}
			if so != 4 {
				return get("so").fail("%s belongs to specific objective 4, not %d", code, so)
			}
		case "OS", "SA":
			wantST := map[string]string{"OS": string(domain.SupportOperating), "SA": string(domain.SupportSpecificAction)}[code[:2]]
			if st != wantST {
				return get("support_type").fail("%s is %s by its code, not %s", code, wantST, st)
			}
			if measure != "" {
				return get("measure").fail("%q: operating support and specific actions belong to no measure", measure)
			}
			if int(code[2]-'0') != int(so) {
				return get("so").fail("%s belongs to specific objective %c, not %d", code, code[2], so)
			}
		default:
			if st != string(domain.SupportProject) {
				return get("support_type").fail("%s is an action of a measure, so a project grant, not %s", code, st)
			}
			if measure != code[:2] {
				return get("measure").fail("%q: action %s belongs to measure %s", measure, code, code[:2])
			}
			if !hasMeasure(p, measure) {
				return get("measure").fail("measure %s is not in %s", measure, FileMeasures)
			}
			if int(code[0]-'0') != int(so) {
				return get("so").fail("action %s belongs to specific objective %c, not %d", code, code[0], so)
			}
		}
		nameSV, err := get("name_sv").required()
		if err != nil {
			return err
		}
		nameEN, err := get("name_en").required()
		if err != nil {
			return err
		}
		rate, err := get("cofinancing_pct").pct(false)
		if err != nil {
			return err
		}
		alt, err := get("alt_cofinancing_pct").pct(true)
		if err != nil {
			return err
		}
		if alt != 0 && alt <= rate {
			return get("alt_cofinancing_pct").fail("%d %% is not above the action's rate of %d %% (write 0 when there is no second rate)", alt, rate)
		}
		var bens []string
		for _, b := range strings.Split(get("beneficiaries").String(), ";") {
			if b = strings.TrimSpace(b); b != "" {
				bens = append(bens, b)
			}
		}
		p.Actions = append(p.Actions, Action{Code: code, SO: so, Measure: measure, SupportType: domain.SupportType(st),
			NameSV: nameSV, NameEN: nameEN, CofinancingPct: rate, AltCofinancingPct: alt, Beneficiaries: bens})
		return nil
	})
}

func parseActionIndicators(p *Parts, t *table) error {
	index := map[string]int{}
	for i, a := range p.Actions {
		index[a.Code] = i
	}
	seen := map[[2]string]bool{}
	return t.each([]string{"action", "indicator"}, func(get func(string) cell) error {
		code := get("action").String()
		i, ok := index[code]
		if !ok {
			return get("action").fail("action %q is not in %s", code, FileActions)
		}
		ind := get("indicator").String()
		if !hasIndicator(p, ind) {
			return get("indicator").fail("indicator %q is not in %s", ind, FileIndicators)
		}
		if seen[[2]string{code, ind}] {
			return get("indicator").fail("%s is listed twice for action %s", ind, code)
		}
		seen[[2]string{code, ind}] = true
		p.Actions[i].Indicators = append(p.Actions[i].Indicators, ind)
		return nil
	})
}

func parseRules(p *Parts, t *table) error {
	seen := map[string]bool{}
	return t.each([]string{"rule_id", "kind", "lesser", "greater", "severity", "note"}, func(get func(string) cell) error {
		id, err := get("rule_id").required()
		if err != nil {
			return err
		}
		if seen[id] {
			return get("rule_id").fail("rule %s is listed twice", id)
		}
		seen[id] = true
		kind, err := get("kind").oneOf(string(OfWhichNotAboveParent), string(ResultNotAboveOutput))
		if err != nil {
			return err
		}
		for _, col := range []string{"lesser", "greater"} {
			if code := get(col).String(); !hasIndicator(p, code) {
				return get(col).fail("indicator %q is not in %s", code, FileIndicators)
			}
		}
		sev, err := get("severity").oneOf(string(domain.SeverityError), string(domain.SeverityWarning))
		if err != nil {
			return err
		}
		p.Rules = append(p.Rules, ConsistencyRule{ID: id, Kind: RuleKind(kind), Lesser: get("lesser").String(),
			Greater: get("greater").String(), Severity: domain.Severity(sev), Note: get("note").String()})
		return nil
	})
}

// Plan status lines of financial_plan.csv: "# status: derived" while it holds derived or assumed
// values, "# status: adopted" once it is the programme's adopted plan.
const (
	planStatusDerived = "derived"
	planStatusAdopted = "adopted"
)

func parseFinancialPlan(p *Parts, t *table) error {
	status, note, err := t.header(planStatusDerived, planStatusAdopted)
	if err != nil {
		return err
	}
	p.PlanDerived, p.PlanNote = status == planStatusDerived, note
	seen := map[string]bool{}
	hasTA := false
	err = t.each([]string{"so", "support_type", "union_eur", "national_eur", "cofinancing_pct", "basis"}, func(get func(string) cell) error {
		ta := get("so").String() == "TA"
		var so domain.SO
		var st string
		if ta {
			if _, err := get("support_type").oneOf(domain.SupportTypeAll); err != nil {
				return err
			}
			if hasTA {
				return get("so").fail("the technical-assistance row is listed twice")
			}
			hasTA = true
		} else {
			var err error
			if so, err = get("so").listedSO(p); err != nil {
				return err
			}
			if st, err = get("support_type").oneOf(string(domain.SupportProject), string(domain.SupportOperating), string(domain.SupportSpecificAction)); err != nil {
				return err
			}
			key := fmt.Sprint(so, st)
			if seen[key] {
				return get("support_type").fail("the plan of specific objective %d for %s is listed twice", so, st)
			}
			seen[key] = true
		}
		union, err := get("union_eur").euros()
		if err != nil {
			return err
		}
		national, err := get("national_eur").euros()
		if err != nil {
			return err
		}
		rate, err := get("cofinancing_pct").pct(false)
		if err != nil {
			return err
		}
		basis, err := get("basis").required()
		if err != nil {
			return err
		}
		if status == planStatusAdopted && basis != planStatusAdopted {
			return get("basis").fail("%q: the plan's status line says adopted, so every row's basis must be \"adopted\"", basis)
		}
		row := Allocation{SO: so, SupportType: domain.SupportType(st), Amount: union, National: national, CofinancingPct: rate, Basis: basis}
		if ta {
			row.SupportType = domain.SupportTypeAll
			p.TechnicalAssistance = row
			return nil
		}
		p.Allocations = append(p.Allocations, row)
		return nil
	})
	if err == nil && !hasTA {
		return errs.E(opLoad, errs.Path(t.file), errs.Config, "no technical-assistance row (so TA, support_type all); write one, with 0.00 if the programme has none")
	}
	return err
}

var reCode = regexp.MustCompile(`^[0-9]{3}$`)

func parseInterventionCodes(p *Parts, t *table) error {
	_, note, err := t.header(CodeVerified, CodeUnverified)
	if err != nil {
		return err
	}
	p.CodesNote = note
	seen := map[[2]string]bool{}
	return t.each([]string{"dimension", "code", "so", "name_en", "name_sv", "status"}, func(get func(string) cell) error {
		dim, err := get("dimension").oneOf(Dimensions...)
		if err != nil {
			return err
		}
		code, err := get("code").match(reCode, "a three-digit code such as 001")
		if err != nil {
			return err
		}
		if seen[[2]string{dim, code}] {
			return get("code").fail("%s %s is listed twice", dim, code)
		}
		seen[[2]string{dim, code}] = true
		ic := InterventionCode{Dimension: dim, Code: code}
		switch soText := get("so").String(); {
		case dim != DimInterventionField:
			if soText != "" {
				return get("so").fail("%q: only an intervention field belongs to a specific objective; leave it empty", soText)
			}
		case soText == "TA":
			ic.TA = true
		default:
			if ic.SO, err = get("so").so(); err != nil {
				return err
			}
		}
		if ic.NameEN, err = get("name_en").required(); err != nil {
			return err
		}
		if ic.NameSV, err = get("name_sv").required(); err != nil {
			return err
		}
		if ic.Status, err = get("status").oneOf(CodeVerified, CodeUnverified, CodeLocal); err != nil {
			return err
		}
		p.Interventions = append(p.Interventions, ic)
		return nil
	})
}

func parseActionInterventions(p *Parts, t *table) error {
	_, note, err := t.header("assumed", "confirmed")
	if err != nil {
		return err
	}
	p.DefaultsNote = note
	actions := map[string]domain.SO{}
	for _, a := range p.Actions {
		actions[a.Code] = a.SO
	}
	seen := map[string]bool{}
	err = t.each(append(slices.Clone(Dimensions), "action", "basis"), func(get func(string) cell) error {
		code := get("action").String()
		so, ok := actions[code]
		if !ok {
			return get("action").fail("action %q is not in %s", code, FileActions)
		}
		if seen[code] {
			return get("action").fail("action %s is listed twice", code)
		}
		seen[code] = true
		d := ActionInterventions{Action: code}
		for i, dim := range Dimensions {
			c := get(dim).String()
			var found *InterventionCode
			for j := range p.Interventions {
				if ic := &p.Interventions[j]; ic.Dimension == dim && ic.Code == c {
					found = ic
				}
			}
			if found == nil {
				return get(dim).fail("%q is not a %s code of %s", c, dim, FileInterventionCodes)
			}
			if dim == DimInterventionField && (found.TA || found.SO != so) {
				return get(dim).fail("intervention field %s is not one of specific objective %d, the objective of action %s", c, so, code)
			}
			d.Codes[i] = c
		}
		var err error
		if d.Basis, err = get("basis").required(); err != nil {
			return err
		}
		p.ActionCodes = append(p.ActionCodes, d)
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range p.Actions {
		if !seen[a.Code] {
			return errs.E(opLoad, errs.Path(t.file), errs.Config,
				fmt.Sprintf("action %s has no row; every action needs a default code of each dimension", a.Code))
		}
	}
	return nil
}

func parseCalls(p *Parts, t *table) error {
	seen := map[string]bool{}
	return t.each([]string{"so", "code", "call", "amount_eur"}, func(get func(string) cell) error {
		so, err := get("so").so()
		if err != nil {
			return err
		}
		code, err := get("code").match(reCallCode, "a measure, an action, OS<n>, SA<n>, projects or total")
		if err != nil {
			return err
		}
		if codeSO(code) != 0 && codeSO(code) != so {
			return get("code").fail("%s is not in specific objective %d", code, so)
		}
		call, err := get("call").match(reCall, "a call such as 2025-spring or 2026-autumn")
		if err != nil {
			return err
		}
		key := fmt.Sprint(so, "|", code, "|", call)
		if seen[key] {
			return get("call").fail("specific objective %d, %s, %s is listed twice", so, code, call)
		}
		seen[key] = true
		amount, err := get("amount_eur").euros()
		if err != nil {
			return err
		}
		p.Calls = append(p.Calls, CallAmount{SO: so, Code: code, Call: call, Amount: amount})
		return nil
	})
}

// Goal status lines: "# status: illustrative" or "# status: adopted", and "# note: ...".
const (
	goalsStatusIllustrative = "illustrative"
	goalsStatusAdopted      = "adopted"
)

// header reads a file's "# status: ..." and "# note: ..." comment lines: the status must be one
// of allowed, and the note, which every report showing the file's values repeats, must be given.
func (t *table) header(allowed ...string) (status, note string, err error) {
	for _, c := range t.comments {
		if v, ok := strings.CutPrefix(c, "status:"); ok {
			status = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(c, "note:"); ok {
			note = strings.TrimSpace(v)
		}
	}
	if !slices.Contains(allowed, status) {
		quoted := make([]string, len(allowed))
		for i, a := range allowed {
			quoted[i] = fmt.Sprintf("\"# status: %s\"", a)
		}
		return "", "", errs.E(opLoad, errs.Path(t.file+":header"), errs.Config,
			fmt.Sprintf("status %q: the comment lines above the header must say %s", status, strings.Join(quoted, " or ")))
	}
	if note == "" {
		return "", "", errs.E(opLoad, errs.Path(t.file+":header"), errs.Config,
			"no \"# note: ...\" comment line above the header; it says where the values come from and every report repeats it")
	}
	return status, note, nil
}

func parseGoals(p *Parts, t *table) error {
	status, note, err := t.header(goalsStatusIllustrative, goalsStatusAdopted)
	if err != nil {
		return err
	}
	p.GoalsIllustrative = status == goalsStatusIllustrative
	p.GoalsNote = note
	seen := map[string]bool{}
	return t.each([]string{"indicator", "milestone_2024", "target_2029"}, func(get func(string) cell) error {
		code := get("indicator").String()
		var ind *Indicator
		for i := range p.Indicators {
			if p.Indicators[i].Code == code {
				ind = &p.Indicators[i]
			}
		}
		if ind == nil {
			return get("indicator").fail("indicator %q is not in %s", code, FileIndicators)
		}
		if seen[code] {
			return get("indicator").fail("%s is listed twice", code)
		}
		seen[code] = true
		milestone, err := get("milestone_2024").count(true)
		if err != nil {
			return err
		}
		if milestone != nil && ind.Kind != domain.KindOutput {
			return get("milestone_2024").fail("%s is a result indicator; only output indicators have a 2024 milestone (leave it empty)", code)
		}
		target, err := get("target_2029").count(false)
		if err != nil {
			return err
		}
		p.Goals = append(p.Goals, IndicatorGoal{Indicator: code, Milestone2024: milestone, Target2029: *target})
		return nil
	})
}

// codeSO is the specific objective a measure, action, OS<n> or SA<n> code names; 0 for the
// SO-wide codes of calls.csv.
func codeSO(code string) domain.SO {
	switch {
	case code == "projects" || code == "total":
		return 0
	case strings.HasPrefix(code, "OS") || strings.HasPrefix(code, "SA"):
		return domain.SO(code[2] - '0')
	}
	return domain.SO(code[0] - '0')
}

func hasSO(p *Parts, so domain.SO) bool {
	for _, s := range p.SOs {
		if s.SO == so {
			return true
		}
	}
	return false
}

func hasMeasure(p *Parts, code string) bool {
	for _, m := range p.Measures {
		if m.Code == code {
			return true
		}
	}
	return false
}

func hasIndicator(p *Parts, code string) bool {
	for _, i := range p.Indicators {
		if i.Code == code {
			return true
		}
	}
	return false
}
