package charts

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// RunInfo is what the site says about the run that produced it.
type RunInfo struct {
	// ID is the warehouse run whose data the figures reflect; AsOf when they were computed.
	ID   string
	AsOf time.Time
	// NewData says that the runs the report covers brought data into the warehouse; false after
	// a night with nothing new, when the overview says since when nothing has arrived.
	NewData bool
	// Files and reports taken in by this run's ingest.
	FilesRead       int
	FilesAccepted   int
	FilesRejected   int
	ReportsAccepted int
	ReportsRejected int
}

// Input is everything the site shows.
type Input struct {
	Results   *metrics.Results
	Catalogue *catalogue.Catalogue
	Run       RunInfo
	// Findings are this run's ingest findings: errors (which rejected a report or file) and
	// warnings. The state of reporting as the warehouse holds it is in Results.Site.
	Findings []domain.Finding
	// Demo says the run read the embedded demo inbox: every page says its data are demo data.
	Demo bool
}

// Shared files of the site, beside the English pages.
const (
	echartsFile = "echarts.min.js"
	scriptFile  = "site.js"
	styleFile   = "site.css"
)

// WriteSite renders the site into dir, which must not exist yet or be empty: index.html and the
// other pages in English, the same pages under sv/ and fi/, and the shared files beside them.
// It writes each page as it is rendered, without syncing: dir is part of a generation being
// built, which the pipeline syncs and publishes whole, so a reader sees the previous site or the
// new one, never a half-written one (and a folder left by a killed run is never published).
func WriteSite(dir string, in Input) error {
	const op errs.Op = "charts.WriteSite"
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return errs.E(op, errs.Path(dir), errs.Internal, "the report is written into a new, empty folder; this one holds files")
	}
	for _, l := range langs {
		if err := os.MkdirAll(filepath.Join(dir, l.Dir), 0o755); err != nil {
			return errs.E(op, errs.Path(dir), errs.IO, err)
		}
	}
	write := func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644)
	}
	for name, data := range map[string][]byte{echartsFile: []byte(echartsJS), scriptFile: []byte(siteJS), styleFile: []byte(siteCSS)} {
		if err := write(name, data); err != nil {
			return errs.E(op, errs.Path(dir), errs.IO, err)
		}
	}
	if err := renderTo(in, write); err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	return nil
}

// render builds every page of every language, and the shared script and style, into memory (for
// the tests); the echarts library is left out (tests put a stand-in there).
func render(in Input) (map[string][]byte, error) {
	files := map[string][]byte{scriptFile: []byte(siteJS), styleFile: []byte(siteCSS)}
	var mu sync.Mutex
	err := renderTo(in, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[name] = data
		return nil
	})
	return files, err
}

