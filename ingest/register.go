package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
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

// Register is the project register and targets as read from an inbox: the facts of its valid
// rows that reports are checked against, the findings about the others, and the files' content
// hashes (which decide whether a new snapshot is written).
//
// A Commission-wide register holds hundreds of thousands of projects and millions of targets,
// which held in full were most of what a first run's memory grew by. So a register holds a
// project's facts only (facts, index); the rows in full wait in a spill for the snapshot (rows),
// and the targets in a spill by project (targets, in the partitions of the run's versions), each
// partition's indexed when its versions are settled (indexTargets).
type Register struct {
	Findings       []domain.Finding
	ProjectsSHA256 string
	TargetsSHA256  string
	facts          []projectFacts // every valid row's, in the file's order
	index          projectIndex   // of the projects kept in facts (not of a repeated id)
	codes          interned       // actions and statuses of facts
	// rows are projects.csv's valid rows in full (appendProject), in its order; nil for a
	// register from a snapshot, which is never written again.
	rows *spill
	// targets are the targets (appendTarget) by partitionOf their project: those of
	// project_targets.csv (fromFile) with their lines, or those of the snapshot's projects a run
	// loads (loadTargets). targetsColumn is how the file's header names project_id, for the
	// place of a repeated target.
	targets       *spill
	fromFile      bool
	targetsColumn string
	// targetsDone delivers the end of the targets' reading in the background (registerFrom),
	// stopTargets stops it; targetsErr and targetFindings are what it gave.
	targetsDone    chan error
	stopTargets    context.CancelFunc
	targetsErr     error
	targetFindings []domain.Finding
	// targetsRun is the run whose snapshot of the warehouse at root the targets are read from,
	// project by project (runRegister), when the register came from the warehouse;
	// targetsLoaded the projects read so far.
	root, targetsRun string
	targetsLoaded    map[string]bool
}

// projectFacts is what a report is checked against of its project.
type projectFacts struct {
	id             string
	start, end     domain.Date
	action, status int32 // in Register.codes
	line           int32 // of projects.csv (0 from a snapshot)
}

func (r *Register) addFacts(p domain.Project, line int) {
	// The id is copied: it points into the reader's blocks of the file's text, which it would
	// otherwise keep whole.
	r.facts = append(r.facts, projectFacts{id: strings.Clone(p.ID), start: p.Start, end: p.End,
		action: r.codes.id(p.Action), status: r.codes.id(string(p.Status)), line: int32(line)})
}

// targetAt is a target and the line of project_targets.csv it came from.
type targetAt struct {
	value int64
	line  int
}

// targetIndex is the targets of some projects by project (its index in Register.facts) and
// indicator (interned).
type targetIndex map[targetKey]targetAt

// Project returns the facts of a project of the register that the report rules check: its id,
// action, dates and status.
func (r *Register) Project(id string) (domain.Project, bool) {
	i, ok := r.lookup(id)
	if !ok {
		return domain.Project{}, false
	}
	f := &r.facts[i]
	return domain.Project{ID: f.id, Action: r.codes.name(f.action), Start: f.start, End: f.end, Status: domain.ProjectStatus(r.codes.name(f.status))}, true
}

// lookup is the index in facts of the project of id, if the register keeps it.
func (r *Register) lookup(id string) (int32, bool) { return r.index.get(r.facts, id) }

// close lets the register's spills go, stopping the targets' reading first.
func (r *Register) close() {
	if r == nil {
		return
	}
	if r.stopTargets != nil {
		r.stopTargets()
	}
	r.waitTargets()
	r.rows.close()
	r.targets.close()
}

// LoadRegister reads projects.csv and project_targets.csv from inbox. A row with an error is
// dropped with a finding and the rest is used; the error return is for a register that cannot be
// used at all (missing, unreadable, wrong header), which stops a run before it rejects every
// report as "unknown project".
func LoadRegister(inbox string, cat *catalogue.Catalogue) ([]domain.Project, []domain.Target, []domain.Finding, error) {
	r, err := loadRegister(context.Background(), inbox, cat, os.TempDir(), 1, false)
	if err != nil {
		return nil, nil, nil, err
	}
	defer r.close()
	projects, err := r.projectList()
	if err != nil {
		return nil, nil, nil, err
	}
	targets, err := r.targetList()
	if err != nil {
		return nil, nil, nil, err
	}
	return projects, targets, r.Findings, nil
}

