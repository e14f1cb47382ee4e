package charts

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/metrics"
)

var (
	hrefs     = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"`)
	ids       = regexp.MustCompile(`\sid="([^"]+)"`)
	scripts   = regexp.MustCompile(`(?i)<script[^>]*>`)
	chartJSON = regexp.MustCompile(`(?s)<script type="application/json" id="mittari-charts">(.*?)</script>`)
)

func pages(files map[string]string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	return out
}

// TestLinksResolve: every link and script of every page points at a file of the site (and an
// anchor of it, where it names one), nothing reaches out of it, and each language's switch
// leads to the same page in the three languages.
func TestLinksResolve(t *testing.T) {
	files := renderFiles(t, testInput(t))
	files[echartsFile] = "/* echarts */"
	anchors := map[string]map[string]bool{}
	for _, name := range pages(files) {
		anchors[name] = map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(files[name], -1) {
			anchors[name][m[1]] = true
		}
	}
	for _, name := range pages(files) {
		page := files[name]
		for _, m := range hrefs.FindAllStringSubmatch(page, -1) {
			ref := m[1]
			if strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") {
				t.Errorf("%s refers to %s outside the site", name, ref)
				continue
			}
			target, anchor, _ := strings.Cut(ref, "#")
			resolved := name
			if target != "" {
				resolved = path.Clean(path.Join(path.Dir(name), target))
			}
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s links to %s, which the site does not have", name, ref)
				continue
			}
			if anchor != "" && !strings.HasPrefix(anchor, "cutoff=") && !anchors[resolved][anchor] {
				t.Errorf("%s links to %s, which has no element %q", name, ref, anchor)
			}
		}
		base := strings.TrimPrefix(strings.TrimPrefix(name, "sv/"), "fi/")
		for _, l := range langs {
			want := path.Join(l.Dir, base)
			if !strings.Contains(page, `href="`+relative(name, want)+`" hreflang="`+l.Code+`"`) {
				t.Errorf("%s: no switch to %s (%s)", name, l.Name, want)
			}
		}
		for _, tag := range scripts.FindAllString(page, -1) {
			if tag != `<script type="application/json" id="mittari-charts">` && !strings.Contains(tag, ` src="`) {
				t.Errorf("%s has an inline script %s; the pages keep code in site.js", name, tag)
			}
		}
	}
}

// relative is the link from page from to page to, both paths in the site.
func relative(from, to string) string {
	up := strings.Repeat("../", strings.Count(from, "/"))
	return up + to
}

// TestHonestLabels: every page of a demo run says so, a first run says it is the first, and
// the pages that show the illustrative milestones and targets say so once.
func TestHonestLabels(t *testing.T) {
	in := testInput(t)
	files := renderFiles(t, in)
	for _, name := range pages(files) {
		page := files[name]
		if n := strings.Count(page, `class="label demo"`); n != 1 {
			t.Errorf("%s: %d demo labels, want 1", name, n)
		}
		if strings.Contains(page, `class="label first"`) {
			t.Errorf("%s: says first run although run %s came before", name, in.Results.PreviousRun)
		}
		showsGoals := strings.Contains(name, "so-") || strings.Contains(name, "indicator-") || path.Base(name) == "index.html"
		if n := strings.Count(page, `class="label illustrative"`); (n == 1) != showsGoals || n > 1 {
			t.Errorf("%s: %d illustrative labels (shows goals: %v)", name, n, showsGoals)
		}
		// The pages that show an allocation or a share of it say once that the plan is derived;
		// the one that shows Annex VI codes says they are unverified.
		showsPlan := path.Base(name) == "index.html" || path.Base(name) == "finances.html"
		if n := strings.Count(page, `class="label plan"`); (n == 1) != showsPlan || n > 1 {
			t.Errorf("%s: %d derived-plan labels (shows the plan: %v)", name, n, showsPlan)
		}
		showsCodes := path.Base(name) == "finances.html"
		if n := strings.Count(page, `class="label codes"`); (n == 1) != showsCodes || n > 1 {
			t.Errorf("%s: %d unverified-codes labels (shows codes: %v)", name, n, showsCodes)
		}
		// The page that judges reports late and missing by the assumed deadlines says so.
		showsDeadlines := path.Base(name) == "quality.html"
		if n := strings.Count(page, `class="label deadlines"`); (n == 1) != showsDeadlines || n > 1 {
			t.Errorf("%s: %d assumed-deadlines labels (judges by them: %v)", name, n, showsDeadlines)
		}
	}
	in.Demo = false
	in.Results.PreviousRun = ""
	in.Results.GoalsIllustrative = false
	in.Results.PlanDerived = false
	in.Results.ByIntervention = nil
	in.Catalogue.ReportingAssumed = false
	files = renderFiles(t, in)
	for _, name := range pages(files) {
		page := files[name]
		for _, label := range []string{"demo", "illustrative", "plan", "codes", "deadlines"} {
			if strings.Contains(page, `class="label `+label+`"`) {
				t.Errorf("%s: labelled %s although it is not", name, label)
			}
		}
		if !strings.Contains(page, `class="label first"`) {
			t.Errorf("%s: a first run does not say so", name)
		}
	}
}