// renderTo builds every page of every language and hands each to put as soon as it is rendered.
// The languages render at once, sharing the builder's indexes (read-only by then); put is called
// from several goroutines.
func renderTo(in Input, put func(name string, data []byte) error) error {
	b := newBuilder(in)
	errs := make([]error, len(langs))
	var wg sync.WaitGroup
	for i, l := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = b.renderLang(l, put)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// renderLang builds every page of one language, one after the other, and hands each to put.
func (b *builder) renderLang(l *lang, put func(name string, data []byte) error) error {
	tmpl, err := parseTemplates(l)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	for _, p := range b.pages(l) {
		out.Reset()
		if err := tmpl.ExecuteTemplate(&out, p.template, p.data()); err != nil {
			return fmt.Errorf("%s: %w", pagePath(l, p.file), err)
		}
		if err := put(pagePath(l, p.file), bytes.Clone(out.Bytes())); err != nil {
			return err
		}
	}
	return nil
}

// pagePath is where a page of a language lives in the site.
func pagePath(l *lang, file string) string {
	if l.Dir == "" {
		return file
	}
	return l.Dir + "/" + file
}

// pageOut is one page to render: its file name in its language's folder, the template of its
// kind and its view model.
type pageOut struct {
	file, template string
	// data builds the page's view model when the page is rendered, so that one page's model is
	// held at a time.
	data func() any
}

// builder holds the input and the indexes every page kind reads.
type builder struct {
	in      Input
	res     *metrics.Results
	site    *metrics.Site
	cat     *catalogue.Catalogue
	cutoffs []domain.Cutoff // requested, oldest first
	latest  domain.Cutoff
	// projectFiles names the page of each project that has one.
	projectFiles map[string]string
	sos          []domain.SO
	indicators   []string // every indicator with figures, in Annex order
	// The figures indexed by cut-off once, for the pages of every language: the rows of Table 1
	// and the programme in Table 1's order, and Table 2's rows by SO, dimension and code.
	finance        map[domain.Cutoff][]metrics.FinanceProgress
	byIntervention map[domain.Cutoff][]metrics.InterventionValue
	// breakdowns are each indicator's breakdowns at every cut-off, progress its progress
	// (oldest cut-off first), members and memberCounts the projects behind it at the latest.
	breakdowns   map[string][]metrics.IndicatorBreakdown
	progress     map[string][]metrics.IndicatorProgress
	members      map[string][]metrics.IndicatorMember
	memberCounts map[string]int64
	// This run's findings the data-quality page lists (capped), and how many there are.
	runErrors, runWarnings           []domain.Finding
	runErrorsTotal, runWarningsTotal int
}

func newBuilder(in Input) *builder {
	b := &builder{in: in, res: in.Results, cat: in.Catalogue, projectFiles: map[string]string{}}
	if b.res == nil {
		b.res = &metrics.Results{}
	}
	b.site = b.res.Site
	if b.site == nil {
		b.site = &metrics.Site{}
	}
	b.cutoffs = slices.Clone(b.res.Cutoffs)
	slices.SortFunc(b.cutoffs, func(a, c domain.Cutoff) int { return cmp.Compare(a.Date, c.Date) })
	b.cutoffs = slices.Compact(b.cutoffs)
	if n := len(b.cutoffs); n > 0 {
		b.latest = b.cutoffs[n-1]
	}
	for _, p := range b.site.Projects {
		b.projectFiles[p.ID] = projectFile(p.ID)
	}
	seenSO := map[domain.SO]bool{}
	seenInd := map[string]bool{}
	for _, v := range b.res.Indicators {
		if !seenInd[v.Indicator] {
			seenInd[v.Indicator] = true
			b.indicators = append(b.indicators, v.Indicator)
		}
		seenSO[v.SO] = true
	}
	if b.cat != nil {
		for _, s := range b.cat.SOs {
			seenSO[s.SO] = true
		}
	}
	for so := range seenSO {
		b.sos = append(b.sos, so)
	}
	slices.Sort(b.sos)
	slices.SortFunc(b.indicators, metrics.CompareIndicatorCodes)
	b.finance = map[domain.Cutoff][]metrics.FinanceProgress{}
	for _, f := range b.site.Finance {
		b.finance[f.Cutoff] = append(b.finance[f.Cutoff], f)
	}
	byCode := slices.Clone(b.res.ByIntervention)
	metrics.SortInterventions(byCode)
	b.byIntervention = map[domain.Cutoff][]metrics.InterventionValue{}
	for _, v := range byCode {
		b.byIntervention[v.Cutoff] = append(b.byIntervention[v.Cutoff], v)
	}
	b.breakdowns = map[string][]metrics.IndicatorBreakdown{}
	for _, v := range b.res.Breakdowns {
		b.breakdowns[v.Indicator] = append(b.breakdowns[v.Indicator], v)
	}
	b.progress = map[string][]metrics.IndicatorProgress{}
	for _, p := range b.site.Progress {
		b.progress[p.Indicator] = append(b.progress[p.Indicator], p)
	}
	b.members, b.memberCounts = map[string][]metrics.IndicatorMember{}, map[string]int64{}
	for _, m := range b.site.IndicatorRows {
		b.members[m.Indicator] = append(b.members[m.Indicator], m)
	}
	for _, c := range b.site.IndicatorCounts {
		b.memberCounts[c.Indicator] = c.Projects
	}
	b.indexRunFindings()
	return b
}

// planNote is the catalogue's statement about its financial plan while the plan holds derived
// or assumed values, for the pages that show an allocation or a share of it.
func (b *builder) planNote() string {
	if b.res.PlanDerived {
		return b.res.PlanNote
	}
	return ""
}

// codesNote is the catalogue's statement about its Annex VI codes while any code the figures
// use is unverified, for the pages that show them.
func (b *builder) codesNote() string {
	for _, v := range b.res.ByIntervention {
		if ic, ok := b.interventionCode(v.Dimension, v.Code); ok && ic.Status == catalogue.CodeUnverified {
			return b.cat.CodesNote
		}
	}
	return ""
}

// projectFile names a project's page after its id; an id with characters that do not belong in
// a file name keeps the safe ones and gets a hash of the whole id, so two ids never share a page.
func projectFile(id string) string {
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, id)
	if safe != id || strings.HasPrefix(safe, ".") || len(safe) > 80 {
		sum := sha256.Sum256([]byte(id))
		safe = strings.TrimLeft(safe, ".")
		if len(safe) > 60 {
			safe = safe[:60]
		}
		safe += "-" + hex.EncodeToString(sum[:4])
	}
	return "project-" + safe + ".html"
}

// indicatorFile and soFile name the pages of an indicator and an SO.
func indicatorFile(code string) string {
	return "indicator-" + strings.ReplaceAll(code, "/", "_") + ".html"
}
func soFile(so domain.SO) string { return fmt.Sprintf("so-%d.html", so) }

