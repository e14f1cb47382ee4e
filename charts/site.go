package charts

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/atomicfile"
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

// WriteSite renders the site into dir: index.html and the other pages in English, the same
// pages under sv/ and fi/, and the shared files beside them. The folder is written whole under
// a temporary name and swapped in, so a reader sees the previous site or the new one.
func WriteSite(dir string, in Input) error {
	const op errs.Op = "charts.WriteSite"
	files, err := render(in)
	if err != nil {
		return errs.E(op, errs.Path(dir), errs.Internal, err)
	}
	files[echartsFile] = []byte(echartsJS)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return errs.E(op, errs.Path(tmp), errs.IO, err)
	}
	if err := writeFiles(tmp, files); err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	if err := atomicfile.ReplaceDir(tmp, dir); err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	return nil
}

// writeFiles writes the site's files into the folder dir, which nobody reads until it is swapped
// in: each file is written and synced (so that the swapped-in site survives a power cut), several
// at a time, as syncing one file after another would dominate the time of a site of hundreds of
// pages.
func writeFiles(dir string, files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, filepath.FromSlash(name))), 0o755); err != nil {
			return err
		}
	}
	work := make(chan string)
	errc := make(chan error, len(names))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				errc <- atomicfile.WriteBytes(filepath.Join(dir, filepath.FromSlash(name)), files[name])
			}
		}()
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// render builds every page of every language, and the shared script and style; the echarts
// library is left to the caller (tests put a stand-in there). The languages render at once.
func render(in Input) (map[string][]byte, error) {
	b := newBuilder(in)
	type result struct {
		files map[string][]byte
		err   error
	}
	results := make([]result, len(langs))
	var wg sync.WaitGroup
	for i, l := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].files, results[i].err = b.renderLang(l)
		}()
	}
	wg.Wait()
	files := map[string][]byte{scriptFile: []byte(siteJS), styleFile: []byte(siteCSS)}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		maps.Copy(files, r.files)
	}
	return files, nil
}

// renderLang builds every page of one language. The builder's indexes are read-only by then.
func (b *builder) renderLang(l *lang) (map[string][]byte, error) {
	tmpl, err := parseTemplates(l)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range b.pages(l) {
		var out bytes.Buffer
		if err := tmpl.ExecuteTemplate(&out, p.template, p.data); err != nil {
			return nil, fmt.Errorf("%s: %w", pagePath(l, p.file), err)
		}
		files[pagePath(l, p.file)] = out.Bytes()
	}
	return files, nil
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
	data           any
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
		{"index.html", "overview", b.overview(l)},
		{"finances.html", "finances", b.finances(l)},
		{"quality.html", "quality", b.quality(l)},
		{"transmissions.html", "transmissions", b.transmissions(l)},
		{"lineage.html", "lineage", b.lineage(l)},
		{"projects.html", "projects", b.projectList(l)},
	}
	for _, so := range b.sos {
		out = append(out, pageOut{soFile(so), "so", b.soPage(l, so)})
	}
	for _, code := range b.indicators {
		out = append(out, pageOut{indicatorFile(code), "indicator", b.indicatorPage(l, code)})
	}
	for _, p := range b.site.Projects {
		out = append(out, pageOut{b.projectFiles[p.ID], "project", b.projectPage(l, p)})
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
