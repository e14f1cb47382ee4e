package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
	"mittari/internal/errs"
)

// The register's files inside an inbox.
const (
	ProjectsFile = "projects.csv"
	TargetsFile  = "project_targets.csv"
	ReportsDir   = "reports"
)

var projectsTable = read.Table{
	Required: []string{"project_id", "title", "beneficiary", "beneficiary_type", "action", "start_date", "end_date",
		"eligible_cost_eur", "eu_contribution_eur", "status"},
	Optional: []string{"selected_on", "private_contribution_eur", "intervention_field", "type_of_action", "implementation_modality"},
}

var targetsTable = read.Table{Required: []string{"project_id", "indicator", "target"}}

// RegisterMaxRows bounds the rows of projects.csv and of project_targets.csv. The register is
// one file for a whole programme (a Commission-wide one holds hundreds of thousands of projects),
// so read.Default's cap for one beneficiary's report file does not fit it; it is read streaming
// and only its valid rows are kept.
const RegisterMaxRows = 20_000_000

// registerLimits are read.Default with the register's own row cap.
var registerLimits = func() read.Limits {
	l := read.Default
	l.MaxRows = RegisterMaxRows
	return l
}()

// Register is the project register and targets as read from an inbox: the valid rows, the
// findings about the others, and the files' content hashes (which decide whether a new snapshot
// is written).
type Register struct {
	Projects []domain.Project
	// The valid targets are in targetOf (Targets lists them); a million domain.Target rows
	// besides the index were a tenth of a first run's memory.
	Findings       []domain.Finding
	ProjectsSHA256 string
	TargetsSHA256  string
	byID           map[string]int32       // index in Projects
	targetOf       map[targetKey]targetAt // by project and indicator
	// targetsRun is the run whose snapshot of the warehouse at root the targets are read from,
	// project by project (runRegister), when the register came from the warehouse;
	// targetsLoaded the projects read so far.
	root, targetsRun string
	targetsLoaded    map[string]bool
}

// targetAt is a target and the line of project_targets.csv it came from.
type targetAt struct {
	value int64
	line  int
}

// Project returns the register's valid row of a project.
func (r *Register) Project(id string) (domain.Project, bool) {
	i, ok := r.byID[id]
	if !ok {
		return domain.Project{}, false
	}
	return r.Projects[i], true
}

// LoadRegister reads projects.csv and project_targets.csv from inbox. A row with an error is
// dropped with a finding and the rest is used; the error return is for a register that cannot be
// used at all (missing, unreadable, wrong header), which stops a run before it rejects every
// report as "unknown project".
func LoadRegister(inbox string, cat *catalogue.Catalogue) ([]domain.Project, []domain.Target, []domain.Finding, error) {
	r, err := loadRegister(context.Background(), inbox, cat)
	if err != nil {
		return nil, nil, nil, err
	}
	return r.Projects, r.Targets(), r.Findings, nil
}

func loadRegister(ctx context.Context, inbox string, cat *catalogue.Catalogue) (*Register, error) {
	return registerFrom(ctx, regularFS(inbox), inbox, cat)
}

// regularFS is os.DirFS for the register's files: it opens regular files only, and without
// waiting on a FIFO. (The register is the operator's, so it may be a link to a file anywhere.)
type regularFS string

