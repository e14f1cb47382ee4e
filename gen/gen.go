package gen

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
)

// Options sets the size and mix of a generated inbox.
type Options struct {
	Programmes int   // programmes (member states × funds); each gets its own project ids
	Projects   int   // projects per programme
	Years      int   // years of reporting from FirstYear on
	Seed       int64 // same seed, same inbox, byte for byte
	Out        string
	FirstYear  int // default 2022

	// Shares of reports, each between 0 and 1.
	InvalidShare    float64 // reports with one bad row (they must be rejected whole)
	CorrectionShare float64 // reports sent again later with changed values
	DuplicateShare  float64 // files delivered twice under another name

	// FormatWeights picks the format of each report file: csv, xlsx, json, jsonl.
	FormatWeights map[string]int
	// ReportsPerFile groups reports into files (default 500); XLSX files hold at most 200.
	ReportsPerFile int
	// KeepTruth makes Generate also return what it wrote as domain values (for tests that
	// compare the pipeline with an independent computation); keep it off at scale.
	KeepTruth bool
	// Replace lets Generate write into a folder that is not empty: the inbox files there
	// (projects.csv, project_targets.csv, reports/) are deleted first, so that synthetic reports
	// never mix with what was there. Without it such a folder is refused with ErrNotEmpty.
	Replace bool
}

// ErrNotEmpty is the cause of the error Generate returns for a folder that is not empty.
var ErrNotEmpty = errors.New("the folder is not empty")

// The files of an inbox, as the spec names them.
const (
	projectsFile = "projects.csv"
	targetsFile  = "project_targets.csv"
	reportsDir   = "reports"
)

// Truth is a generated inbox as domain values: the register, the targets and every valid report
// version written (corrections included, invalid reports left out).
type Truth struct {
	Projects []domain.Project
	Targets  []domain.Target
	Reports  []domain.Report
}

// Stats says what was generated.
type Stats struct {
	Projects, Reports, Rows, Files, Invalid, Corrections, Duplicates int
	RowsByFormat                                                     map[string]int
}

// DefaultFormatWeights mixes the formats roughly as beneficiaries send them.
var DefaultFormatWeights = map[string]int{"csv": 6, "xlsx": 2, "json": 1, "jsonl": 1}

var beneficiaryTypes = []string{"state_authority", "municipality", "ngo", "university", "other"}

type project struct {
	id, action, btype string
	start, end        domain.Date
	selectedOn        domain.Date // 0: the register leaves selected_on empty (= start)
	indicators        []string
	targets           map[string]int64
}

type report struct {
	key       domain.ReportKey
	submitted time.Time
	items     []item
}

type item struct {
	name  string
	value string
}

// Generate writes the inbox to o.Out, which must not exist or be empty (see Options.Replace),
// and returns its size.
func Generate(cat *catalogue.Catalogue, o Options) (Stats, error) {
	st, _, err := GenerateWithTruth(cat, o)
	return st, err
}

// GenerateWithTruth is Generate that also returns the inbox as domain values when o.KeepTruth
// is set.
func GenerateWithTruth(cat *catalogue.Catalogue, o Options) (Stats, *Truth, error) {
	if o.FirstYear == 0 {
		o.FirstYear = 2022
	}
	if o.ReportsPerFile <= 0 {
		o.ReportsPerFile = 500
	}
	if o.FormatWeights == nil {
		o.FormatWeights = DefaultFormatWeights
	}
	if o.Programmes <= 0 || o.Projects <= 0 || o.Years <= 0 {
		return Stats{}, nil, errs.E(errs.Op("gen.Generate"), errs.Path(o.Out), errs.Config, "programmes, projects and years must be positive")
	}
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x6d697474617269))
	g := &generator{cat: cat, o: o, rng: rng, stats: Stats{RowsByFormat: map[string]int{}}}
	if o.KeepTruth {
		g.truth = &Truth{}
	}
	g.actions = g.reportableActions()
	if len(g.actions) == 0 {
		return Stats{}, nil, errs.E(errs.Op("gen.Generate"), errs.Path(o.Out), errs.Config, "the catalogue has no action with indicators")
	}
	if err := prepareOut(o.Out, o.Replace); err != nil {
		return Stats{}, nil, err
	}
	if err := os.MkdirAll(filepath.Join(o.Out, reportsDir), 0o755); err != nil {
		return Stats{}, nil, errs.E(errs.Op("gen.Generate"), errs.Path(o.Out), errs.IO, err)
	}
	projects := g.projects()
	if err := g.writeRegister(projects); err != nil {
		return g.stats, nil, err
	}
	if err := g.writeReports(projects); err != nil {
		return g.stats, nil, err
	}
	return g.stats, g.truth, nil
}