// TestHostileTextStaysText: the project title, file names and messages that try to open markup
// or scripts reach every page as escaped text.
func TestHostileTextStaysText(t *testing.T) {
	files := renderFiles(t, testInput(t))
	escaped := `&lt;script&gt;window.__pwned=1&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;=HYPERLINK(&#34;http://x&#34;) שלום 🚀`
	for _, name := range pages(files) {
		page := files[name]
		for _, raw := range []string{"<img src=x", "<script>window", "<script>alert", "onerror=\"window"} {
			if strings.Contains(page, raw) {
				t.Errorf("%s: %q inserted raw", name, raw)
			}
		}
		base := path.Base(name)
		if (base == "project-AMIF-2024-001.html" || base == "projects.html") && !strings.Contains(page, escaped) {
			t.Errorf("%s: the title is not shown as text", name)
		}
	}
}

func TestContent(t *testing.T) {
	files := renderFiles(t, testInput(t))
	tests := []struct {
		page, want string
	}{
		// Money in each language's format, in M€ for headlines.
		{"index.html", "<span class=\"tile-value\">78.9\u00a0M€</span>"},
		{"fi/index.html", "<span class=\"tile-value\">78,9\u00a0M€</span>"},
		// Table 1 v2: the total allocation, the co-financing rate, technical assistance and the
		// programme, with the shares the mart gives.
		{"finances.html", `<tr class=" total"><th scope="row">Technical assistance</th><td>all</td><td class="num">0</td>`},
		{"finances.html", `<tr class="programme total"><th scope="row">Programme (SO 1–4 and TA)</th>`},
		{"finances.html", "<td class=\"num\">€9,812,444.44</td><td class=\"num\">75.0\u00a0%</td><td class=\"num\">15.3\u00a0%</td>"},
		{"index.html", "Union and national, SO 1–4 and technical assistance; Union 59.3\u00a0M€, co-financing rate 75.2\u00a0%"},
		// Table 2 with names in the page's language and the unverified codes flagged.
		{"finances.html", `<tr><th scope="row">001</th><td>Reception conditions <span class="flag">unverified code</span></td></tr>`},
		{"sv/finances.html", `<tr><th scope="row">001</th><td>Mottagningsförhållanden <span class="flag">overifierad kod</span></td></tr>`},
		{"fi/finances.html", `<tr><th scope="row">001</th><td>Reception conditions <span class="flag">tarkistamaton koodi</span></td></tr>`},
		{"finances.html", `<tr><th scope="row">002</th><td>Asylum procedures</td></tr>`},
		{"finances.html", `<td>None of the Annex VI implementation modalities (Mittari&#39;s own code) <span class="flag">Mittari&#39;s own code, not in Annex VI</span></td>`},
		{"finances.html", `<tr><th scope="row"><a href="#table2-codes">001</a> <span class="flag">unverified code</span></th><td class="num">3</td>`},
		// The breakdowns give the actions by code; the page names each once.
		{"indicator-O.1.1.html", `<tr><th scope="row">1A1</th><td>Asylum procedure</td></tr>`},
		{"indicator-O.1.1.html", `<tbody><tr><td>1A1</td><td class="num">4,200</td><td class="num">420</td></tr></tbody>`},
		// The forecast of payment applications.
		{"finances.html", "The latest forecast, due 31 Jul 2025, from the data at cut-off 30 Jun 2025:"},
		{"fi/finances.html", "<td>31.1.2025</td><td>31.12.2024</td><td>ET 1</td><td>2025</td><td class=\"num\">1\u00a0234\u00a0567,89\u00a0€</td>"},
		{"fi/finances.html", "1\u00a0500\u00a0000,00\u00a0€"},
		{"sv/finances.html", "5,4\u00a0%"},
		{"finances.html", "€1,500,000.00"},
		// Statuses in colour and in words.
		{"index.html", `<span class="status status-behind">behind</span>`},
		{"fi/index.html", `<span class="status status-at_risk">vaarassa</span>`},
		{"sv/so-2.html", `<span class="status status-behind">efter</span>`},
		// Names from the catalogue: Swedish, official Finnish, and English where there is none.
		{"sv/so-1.html", "<h1>SM 1 – Det gemensamma europeiska asylsystemet</h1>"},
		{"fi/so-1.html", "<h1>ET 1 – Euroopan yhteinen turvapaikkajärjestelmä</h1>"},
		{"fi/so-2.html", "<h1>ET 2 – Legal migration and integration &lt;b&gt;&amp;&lt;/b&gt;</h1>"},
		{"sv/indicator-O.1.1.html", "Antalet deltagare som fått stöd"},
		// An "of which" of the catalogue with no figures has no page: named, not linked.
		{"indicator-O.2.3.html", "<dt>Of which</dt><dd>O.2.3.1 of which participants in a language course</dd>"},
		{"indicator-O.1.1.html", `<dt>Of which</dt><dd><a href="indicator-O.1.1.1.html">`},
		// The next transmission, and honest "not yet" states.
		{"index.html", "<dd>202508</dd>"},
		{"index.html", "<dd>30 Sep 2025</dd>"},
		{"transmissions.html", `<td><span class="unavailable">not available yet</span></td><td><span class="unavailable">not recorded yet</span></td>`},
		{"fi/index.html", `<dd><span class="unavailable">ei vielä kirjattu</span></dd>`},
		// What changed comes from the warehouse's intake, not this run's counts.
		{"index.html", "The latest data arrived with run 20250905T020000Z on 5 Sep 2025 02:00 UTC: 3 report versions (2 new reports, 1 corrections) from 2 projects; 1 reports or files rejected."},
		{"index.html", `<p class="more">… and 2 more</p>`},
		{"index.html", "What the latest data changed: the figures compared with those of run 20250805T020000Z (data as of 5 Aug 2025 02:00 UTC), the last that readers saw before it."},
		// Capped lists say how many they leave out.
		{"quality.html", `<p class="more">… and 1 more</p>`},
		{"quality.html", `<p class="more">… and 2 more</p>`},
		{"quality.html", `<p class="more">3 more projects are not shown`},
		{"lineage.html", `<p class="more">… and 5 more</p>`},
		{"lineage.html", `<p class="more">… and 1 more</p>`},
		// Lineage: a figure of the lineage cut-off links to its rows, and those to the projects.
		{"so-1.html", `<a href="lineage.html#indicator-O.1.1-2025-08-31" title="the rows behind this figure">1,260</a>`},
		{"so-1.html", `<a href="lineage.html#indicator-O.1.1-2024-12-31" title="the rows behind this figure">420</a>`},
		{"lineage.html", `<article id="indicator-O.1.1-2025-08-31" class="lineage">`},
		{"lineage.html", `<a href="project-AMIF-2024-001.html">AMIF-2024-001</a>`},
		{"finances.html", `<a href="lineage.html#money-1-project-2025-08-31"`},
		{"finances.html", `<a href="lineage.html#money-1-project-2024-12-31"`},
		// Earlier cut-offs: the operations behind the money, and the breakdowns for indicators.
		{"lineage.html", `<article id="money-1-project-2024-12-31" class="lineage">`},
		{"lineage.html", `<tr id="indicator-O.1.1-2024-12-31"><th scope="row"><a href="indicator-O.1.1.html">O.1.1</a></th>`},
		{"lineage.html", `<a href="indicator-O.1.1.html#breakdowns-2024-12-31">By action</a>`},
		{"indicator-O.1.1.html", `<div id="breakdowns-2024-12-31">`},
		// A project's versions, whether each counts, and what it changed.
		{"project-AMIF-2024-001.html", `<td class="outcome-superseded">replaced by a later version (version cccc3333dddd)</td>`},
		{"fi/project-AMIF-2024-001.html", "<li>menot: – → 18\u00a0250,40\u00a0€</li>"},
		{"project-AMIF-2024-001.html", "<li>O.1.1.1: 3 → –</li>"},
		{"project-AMIF-2024-002.html", "<td>still to be corrected</td>"},
		// The quality page: the rejection with its errors, late and missing reports.
		{"quality.html", `reports/2025/&lt;script&gt;alert(1)&lt;/script&gt;.csv`},
		{"quality.html", `<td>value &#34;12,5&#34; is not a whole number</td>`},
		{"fi/quality.html", `"labels":["ajallaan","myöhässä","puuttuu","ei erääntynyt"]`},
		// The reporting deadlines of the catalogue, and each cut-off's counts and findings.
		{"quality.html", "<tr><td>Half-year January–June</td><td>60 days after the end of the half-year</td><td>test</td></tr>"},
		{"fi/quality.html", "<tr><td>Loppuraportti (puolivuotiskausi, jona hanke päättyy)</td><td>60 päivää hankkeen päättymisen jälkeen</td>"},
		{"quality.html", `<h3 id="consistency-2025-08-31">Consistency at programme level</h3>`},
		{"index.html", `<a class="tile attention" href="quality.html#consistency-2025-08-31">`},
		// Pages that show the current state only say why.
		{"quality.html", "This list is the warehouse&#39;s state now, not a figure of a cut-off"},
		{"sv/project-AMIF-2024-001.html", "Projektets värden anges bara vid det senaste brytdatumet"},
		// The calls of the implementation plan, from the catalogue.
		{"finances.html", `<tr class="total"><td>SO 1</td><td></td><td>total of the call</td><td class="num">€1,200,000.00</td></tr>`},
	}
	for _, tt := range tests {
		if !strings.Contains(files[tt.page], tt.want) {
			t.Errorf("%s lacks %q", tt.page, tt.want)
		}
	}
}