func (d regularFS) Open(name string) (fs.File, error) {
	f, _, err := openRegular(os.OpenFile, filepath.Join(string(d), name), 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// registerFrom reads the register from fsys (the inbox; in fuzz tests an in-memory one),
// stopping when ctx is done.
func registerFrom(ctx context.Context, fsys fs.FS, inbox string, cat *catalogue.Catalogue) (*Register, error) {
	reg := &Register{byID: map[string]int32{}, targetOf: map[targetKey]targetAt{}}
	var ids []read.Cell // each valid project row's project_id, whose place a duplicate names
	// Sized from the file (a row is some 150 bytes), the slices do not grow their way up to a
	// Commission-wide register.
	if fi, err := fs.Stat(fsys, ProjectsFile); err == nil && fi.Size() > 0 {
		n := int(min(fi.Size()/128, 1<<22))
		reg.Projects, ids = make([]domain.Project, 0, n), make([]read.Cell, 0, n)
	}
	var err error
	reg.ProjectsSHA256, err = readRegisterFile(ctx, fsys, inbox, ProjectsFile, projectsTable, &reg.Findings, func(row read.Row) {
		if p, ok := parseProject(row, cat, &reg.Findings); ok {
			reg.Projects = append(reg.Projects, p)
			ids = append(ids, row.Cell("project_id"))
		}
	})
	if err != nil {
		return nil, err
	}
	reg.Projects, reg.byID = dropDuplicateProjects(reg.Projects, ids, &reg.Findings)
	// A Commission-wide targets file has millions of rows: sized from the file (a row is some
	// 26 bytes), the index does not rehash its way up.
	if fi, err := fs.Stat(fsys, TargetsFile); err == nil && fi.Size() > 0 {
		reg.targetOf = make(map[targetKey]targetAt, int(min(fi.Size()/24, 1<<24)))
	}
	reg.TargetsSHA256, err = readRegisterFile(ctx, fsys, inbox, TargetsFile, targetsTable, &reg.Findings, func(row read.Row) {
		parseTarget(row, reg, cat, &reg.Findings)
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// readRegisterFile streams one register CSV to fn and returns its SHA-256.
func readRegisterFile(ctx context.Context, fsys fs.FS, inbox, name string, t read.Table, findings *[]domain.Finding, fn func(read.Row)) (string, error) {
	path := filepath.Join(inbox, name)
	f, err := fsys.Open(name)
	var ref *refusal
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", errs.E(errs.Op("ingest.LoadRegister"), errs.Path(path), errs.NotFound, errors.New("the inbox has no "+name))
	case errors.As(err, &ref):
		return "", errs.E(errs.Op("ingest.LoadRegister"), errs.Path(path), errs.Invalid, ref.msg)
	case err != nil:
		return "", errs.E(errs.Op("ingest.LoadRegister"), errs.Path(path), errs.IO, err)
	}
	defer f.Close()
	h := sha256.New()
	in := ctxReader{ctx, f}
	notes, err := read.ReadCSV(name, io.TeeReader(in, h), t, registerLimits, func(row read.Row) error { fn(row); return nil })
	if err == nil {
		_, err = io.Copy(h, in) // the hash covers the whole file even if the reader stopped early
	}
	if ctx.Err() != nil {
		return "", interrupted(ctx)
	}
	for _, n := range notes {
		*findings = append(*findings, problemFinding(n))
	}
	if err != nil {
		var p *read.Problem
		if errors.As(err, &p) {
			return "", errs.E(errs.Op("ingest.LoadRegister"), errs.Path(path), errs.Invalid, errors.New(problemFinding(p).String()))
		}
		return "", errs.E(errs.Op("ingest.LoadRegister"), errs.Path(path), errs.IO, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func parseProject(row read.Row, cat *catalogue.Catalogue, out *[]domain.Finding) (domain.Project, bool) {
	n := len(*out)
	add := func(f domain.Finding) { *out = append(*out, f) }
	required := func(col string) string {
		c := row.Cell(col)
		if c.Kind == read.Missing {
			add(RuleRegField.at(c.Place(), "", "%s is empty; expected a value (the row is dropped)", col))
		}
		return c.Text
	}
	p := domain.Project{ID: required("project_id"), Title: required("title"), Beneficiary: required("beneficiary")}
	if c := row.Cell("project_id"); p.ID != "" && !validProjectID(p.ID) {
		add(RuleRegProjectID.at(c.Place(), c.Text, "project_id %q is not an id; expected 1 to %d letters A-Z, digits and - _ . / starting with a letter or digit, e.g. AMIF-2023-014 (the row is dropped)", c.Text, MaxProjectIDLength))
	}
	for _, col := range []string{"title", "beneficiary"} {
		c := row.Cell(col)
		for _, f := range checkText(c.Place(), col, c.Text) {
			add(f)
		}
	}
	bt := row.Cell("beneficiary_type")
	p.BeneficiaryType = domain.BeneficiaryType(bt.Text)
	if !slices.Contains(domain.BeneficiaryTypes, p.BeneficiaryType) {
		add(RuleRegBenType.at(bt.Place(), bt.Text, "beneficiary_type %q is unknown; expected one of %v", bt.Text, domain.BeneficiaryTypes))
	}
	ac := row.Cell("action")
	p.Action = ac.Text
	if _, ok := cat.Action(ac.Text); !ok {
		add(RuleRegAction.at(ac.Place(), ac.Text, "action %q is not in the catalogue; expected an action code such as 2A1, OS2 or SA3", ac.Text))
	}
	date := func(col string, optional bool) domain.Date {
		c := row.Cell(col)
		if c.Kind == read.Missing && optional {
			return 0
		}
		d, err := domain.ParseDate(c.Text)
		switch {
		case err != nil:
			add(RuleRegDate.at(c.Place(), c.Text, "%s %q is not a date; expected YYYY-MM-DD", col, c.Text))
		case domain.CheckDate(d) != nil:
			add(RuleRegDate.at(c.Place(), c.Text, "%s %s is outside %s..%s, the dates a project of the programme may have (the row is dropped)", col, c.Text, domain.MinDate, domain.MaxDate))
		}
		return d
	}
	p.Start, p.End = date("start_date", false), date("end_date", false)
	if len(*out) == n && p.End < p.Start {
		c := row.Cell("end_date")
		add(RuleRegDate.at(c.Place(), c.Text, "end_date %s is before start_date %s; expected the project to end after it starts", p.End, p.Start))
	}
	p.SelectedOn = date("selected_on", true)
	if row.Cell("selected_on").Kind == read.Missing {
		p.SelectedOn = p.Start
	}
	p.EligibleCost = registerAmount(row.Cell("eligible_cost_eur"), "eligible_cost_eur", add)
	p.EUContribution = registerAmount(row.Cell("eu_contribution_eur"), "eu_contribution_eur", add)
	if p.EUContribution > p.EligibleCost {
		c := row.Cell("eu_contribution_eur")
		add(RuleRegEUAbove.at(c.Place(), c.Text, "eu_contribution_eur %s exceeds eligible_cost_eur %s; expected at most the eligible cost", p.EUContribution, p.EligibleCost))
	}
	p.PrivateContribution = privateContribution(row, p.EligibleCost, add)
	p.Interventions = interventionCodes(row, cat, add)
	st := row.Cell("status")
	p.Status = domain.ProjectStatus(st.Text)
	if !slices.Contains(domain.ProjectStatuses, p.Status) {
		add(RuleRegStatus.at(st.Place(), st.Text, "status %q is unknown; expected one of %v", st.Text, domain.ProjectStatuses))
	}
	for i := n; i < len(*out); i++ {
		(*out)[i].Report = p.ID
	}
	return p, len(*out) == n
}

// registerAmount reads an amount of the register (column col of a projects.csv row): a
// non-negative decimal of at most two decimals and at most domain.MaxAmount. A finding for
// anything else goes to add, which drops the row.
func registerAmount(c read.Cell, col string, add func(domain.Finding)) domain.Cents {
	v, err := domain.ParseEuros(c.Text)
	negative := strings.HasPrefix(strings.TrimSpace(c.Text), "-")
	switch {
	case !negative && (errors.Is(err, domain.ErrTooLarge) || err == nil && domain.CheckAmount(v) != nil):
		add(RuleRegTooLarge.at(c.Place(), c.Text, "%s %s is above %s, the largest amount a project may have (the row is dropped)", col, c.Text, domain.MaxAmount))
	case err != nil || v < 0:
		add(RuleRegMoney.at(c.Place(), c.Text, "%s %q is not an amount; expected a non-negative decimal with a dot and at most two decimals, e.g. 18250.40", col, c.Text))
	}
	return v
}

// MaxProjectIDLength is the longest project_id accepted: grant management systems use ids of a
// dozen or two characters (AMIF-2023-014); what is much longer is not an id.
const MaxProjectIDLength = 64

// validProjectID says whether id is 1 to MaxProjectIDLength ASCII letters, digits, - _ . and /,
// starting with a letter or digit. An id is written into every export and the report, and is
// what beneficiaries copy into their files: it may not hold text a spreadsheet would run as a
// formula, markup, spaces, or look-alike letters of other scripts.
func validProjectID(id string) bool {
	if len(id) == 0 || len(id) > MaxProjectIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '-' && c != '_' && c != '.' && c != '/') {
			return false
		}
	}
	return true
}

// dropDuplicateProjects drops every row of a project_id that appears more than once: which
// row is right is for the grant management system to say, not for us to guess. It returns the
// rows kept and their index by id.
func dropDuplicateProjects(ps []domain.Project, ids []read.Cell, out *[]domain.Finding) ([]domain.Project, map[string]int32) {
	first := make(map[string]int32, len(ps))
	var repeated map[string]bool
	for i, p := range ps {
		if _, ok := first[p.ID]; !ok {
			first[p.ID] = int32(i)
		} else {
			if repeated == nil {
				repeated = map[string]bool{}
			}
			repeated[p.ID] = true
		}
	}
	if repeated == nil {
		return ps, first // the usual case: the index by id is already made
	}
	keep := make([]domain.Project, 0, len(ps))
	for i, p := range ps {
		switch {
		case !repeated[p.ID]:
			keep = append(keep, p)
		case i != int(first[p.ID]):
			*out = append(*out, RuleRegDuplicate.at(ids[i].Place(), p.ID,
				"project_id %s appears again (first on line %d); expected it once (every row of it is dropped)", p.ID, ids[first[p.ID]].Place().Line))
		}
	}
	byID := make(map[string]int32, len(keep))
	for i, p := range keep {
		byID[p.ID] = int32(i)
	}
	return keep, byID
}

// parseTarget checks one row of project_targets.csv and, when it is valid, indexes it in
// reg.targetOf (which also finds repeated rows).
func parseTarget(row read.Row, reg *Register, cat *catalogue.Catalogue, out *[]domain.Finding) bool {
	pc, ic, vc := row.Cell("project_id"), row.Cell("indicator"), row.Cell("target")
	ok := true
	project, found := reg.byID[pc.Text]
	if !found {
		*out = append(*out, RuleRegTargetProj.at(pc.Place(), pc.Text, "project %q is not in the register (or its row was dropped); the target is dropped", pc.Text))
		ok = false
	}
	if _, found := cat.Indicator(ic.Text); !found {
		*out = append(*out, RuleRegTargetInd.at(ic.Place(), ic.Text, "indicator %q is not in the catalogue; expected a code such as O.2.3", ic.Text))
		ok = false
	}
	v, err := strconv.ParseInt(vc.Text, 10, 64)
	switch {
	case allDigits(vc.Text) && (errors.Is(err, strconv.ErrRange) || domain.CheckCount(v) != nil):
		*out = append(*out, RuleRegTooLarge.at(vc.Place(), vc.Text, "target %s is above %d, the largest target accepted; the target is dropped", vc.Text, domain.MaxCount))
		ok = false
	case err != nil || v < 0 || !allDigits(vc.Text):
		*out = append(*out, RuleRegTargetValue.at(vc.Place(), vc.Text, "target %q is not a non-negative whole number", vc.Text))
		ok = false
	}
	if !ok {
		return false
	}
	code := codeID(ic.Text)
	key := targetKey{project, code}
	if first, dup := reg.targetOf[key]; dup {
		*out = append(*out, RuleRegTargetDup.at(pc.Place(), pc.Text, "project %s and indicator %s already have a target on line %d; the later row is dropped", pc.Text, ic.Text, first.line))
		return false
	}
	reg.targetOf[key] = targetAt{v, pc.Place().Line}
	return true
}

// Targets is the valid rows of project_targets.csv in the file's order (by line), with the
// register's own strings. A register taken from the warehouse's snapshot has none: it loads
// the targets of the projects it checks only (loadTargets), and writes no targets.
func (r *Register) Targets() []domain.Target {
	if r.targetsRun != "" {
		return nil
	}
	// Each target has a line of its own: placed by line, they come out in the file's order
	// without a sort.
	last := 0
	for _, t := range r.targetOf {
		last = max(last, t.line)
	}
	type row struct {
		key   targetKey
		value int64
		used  bool
	}
	byLine := make([]row, last+1)
	for k, t := range r.targetOf {
		byLine[t.line] = row{k, t.value, true}
	}
	table := codes.Load()
	out := make([]domain.Target, 0, len(r.targetOf))
	for _, t := range byLine {
		if t.used {
			out = append(out, domain.Target{ProjectID: r.Projects[t.key.project].ID, Indicator: table.list[t.key.code], Value: t.value})
		}
	}
	return out
}

// targetKey is a target's project (its index in Register.Projects) and indicator (interned):
// a key without pointers, which the collector does not scan and which hashes as one word.
type targetKey struct {
	project int32
	code    uint32
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