// loadRegister reads the register's files from inbox, spilling to dir with the targets in
// parts partitions, perhaps later (registerFrom).
func loadRegister(ctx context.Context, inbox string, cat *catalogue.Catalogue, dir string, parts int, later bool) (*Register, error) {
	return registerFrom(ctx, regularFS(inbox), inbox, cat, dir, parts, later)
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
// stopping when ctx is done. Its rows in full and its targets are spilled to files in dir, the
// targets in parts partitions by project (partitionOf); the caller closes it.
//
// With later, the targets are read in the background once their header is read: reports are
// checked against the projects alone, and the targets (millions of rows in a Commission-wide
// register) are needed only when the run's versions are settled, so reading them on their own
// core while the report files are read keeps it from idling. waitTargets waits for them.
func registerFrom(ctx context.Context, fsys fs.FS, inbox string, cat *catalogue.Catalogue, dir string, parts int, later bool) (reg *Register, err error) {
	reg = &Register{fromFile: true}
	defer func() {
		if err != nil {
			reg.close()
		}
	}()
	if reg.rows, err = newSpill(dir, 1); err != nil {
		return nil, err
	}
	if reg.targets, err = newSpill(dir, parts); err != nil {
		return nil, err
	}
	// Sized from the file (a row is some 150 bytes), the facts do not grow their way up to a
	// Commission-wide register.
	if fi, err := fs.Stat(fsys, ProjectsFile); err == nil && fi.Size() > 0 {
		reg.facts = make([]projectFacts, 0, int(min(fi.Size()/128, 1<<22)))
	}
	idColumn := ""
	var rec []byte
	reg.ProjectsSHA256, err = readRegisterFile(ctx, fsys, inbox, ProjectsFile, projectsTable, &reg.Findings, func(row read.Row) {
		if p, ok := parseProject(row, cat, &reg.Findings); ok {
			at := row.Cell("project_id").Place()
			idColumn = at.Column
			reg.addFacts(p, at.Line)
			rec = appendProject(rec[:0], &p)
			reg.rows.add(0, rec)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := reg.rows.err; err != nil {
		return nil, err
	}
	reg.index = dropDuplicateProjects(reg.facts, idColumn, &reg.Findings)

	// The targets' findings come after the projects' (reg.Findings), once they are all read.
	ctx, reg.stopTargets = context.WithCancel(ctx)
	reg.targetsDone = make(chan error, 1)
	header := make(chan error, 1) // nil once the first row is read; else the read's end
	go func() {
		var findings []domain.Finding
		var rec []byte
		first := true
		sha, err := readRegisterFile(ctx, fsys, inbox, TargetsFile, targetsTable, &findings, func(row read.Row) {
			if first {
				first = false
				header <- nil
			}
			parseTarget(row, reg, cat, &findings, &rec)
		})
		if first {
			header <- err
		}
		if err == nil {
			err = reg.targets.err
		}
		reg.TargetsSHA256, reg.targetFindings = sha, findings
		reg.targetsDone <- err
	}()
	if err := <-header; err != nil {
		return nil, err
	}
	if !later {
		if err := reg.waitTargets(); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// waitTargets waits for the targets to be read (registerFrom) and says whether that failed;
// TargetsSHA256 and the targets' findings are there once it returns.
func (r *Register) waitTargets() error {
	if r.targetsDone != nil {
		r.targetsErr = <-r.targetsDone
		r.targetsDone = nil
		r.Findings = append(r.Findings, r.targetFindings...)
		r.targetFindings = nil
	}
	return r.targetsErr
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
// index of the rows kept (those of a repeated id stay in ps, but not in the index).
// idColumn is how the header names project_id.
func dropDuplicateProjects(ps []projectFacts, idColumn string, out *[]domain.Finding) projectIndex {
	index := newProjectIndex(len(ps))
	var first map[string]int32 // of the repeated ids
	for i := range ps {
		if j, repeated := index.add(ps, int32(i)); repeated {
			if first == nil {
				first = map[string]int32{}
			}
			first[ps[i].id] = j
		}
	}
	if first == nil {
		return index // the usual case: the index is made
	}
	for i, p := range ps {
		if j, repeated := first[p.id]; repeated && int32(i) != j {
			at := domain.Place{File: ProjectsFile, Line: int(p.line), Column: idColumn}
			*out = append(*out, RuleRegDuplicate.at(at, p.id,
				"project_id %s appears again (first on line %d); expected it once (every row of it is dropped)", p.id, ps[j].line))
		}
	}
	index = newProjectIndex(len(ps))
	for i, p := range ps {
		if _, repeated := first[p.id]; !repeated {
			index.add(ps, int32(i))
		}
	}
	return index
}

// parseTarget checks one row of project_targets.csv and, when it is valid, spills it to its
// project's partition (rec is a buffer for the record). Whether it repeats an earlier row is
// found when its partition is indexed (indexTargets).
func parseTarget(row read.Row, reg *Register, cat *catalogue.Catalogue, out *[]domain.Finding, rec *[]byte) bool {
	pc, ic, vc := row.Cell("project_id"), row.Cell("indicator"), row.Cell("target")
	ok := true
	project, found := reg.lookup(pc.Text)
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
	at := pc.Place()
	reg.targetsColumn = at.Column
	*rec = appendTarget((*rec)[:0], project, codeID(ic.Text), v, at.Line)
	reg.targets.add(partitionOf(pc.Text, len(reg.targets.parts)), *rec)
	return true
}

// appendTarget encodes a target of project (its index in Register.facts), indicator code and
// value, from line (0 for one from a snapshot).
func appendTarget(b []byte, project int32, code uint32, value int64, line int) []byte {
	b = binary.AppendUvarint(b, uint64(project))
	b = binary.AppendUvarint(b, uint64(code))
	b = binary.AppendVarint(b, value)
	return binary.AppendUvarint(b, uint64(line))
}

// indexTargets indexes the targets of one partition (as spill.load gives them). A target of a
// project and indicator that an earlier line already gave is dropped with a finding (dups), and
// kept lists the others in the order they came, for the snapshot.
func (r *Register) indexTargets(data []byte) (idx targetIndex, kept []targetKey, dups []domain.Finding) {
	idx = targetIndex{}
	table := codes.Load()
	for len(data) > 0 {
		var rec []byte
		rec, data = nextRecord(data)
		project, k := binary.Uvarint(rec)
		rec = rec[k:]
		code, k := binary.Uvarint(rec)
		rec = rec[k:]
		value, k := binary.Varint(rec)
		rec = rec[k:]
		line, _ := binary.Uvarint(rec)
		key := targetKey{int32(project), uint32(code)}
		if first, dup := idx[key]; dup {
			id := r.facts[key.project].id
			at := domain.Place{File: TargetsFile, Line: int(line), Column: r.targetsColumn}
			dups = append(dups, RuleRegTargetDup.at(at, id, "project %s and indicator %s already have a target on line %d; the later row is dropped", id, table.list[key.code], first.line))
			continue
		}
		idx[key] = targetAt{value, int(line)}
		kept = append(kept, key)
	}
	return idx, kept, dups
}

// allTargets indexes every partition's targets at once, adding the findings of repeated ones
// to r.Findings: for validate and tests, whose registers are small.
func (r *Register) allTargets() (targetIndex, error) {
	all := targetIndex{}
	var buf []byte
	for p := range r.targets.parts {
		data, err := r.targets.load(p, buf)
		if err != nil {
			return nil, err
		}
		idx, _, dups := r.indexTargets(data)
		for k, v := range idx {
			all[k] = v
		}
		if r.fromFile {
			r.Findings = append(r.Findings, dups...)
		}
		buf = data
	}
	return all, nil
}

// projectList is the register's valid rows in full, in the file's order; a register from a
// snapshot has only the facts.
func (r *Register) projectList() ([]domain.Project, error) {
	var out []domain.Project
	if r.rows == nil {
		for i, f := range r.facts {
			if j, ok := r.lookup(f.id); ok && int(j) == i {
				p, _ := r.Project(f.id)
				out = append(out, p)
			}
		}
		return out, nil
	}
	err := r.rows.each(0, func(rec []byte) {
		if p := readProject(rec); r.kept(p.ID) {
			out = append(out, p)
		}
	})
	return out, err
}

// kept says whether the register keeps a project of that id (not dropped for being repeated).
func (r *Register) kept(id string) bool { _, ok := r.lookup(id); return ok }

// targetList is the register's valid targets in the file's order.
func (r *Register) targetList() ([]domain.Target, error) {
	idx, err := r.allTargets()
	if err != nil {
		return nil, err
	}
	keys := make([]targetKey, 0, len(idx))
	for k := range idx {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b targetKey) int { return idx[a].line - idx[b].line })
	table := codes.Load()
	out := make([]domain.Target, 0, len(keys))
	for _, k := range keys {
		out = append(out, domain.Target{ProjectID: r.facts[k.project].id, Indicator: table.list[k.code], Value: idx[k].value})
	}
	return out, nil
}

// appendProject encodes a project row in full, for the snapshot.
func appendProject(b []byte, p *domain.Project) []byte {
	for _, s := range [...]string{p.ID, p.Title, p.Beneficiary, string(p.BeneficiaryType), p.Action, string(p.Status),
		p.Interventions[0], p.Interventions[1], p.Interventions[2]} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, v := range [...]int64{int64(p.Start), int64(p.End), int64(p.SelectedOn), int64(p.EligibleCost), int64(p.EUContribution), int64(p.PrivateContribution)} {
		b = binary.AppendVarint(b, v)
	}
	return b
}

func readProject(b []byte) domain.Project {
	var p domain.Project
	var ben, status string
	for _, s := range [...]*string{&p.ID, &p.Title, &p.Beneficiary, &ben, &p.Action, &status,
		&p.Interventions[0], &p.Interventions[1], &p.Interventions[2]} {
		n, k := binary.Uvarint(b)
		*s = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	p.BeneficiaryType, p.Status = domain.BeneficiaryType(ben), domain.ProjectStatus(status)
	var v [6]int64
	for i := range v {
		x, k := binary.Varint(b)
		v[i] = x
		b = b[k:]
	}
	p.Start, p.End, p.SelectedOn = domain.Date(v[0]), domain.Date(v[1]), domain.Date(v[2])
	p.EligibleCost, p.EUContribution, p.PrivateContribution = domain.Cents(v[3]), domain.Cents(v[4]), domain.Cents(v[5])
	return p
}

// targetKey is a target's project (its index in Register.facts) and indicator (interned):
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