// TestEveryChartHasItsTable: each chart element has an option, a label for screen readers and a
// table of its figures, and element ids are unique on their page.
func TestEveryChartHasItsTable(t *testing.T) {
	files := renderFiles(t, testInput(t))
	charts := 0
	for _, name := range pages(files) {
		page := files[name]
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", name, m[1])
			}
			seen[m[1]] = true
		}
		elements := regexp.MustCompile(`<div class="chart" id="([^"]+)" style="height:\d+px" role="img" aria-label="[^"]+"></div>\s*<figcaption>[^<]*</figcaption>\s*<details class="chart-table">`).FindAllStringSubmatch(page, -1)
		if n := strings.Count(page, `class="chart"`); n != len(elements) {
			t.Errorf("%s: %d charts, %d of them with a label and a table", name, n, len(elements))
		}
		options := map[string]json.RawMessage{}
		if m := chartJSON.FindStringSubmatch(page); m != nil {
			if err := json.Unmarshal([]byte(m[1]), &options); err != nil {
				t.Errorf("%s: chart options are not JSON: %v", name, err)
			}
		}
		for _, e := range elements {
			if _, ok := options[e[1]]; !ok {
				t.Errorf("%s: chart %s has no option", name, e[1])
			}
		}
		if len(options) != len(elements) {
			t.Errorf("%s: %d options for %d charts", name, len(options), len(elements))
		}
		if len(elements) > 0 && !strings.Contains(page, `data-figures="`+itoa(len(elements))+`"`) {
			t.Errorf("%s: the body does not count its %d charts", name, len(elements))
		}
		charts += len(elements)
	}
	if charts < 40 {
		t.Errorf("only %d charts in the whole site", charts)
	}
}