// prepareOut refuses a folder that is not empty — writing there would overwrite a register and
// mix synthetic reports into real ones — unless replace is set, and then deletes the inbox
// files it holds.
func prepareOut(dir string, replace bool) error {
	const op errs.Op = "gen.prepareOut"
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errs.E(op, errs.Path(dir), errs.Usage, "cannot be read as a folder", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if !replace {
		var inbox []string
		for _, e := range entries {
			switch e.Name() {
			case projectsFile, targetsFile, reportsDir:
				inbox = append(inbox, e.Name())
			}
		}
		what := fmt.Sprintf("it holds %d entries, such as %s", len(entries), entries[0].Name())
		if len(inbox) > 0 {
			what = "it already holds an inbox (" + strings.Join(inbox, ", ") + "), whose register would be overwritten and whose reports would be mixed with synthetic ones"
		}
		return errs.E(op, errs.Path(dir), errs.Usage, fmt.Errorf("%w: %s", ErrNotEmpty, what))
	}
	for _, name := range []string{projectsFile, targetsFile, reportsDir} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return errs.E(op, errs.Path(filepath.Join(dir, name)), errs.IO, err)
		}
	}
	return nil
}

type generator struct {
	cat     *catalogue.Catalogue
	o       Options
	rng     *rand.Rand
	actions []catalogue.Action
	stats   Stats
	fileNo  int
	truth   *Truth
}

func (g *generator) reportableActions() []catalogue.Action {
	var out []catalogue.Action
	for _, a := range g.cat.Actions {
		if len(a.Indicators) > 0 {
			out = append(out, a)
		}
	}
	return out
}

func (g *generator) projects() []project {
	var ps []project
	first := domain.NewDate(g.o.FirstYear, time.January, 1)
	for p := 0; p < g.o.Programmes; p++ {
		for i := 0; i < g.o.Projects; i++ {
			a := g.actions[g.rng.IntN(len(g.actions))]
			startYear := g.o.FirstYear + g.rng.IntN(max(1, g.o.Years/2))
			start := domain.NewDate(startYear, time.Month(1+6*g.rng.IntN(2)), 1)
			if start < first {
				start = first
			}
			years := 2 + g.rng.IntN(max(1, g.o.Years))
			end := domain.NewDate(start.Time().Year()+years, start.Time().Month(), 1) - 1
			pr := project{
				id:         fmt.Sprintf("P%03d-%s-%05d", p, a.Code, i),
				action:     a.Code,
				btype:      beneficiaryTypes[g.rng.IntN(len(beneficiaryTypes))],
				start:      start,
				end:        end,
				indicators: a.Indicators,
				targets:    map[string]int64{},
			}
			// One project in five reports an indicator of another specific objective too, as
			// the implementation plan allows; one in seven was selected months after it started.
			if other := g.otherSOIndicator(a); other != "" && g.rng.IntN(5) == 0 {
				pr.indicators = append(append([]string(nil), a.Indicators...), other)
			}
			if g.rng.IntN(7) == 0 {
				pr.selectedOn = start + domain.Date(60+g.rng.IntN(300))
			}
			for _, ind := range pr.indicators {
				pr.targets[ind] = int64(50 + g.rng.IntN(2000))
			}
			ps = append(ps, pr)
		}
	}
	g.stats.Projects = len(ps)
	return ps
}