// pages lists every page of one language.
func (b *builder) pages(l *lang) []pageOut {
	out := []pageOut{
		{"index.html", "overview", func() any { return b.overview(l) }},
		{"finances.html", "finances", func() any { return b.finances(l) }},
		{"quality.html", "quality", func() any { return b.quality(l) }},
		{"transmissions.html", "transmissions", func() any { return b.transmissions(l) }},
		{"lineage.html", "lineage", func() any { return b.lineage(l) }},
		{"projects.html", "projects", func() any { return b.projectList(l) }},
	}
	for _, so := range b.sos {
		out = append(out, pageOut{soFile(so), "so", func() any { return b.soPage(l, so) }})
	}
	for _, code := range b.indicators {
		out = append(out, pageOut{indicatorFile(code), "indicator", func() any { return b.indicatorPage(l, code) }})
	}
	for _, p := range b.site.Projects {
		out = append(out, pageOut{b.projectFiles[p.ID], "project", func() any { return b.projectPage(l, p) }})
	}
	return out
}

// chrome is what every page has around its content: language, navigation, the language
// switch, the honest labels, the cut-off selector and the page's chart options.
type chrome struct {
	Lang  string
	Up    string // the way to the site root, where the shared files are
	Title string
	// Heading is the page's h1; Nav the site's sections, Switch this page in each language.
	Heading string
	Nav     []link
	Switch  []link
	// Demo, FirstRun, Illustrative, Plan, Codes and Deadlines are the labels the page must carry:
	// Illustrative is the catalogue's note on pages that show milestones or targets while they are
	// illustrative, Plan its note on pages that show an allocation or a share of it while the
	// financial plan is derived, Codes its note on pages that show unverified Annex VI codes.
	Demo         bool
	FirstRun     bool
	Illustrative string
	Plan         string
	Codes        string
	// Deadlines is the catalogue's note on its reporting deadlines while they are assumed, on
	// the page that judges reports missing or late by them.
	Deadlines string
	DataAsOf  string
	RunID     string
	// Cutoffs fill the selector of pages whose content depends on the cut-off.
	Cutoffs []choice
	Charts  template.JS
	// Figures is the number of charts, for site.js to know when every chart is drawn.
	Figures int
}

type link struct {
	Href, Label string
	Current     bool
	Lang        string
}

type choice struct {
	Value, Label string
	Selected     bool
}

// cutSection is the part of a page that shows one cut-off; only the latest is shown until the
// reader picks another.
type cutSection struct {
	Date, Label string
	Hidden      bool
}

// navSections are the site's sections in the order of the navigation.
var navSections = []struct{ file, key string }{
	{"index.html", "nav_overview"}, {"finances.html", "nav_finances"}, {"quality.html", "nav_quality"},
	{"projects.html", "nav_projects"}, {"transmissions.html", "nav_transmissions"}, {"lineage.html", "nav_lineage"},
}

// chrome builds the frame of a page of language l, once its charts are built.
func (b *builder) chrome(l *lang, file, heading string, section string, perCutoff, showsGoals bool, charts *chartSet) *chrome {
	c := &chrome{Lang: l.Code, Up: l.Up, Heading: heading, Demo: b.in.Demo, FirstRun: b.res.PreviousRun == "" && b.in.Results != nil,
		RunID: b.in.Run.ID}
	c.Title = heading + " – " + l.t("site_title")
	if !b.res.AsOf.IsZero() {
		c.DataAsOf = l.dates.instant(b.res.AsOf)
	} else if !b.in.Run.AsOf.IsZero() {
		c.DataAsOf = l.dates.instant(b.in.Run.AsOf)
	}
	if showsGoals && b.res.GoalsIllustrative {
		c.Illustrative = b.res.GoalsNote
	}
	for _, s := range navSections {
		c.Nav = append(c.Nav, link{Href: s.file, Label: l.t(s.key), Current: s.file == section})
	}
	for _, o := range langs {
		href := l.Up + o.Dir
		if o.Dir != "" {
			href += "/"
		}
		c.Switch = append(c.Switch, link{Href: href + file, Label: o.Name, Current: o == l, Lang: o.Code})
	}
	if perCutoff {
		for i := len(b.cutoffs) - 1; i >= 0; i-- {
			cu := b.cutoffs[i]
			c.Cutoffs = append(c.Cutoffs, choice{Value: cu.String(), Label: l.dates.date(cu.Date), Selected: cu == b.latest})
		}
	}
	if charts != nil {
		c.Charts, c.Figures = charts.optionsJS(), len(charts.figures)
	}
	return c
}

// newestFirst lists the requested cut-offs, newest first, as the pages show them.
func (b *builder) newestFirst() []domain.Cutoff {
	out := slices.Clone(b.cutoffs)
	slices.Reverse(out)
	return out
}

// section is the part of a page for cut-off c: shown for the latest, hidden for the others
// until the reader picks one.
func (b *builder) section(l *lang, c domain.Cutoff) cutSection {
	return cutSection{Date: c.String(), Label: l.dates.date(c.Date), Hidden: c != b.latest}
}

// projectLink is the page of a project, "" when it has none.
func (b *builder) projectLink(id string) string { return b.projectFiles[id] }