// TestSeriesColoursDistinct: no two series of a chart that are different lines share a colour
// (a projection shares its indicator's colour and name, dashed).
func TestSeriesColoursDistinct(t *testing.T) {
	b := newBuilder(testInput(t))
	in := testInput(t)
	// An SO with more main indicators than most: twelve, each with a target.
	var main []string
	history := map[string][]metrics.IndicatorProgress{}
	for i := range 12 {
		code := "O.1." + itoa(i+1)
		main = append(main, code)
		history[code] = []metrics.IndicatorProgress{{Cutoff: in.Results.Cutoffs[0], Indicator: code, Main: true,
			AchievedOfTarget: pm(int64(10 * i)), ProjectedOfTarget: pm(int64(100 * i))}}
	}
	f := b.shareFigure(langs[0], 1, main, history)
	colours := map[string]string{}
	for _, s := range f.option.Series {
		c := s.LineStyle.Color
		if other, ok := colours[c]; ok && other != s.Name {
			t.Errorf("%s and %s share the colour %s", other, s.Name, c)
		}
		colours[c] = s.Name
	}
	if len(colours) != 12 {
		t.Errorf("%d colours for 12 indicators", len(colours))
	}
}

// TestCutoffSections: a page with content per cut-off shows the latest and hides the others,
// and its selector offers every cut-off with the latest chosen.
func TestCutoffSections(t *testing.T) {
	files := renderFiles(t, testInput(t))
	section := regexp.MustCompile(`<section class="cut" data-cutoff="([0-9-]+)"( hidden)?>`)
	for _, name := range []string{"index.html", "fi/so-1.html", "sv/indicator-O.1.1.html", "finances.html", "lineage.html", "quality.html"} {
		page := files[name]
		var shown, hidden []string
		for _, m := range section.FindAllStringSubmatch(page, -1) {
			if m[2] == "" {
				shown = append(shown, m[1])
			} else {
				hidden = append(hidden, m[1])
			}
		}
		if !slices.Equal(shown, []string{"2025-08-31"}) || !slices.Equal(hidden, []string{"2025-06-30", "2024-12-31"}) {
			t.Errorf("%s: shown %v, hidden %v", name, shown, hidden)
		}
		if !strings.Contains(page, `<option value="2025-08-31" selected>`) || !strings.Contains(page, `<option value="2024-12-31">`) {
			t.Errorf("%s: the selector does not offer every cut-off with the latest chosen", name)
		}
	}
}