// otherSOIndicator is a top-level output indicator of a specific objective other than the
// action's, or "" if the catalogue has none.
func (g *generator) otherSOIndicator(a catalogue.Action) string {
	var cands []string
	for _, ind := range g.cat.Indicators {
		if ind.SO != a.SO && ind.Parent == "" && ind.Kind == domain.KindOutput {
			cands = append(cands, ind.Code)
		}
	}
	if len(cands) == 0 {
		return ""
	}
	return cands[g.rng.IntN(len(cands))]
}

func (g *generator) writeRegister(ps []project) error {
	path := filepath.Join(g.o.Out, projectsFile)
	err := writeCSV(path, func(w *csv.Writer) error {
		w.Write([]string{"project_id", "title", "beneficiary", "beneficiary_type", "action", "start_date", "end_date",
			"eligible_cost_eur", "eu_contribution_eur", "status", "selected_on"})
		for i, p := range ps {
			a, _ := g.cat.Action(p.action)
			eligible := domain.Cents(g.rng.Int64N(500_000_00) + 50_000_00)
			eu := eligible * domain.Cents(a.CofinancingPct) / 100
			status := "ongoing"
			if i%97 == 96 {
				status = "cancelled"
			}
			selected, selectedText := p.start, ""
			if p.selectedOn != 0 {
				selected, selectedText = p.selectedOn, p.selectedOn.String()
			}
			w.Write([]string{p.id, "Generated project " + p.id, "Beneficiary " + strconv.Itoa(i%500), p.btype, p.action,
				p.start.String(), p.end.String(), eligible.String(), eu.String(), status, selectedText})
			if g.truth != nil {
				g.truth.Projects = append(g.truth.Projects, domain.Project{ID: p.id, Title: "Generated project " + p.id,
					Beneficiary: "Beneficiary " + strconv.Itoa(i%500), BeneficiaryType: domain.BeneficiaryType(p.btype),
					Action: p.action, Start: p.start, End: p.end, EligibleCost: eligible, EUContribution: eu,
					Status: domain.ProjectStatus(status), SelectedOn: selected})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeCSV(filepath.Join(g.o.Out, targetsFile), func(w *csv.Writer) error {
		w.Write([]string{"project_id", "indicator", "target"})
		for _, p := range ps {
			for _, ind := range p.indicators {
				w.Write([]string{p.id, ind, strconv.FormatInt(p.targets[ind], 10)})
				if g.truth != nil {
					g.truth.Targets = append(g.truth.Targets, domain.Target{ProjectID: p.id, Indicator: ind, Value: p.targets[ind]})
				}
			}
		}
		return nil
	})
}

// reportsOf builds a project's half-yearly reports, values consistent with the catalogue's rules
// (of-which under the parent, results under their outputs).
func (g *generator) reportsOf(p project) []report {
	var out []report
	last := domain.NewDate(g.o.FirstYear+g.o.Years, time.January, 1) - 1
	for s := p.start; s <= p.end && s <= last; {
		t := s.Time()
		e := domain.NewDate(t.Year(), t.Month()+6, 1) - 1
		if e > p.end {
			e = p.end
		}
		sub := e.Time().Add(time.Duration(20+g.rng.IntN(40)) * 24 * time.Hour).Add(9 * time.Hour).In(helsinki)
		r := report{key: domain.ReportKey{ProjectID: p.id, PeriodStart: s, PeriodEnd: e}, submitted: sub}
		vals := map[string]int64{}
		for _, ind := range p.indicators {
			vals[ind] = g.rng.Int64N(p.targets[ind]/4 + 1)
		}
		for _, rule := range g.cat.Rules {
			if l, ok := vals[rule.Lesser]; ok {
				if gv, ok := vals[rule.Greater]; ok && l > gv {
					vals[rule.Lesser] = gv
				}
			}
		}
		for _, ind := range p.indicators {
			r.items = append(r.items, item{ind, strconv.FormatInt(vals[ind], 10)})
		}
		r.items = append(r.items, item{domain.ExpenditureItem, domain.Cents(g.rng.Int64N(80_000_00)).String()})
		out = append(out, r)
		s = e + 1
	}
	return out
}

var helsinki = time.FixedZone("EET", 2*3600)

// keep records a valid report version in the truth.
func (g *generator) keep(r report) {
	if g.truth == nil {
		return
	}
	d := domain.Report{Key: r.key, SubmittedAt: r.submitted}
	for _, it := range r.items {
		if it.name == domain.ExpenditureItem {
			d.Items = append(d.Items, domain.ReportItem{Item: it.name, Amount: domain.MustEuros(it.value)})
			continue
		}
		v, _ := strconv.ParseInt(it.value, 10, 64)
		d.Items = append(d.Items, domain.ReportItem{Item: it.name, Value: v})
	}
	g.truth.Reports = append(g.truth.Reports, d)
}

func (g *generator) writeReports(ps []project) error {
	var batch []report
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := g.writeFile(batch)
		batch = batch[:0]
		return err
	}
	for _, p := range ps {
		for _, r := range g.reportsOf(p) {
			valid := true
			switch x := g.rng.Float64(); {
			case x < g.o.InvalidShare:
				r.items[0].value = "-1"
				g.stats.Invalid++
				valid = false
			case x < g.o.InvalidShare+g.o.CorrectionShare:
				c := report{key: r.key, submitted: r.submitted.Add(30 * 24 * time.Hour), items: append([]item(nil), r.items...)}
				c.items[len(c.items)-1].value = domain.Cents(g.rng.Int64N(80_000_00)).String()
				batch = append(batch, c)
				g.keep(c)
				g.stats.Corrections++
			}
			if valid {
				g.keep(r)
			}
			batch = append(batch, r)
			if len(batch) >= g.o.ReportsPerFile {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

func (g *generator) pickFormat() string {
	names := make([]string, 0, len(g.o.FormatWeights))
	total := 0
	for n, w := range g.o.FormatWeights {
		names = append(names, n)
		total += w
	}
	sort.Strings(names)
	x := g.rng.IntN(max(1, total))
	for _, n := range names {
		x -= g.o.FormatWeights[n]
		if x < 0 {
			return n
		}
	}
	return "csv"
}

func (g *generator) writeFile(reports []report) error {
	format := g.pickFormat()
	if format == "xlsx" && len(reports) > 200 {
		for len(reports) > 0 {
			n := min(200, len(reports))
			if err := g.writeFormat("xlsx", reports[:n]); err != nil {
				return err
			}
			reports = reports[n:]
		}
		return nil
	}
	return g.writeFormat(format, reports)
}

func (g *generator) writeFormat(format string, reports []report) error {
	g.fileNo++
	dir := filepath.Join(g.o.Out, reportsDir, fmt.Sprintf("batch-%04d", g.fileNo/100))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errs.E(errs.Op("gen.writeFile"), errs.Path(dir), errs.IO, err)
	}
	path := filepath.Join(dir, fmt.Sprintf("reports-%06d.%s", g.fileNo, format))
	var err error
	switch format {
	case "csv":
		err = writeCSV(path, func(w *csv.Writer) error { return writeReportsCSV(w, reports) })
	case "xlsx":
		err = writeXLSX(path, reports)
	case "json":
		err = writeJSON(path, reports, false)
	case "jsonl":
		err = writeJSON(path, reports, true)
	default:
		return errs.E(errs.Op("gen.writeFile"), errs.Path(format), errs.Config, "unknown format")
	}
	if err != nil {
		return err
	}
	rows := 0
	for _, r := range reports {
		rows += len(r.items)
	}
	g.stats.Files++
	g.stats.Reports += len(reports)
	g.stats.Rows += rows
	g.stats.RowsByFormat[format] += rows
	if g.rng.Float64() < g.o.DuplicateShare {
		b, err := os.ReadFile(path)
		if err != nil {
			return errs.E(errs.Op("gen.writeFile"), errs.Path(path), errs.IO, err)
		}
		dup := path[:len(path)-len(format)-1] + "-resent." + format
		if err := os.WriteFile(dup, b, 0o644); err != nil {
			return errs.E(errs.Op("gen.writeFile"), errs.Path(dup), errs.IO, err)
		}
		g.stats.Files++
		g.stats.Duplicates++
	}
	return nil
}

var reportHeader = []string{"project_id", "period_start", "period_end", "submitted_at", "item", "value"}

func writeReportsCSV(w *csv.Writer, reports []report) error {
	w.Write(reportHeader)
	for _, r := range reports {
		head := []string{r.key.ProjectID, r.key.PeriodStart.String(), r.key.PeriodEnd.String(), r.submitted.Format(time.RFC3339)}
		for _, it := range r.items {
			w.Write(append(head[:4:4], it.name, it.value))
		}
	}
	return nil
}

func writeCSV(path string, fill func(*csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return errs.E(errs.Op("gen.writeCSV"), errs.Path(path), errs.IO, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	if err := fill(w); err != nil {
		f.Close()
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return errs.E(errs.Op("gen.writeCSV"), errs.Path(path), errs.IO, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return errs.E(errs.Op("gen.writeCSV"), errs.Path(path), errs.IO, err)
	}
	return f.Close()
}

func writeXLSX(path string, reports []report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "report"); err != nil {
		return errs.E(errs.Op("gen.writeXLSX"), errs.Path(path), errs.Internal, err)
	}
	sw, err := f.NewStreamWriter("report")
	if err != nil {
		return errs.E(errs.Op("gen.writeXLSX"), errs.Path(path), errs.Internal, err)
	}
	row := 1
	hdr := make([]any, len(reportHeader))
	for i, h := range reportHeader {
		hdr[i] = h
	}
	sw.SetRow("A1", hdr)
	for _, r := range reports {
		for _, it := range r.items {
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			sw.SetRow(cell, []any{r.key.ProjectID, r.key.PeriodStart.String(), r.key.PeriodEnd.String(),
				r.submitted.Format(time.RFC3339), it.name, it.value})
		}
	}
	if err := sw.Flush(); err != nil {
		return errs.E(errs.Op("gen.writeXLSX"), errs.Path(path), errs.IO, err)
	}
	if err := f.SaveAs(path); err != nil {
		return errs.E(errs.Op("gen.writeXLSX"), errs.Path(path), errs.IO, err)
	}
	return nil
}

type jsonReport struct {
	ProjectID      string           `json:"project_id"`
	PeriodStart    string           `json:"period_start"`
	PeriodEnd      string           `json:"period_end"`
	SubmittedAt    string           `json:"submitted_at"`
	Indicators     map[string]int64 `json:"indicators"`
	ExpenditureEUR string           `json:"expenditure_eur,omitempty"`
}

func writeJSON(path string, reports []report, lines bool) error {
	f, err := os.Create(path)
	if err != nil {
		return errs.E(errs.Op("gen.writeJSON"), errs.Path(path), errs.IO, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	var w io.Writer = bw
	if !lines {
		io.WriteString(w, "[\n")
	}
	enc := json.NewEncoder(w)
	for i, r := range reports {
		jr := jsonReport{ProjectID: r.key.ProjectID, PeriodStart: r.key.PeriodStart.String(), PeriodEnd: r.key.PeriodEnd.String(),
			SubmittedAt: r.submitted.Format(time.RFC3339), Indicators: map[string]int64{}}
		for _, it := range r.items {
			if it.name == domain.ExpenditureItem {
				jr.ExpenditureEUR = it.value
				continue
			}
			v, _ := strconv.ParseInt(it.value, 10, 64)
			jr.Indicators[it.name] = v
		}
		if !lines && i > 0 {
			io.WriteString(w, ",")
		}
		if err := enc.Encode(jr); err != nil {
			f.Close()
			return errs.E(errs.Op("gen.writeJSON"), errs.Path(path), errs.IO, err)
		}
	}
	if !lines {
		io.WriteString(w, "]\n")
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return errs.E(errs.Op("gen.writeJSON"), errs.Path(path), errs.IO, err)
	}
	return f.Close()
}