func TestEmptyResults(t *testing.T) {
	files := renderFiles(t, Input{Run: RunInfo{ID: "r1"}})
	for _, name := range pages(files) {
		if strings.Contains(files[name], `id="mittari-charts"`) {
			t.Errorf("%s: an empty site has charts", name)
		}
	}
	for page, want := range map[string]string{"index.html": "No report has reached the warehouse yet.", "quality.html": "No rejected report is waiting",
		"transmissions.html": "No cut-off has been computed.", "projects.html": "The register holds no project."} {
		if !strings.Contains(files[page], want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
}

// TestWriteSite: the site goes into a new folder, every rendered page and the shared files with
// the echarts library beside the English pages; a folder that already holds anything is refused
// (the report is published through a new generation, never written over an old site).
func TestWriteSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "report")
	in := testInput(t)
	if err := WriteSite(dir, in); err != nil {
		t.Fatal(err)
	}
	lib, err := os.ReadFile(filepath.Join(dir, echartsFile))
	if err != nil || string(lib) != echartsJS || len(lib) < 500000 {
		t.Fatalf("the echarts library is not beside the pages (%d bytes, %v)", len(lib), err)
	}
	fi, err := os.ReadFile(filepath.Join(dir, "fi", "index.html"))
	if err != nil || !strings.Contains(string(fi), `<script src="../site.js">`) || !strings.Contains(string(fi), `href="../site.css"`) {
		t.Fatalf("the Finnish overview does not load the shared files from the folder above: %v", err)
	}
	written := snapshot(t, dir)
	want := renderFiles(t, in)
	want[echartsFile] = echartsJS
	if len(written) != len(want) {
		t.Errorf("%d files written, %d rendered", len(written), len(want))
	}
	for name, content := range want {
		if written[filepath.Join(dir, filepath.FromSlash(name))] != content {
			t.Errorf("%s written differs from %s rendered", filepath.Join(dir, name), name)
		}
	}
	if err := WriteSite(dir, in); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("writing over a site: %v; want it refused, naming the folder", err)
	}
	if err := WriteSite(t.TempDir(), in); err != nil {
		t.Errorf("an empty folder (a generation's staging folder) is refused: %v", err)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestQuietNight: after a night that brought nothing new, the overview says since when nothing
// has arrived and keeps the changes that the latest data made; compared with the newest data
// itself, it says plainly that nothing changed.
func TestQuietNight(t *testing.T) {
	in := testInput(t)
	in.Run.NewData = false
	files := renderFiles(t, in)
	for page, want := range map[string]string{
		"index.html":    "<p class=\"quiet\"><strong>No new data since 5 Sep 2025 02:00 UTC (run 20250905T020000Z)",
		"fi/index.html": "<p class=\"quiet\"><strong>Ei uusia tietoja 5.9.2025 02:00 UTC jälkeen (ajo 20250905T020000Z)",
	} {
		if !strings.Contains(files[page], want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
	if !strings.Contains(files["index.html"], "<td>O.1.1</td><td class=\"num\">840</td><td class=\"num\">1260</td>") {
		t.Error("a quiet night dropped the changes the latest data made")
	}
	if in.Run.NewData = true; strings.Contains(renderFiles(t, in)["index.html"], `class="quiet"`) {
		t.Error("a night that brought data says it brought none")
	}
	in.Run.NewData = false
	in.Results.PreviousRun, in.Results.Changes = in.Results.Site.Intake[0].RunID, nil
	if want := "No data has arrived since run 20250905T020000Z"; !strings.Contains(renderFiles(t, in)["index.html"], want) {
		t.Errorf("compared with the newest data itself, the overview does not say %q", want)
	}
}

// TestProjectsBeyondTheBound: when the register has more projects than get a page, the list
// says how many and where their figures are.
func TestProjectsBeyondTheBound(t *testing.T) {
	in := testInput(t)
	in.Results.Site.ProjectsTotal = 1502
	files := renderFiles(t, in)
	if want := "1,500 more projects have no page of their own: the site makes one for 2, first those the other pages link to"; !strings.Contains(files["projects.html"], want) {
		t.Errorf("projects.html lacks %q", want)
	}
	if want := "1\u00a0500 muulla hankkeella ei ole omaa sivua"; !strings.Contains(files["fi/projects.html"], want) {
		t.Errorf("fi/projects.html lacks %q", want)
	}
}

// TestRunFindingsCapped: this run's errors are listed in the order of their files and places, at
// most maxRunFindings, and the page says how many more the run record holds.
func TestRunFindingsCapped(t *testing.T) {
	in := testInput(t)
	in.Findings = nil
	for i := 250; i > 0; i-- {
		in.Findings = append(in.Findings, domain.Finding{Rule: "value.integer", Severity: domain.SeverityError,
			Report: "R", Place: domain.Place{File: fmt.Sprintf("reports/f%03d.csv", i), Line: 2}, Message: "not a whole number"})
	}
	in.Findings = append(in.Findings, domain.Finding{Rule: "report.older", Severity: domain.SeverityWarning,
		Place: domain.Place{File: "reports/a.csv", Line: 3}, Message: "older"})
	page := renderFiles(t, in)["quality.html"]
	first, last := strings.Index(page, "reports/f001.csv:2"), strings.Index(page, "reports/f200.csv:2")
	if first < 0 || last < first || strings.Contains(page, "reports/f201.csv") {
		t.Errorf("the errors listed are not the first %d by file (f001 at %d, f200 at %d)", maxRunFindings, first, last)
	}
	if !strings.Contains(page, "50 more in the run record runs/20250905T020000Z.json") {
		t.Error("the page does not say how many more errors the run record holds")
	}
	if !strings.Contains(page, "reports/a.csv:3") {
		t.Error("the warning is not listed")
	}
}
