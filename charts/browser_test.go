package charts

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The browser tests open the site in Debian's headless Chromium, driven through the DevTools
// protocol over a pipe: one browser for every page, which reaches no network and keeps no
// state, so that the tests prove the pages draw from the files beside them alone and see every
// console message and exception.

const chromium = "/usr/bin/chromium"

// browser is a headless Chromium with one tab, driven through --remote-debugging-pipe.
type browser struct {
	cmd     *exec.Cmd
	w       io.WriteCloser
	session string
	mu      sync.Mutex
	next    int
	pending map[int]chan message
	// problems are the console errors, exceptions and failed loads since the last navigation.
	problems []string
	loaded   chan struct{}
}

type message struct {
	ID        int             `json:"id"`
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	Result    json.RawMessage `json:"result"`
	Error     *struct{ Message string }
	SessionID string `json:"sessionId"`
}

func startBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium not installed; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	toBrowser, fromTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromBrowser, toTest, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	b := &browser{w: fromTest, pending: map[int]chan message{}, loaded: make(chan struct{}, 16)}
	b.cmd = exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--proxy-server=127.0.0.1:9", "--user-data-dir="+profile, "--remote-debugging-pipe", "--hide-scrollbars", "about:blank")
	// The child reads commands on fd 3 and writes answers on fd 4.
	b.cmd.ExtraFiles = []*os.File{toBrowser, toTest}
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	toBrowser.Close()
	toTest.Close()
	go b.read(fromBrowser)
	t.Cleanup(func() {
		b.w.Close()
		done := make(chan struct{})
		go func() { b.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill()
		}
	})
	var target struct{ TargetID string }
	b.call(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct{ SessionID string }
	b.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	for _, m := range []string{"Runtime.enable", "Log.enable", "Page.enable"} {
		b.call(t, b.session, m, map[string]any{}, nil)
	}
	return b
}

// read takes the browser's messages: answers go to their callers, console errors, exceptions
// and failed loads of the tab are kept as problems.
func (b *browser) read(r io.Reader) {
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m message
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if ch, ok := b.pending[m.ID]; ok && m.ID != 0 {
			delete(b.pending, m.ID)
			ch <- m
		} else if m.SessionID == b.session {
			switch m.Method {
			case "Runtime.exceptionThrown":
				b.problems = append(b.problems, "exception: "+string(m.Params))
			case "Runtime.consoleAPICalled":
				var p struct{ Type string }
				json.Unmarshal(m.Params, &p)
				if p.Type == "error" || p.Type == "assert" || p.Type == "warning" {
					b.problems = append(b.problems, "console "+p.Type+": "+string(m.Params))
				}
			case "Log.entryAdded":
				var p struct {
					Entry struct{ Level, Text, URL string }
				}
				json.Unmarshal(m.Params, &p)
				if p.Entry.Level == "error" || p.Entry.Level == "warning" {
					b.problems = append(b.problems, p.Entry.Level+": "+p.Entry.Text+" "+p.Entry.URL)
				}
			case "Page.loadEventFired":
				select {
				case b.loaded <- struct{}{}:
				default:
				}
			}
		}
		b.mu.Unlock()
	}
}

// call sends a command and waits for its answer (a hung browser fails the test after a while;
// the test asserts nothing about time).
func (b *browser) call(t *testing.T, session, method string, params any, result any) {
	t.Helper()
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan message, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	raw, _ := json.Marshal(msg)
	if _, err := b.w.Write(append(raw, 0)); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				t.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no answer from the browser", method)
	}
}

// eval runs a JavaScript expression in the tab and decodes its value.
func (b *browser) eval(t *testing.T, expr string, v any) {
	t.Helper()
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *json.RawMessage
	}
	b.call(t, b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("%s: %s", expr, *r.ExceptionDetails)
	}
	if v != nil {
		if err := json.Unmarshal(r.Result.Value, v); err != nil {
			t.Fatalf("%s: %v (%s)", expr, err, r.Result.Value)
		}
	}
}

func (b *browser) resize(t *testing.T, width int) {
	b.call(t, b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": 900,
		"deviceScaleFactor": 1, "mobile": false}, nil)
}

// open navigates to url and waits until site.js says every visible chart is drawn (or reports
// an error); it returns what the page logged on the way.
func (b *browser) open(t *testing.T, url string) []string {
	t.Helper()
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	for len(b.loaded) > 0 {
		<-b.loaded
	}
	b.call(t, b.session, "Page.navigate", map[string]any{"url": url}, nil)
	select {
	case <-b.loaded:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not load", url)
	}
	b.waitReady(t, url)
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

func (b *browser) waitReady(t *testing.T, what string) {
	t.Helper()
	for i := 0; ; i++ {
		var state struct{ Ready, Error string }
		b.eval(t, `({ready: document.documentElement.getAttribute("data-charts-ready") || "",
			error: document.documentElement.getAttribute("data-js-error") || ""})`, &state)
		if state.Error != "" {
			t.Fatalf("%s: %s", what, state.Error)
		}
		if state.Ready == "true" {
			return
		}
		if i == 600 {
			t.Fatalf("%s: the charts were not drawn", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pageState is what a page looks like once drawn.
type pageState struct {
	Lang         string
	Charts       int
	Drawn        int
	Visible      int
	ScrollWidth  int
	ViewWidth    int
	Pwned        bool
	InjectedImgs int
	Title        string
	Section      string
}

const pageStateJS = `(function () {
	var charts = document.querySelectorAll("div.chart"), visible = 0, drawn = 0;
	for (var i = 0; i < charts.length; i++) {
		var c = charts[i], shown = true;
		for (var n = c; n; n = n.parentElement) { if (n.hidden) { shown = false; } }
		if (shown) { visible++; if (c.querySelector("canvas") && c.querySelector("canvas").width > 0) { drawn++; } }
	}
	var s = document.querySelector("section.cut:not([hidden])");
	return {lang: document.documentElement.lang, charts: charts.length, visible: visible, drawn: drawn,
		scrollWidth: document.documentElement.scrollWidth, viewWidth: window.innerWidth,
		pwned: window.__pwned !== undefined, injectedImgs: document.querySelectorAll("img").length,
		title: document.title, section: s ? s.getAttribute("data-cutoff") : ""};
})()`

func (b *browser) state(t *testing.T) pageState {
	t.Helper()
	var s pageState
	b.eval(t, pageStateJS, &s)
	return s
}

// browserSite writes the small inbox's site with the real echarts library.
func browserSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "report")
	if err := WriteSite(dir, testInput(t)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageKinds are one page of every kind; each is opened in the three languages.
var pageKinds = []string{"index.html", "finances.html", "quality.html", "projects.html", "transmissions.html",
	"lineage.html", "so-1.html", "indicator-O.1.1.html", "project-AMIF-2024-001.html"}

// TestBrowserPages opens every kind of page in every language at 390 px wide (and the English
// ones again at 1024 px): no console error, exception or failed load, every visible chart drawn
// into a canvas, no sideways scrolling, and the hostile project title left as text.
func TestBrowserPages(t *testing.T) {
	b := startBrowser(t)
	dir := browserSite(t)
	check := func(url string, width int) {
		problems := b.open(t, url)
		for _, p := range problems {
			t.Errorf("%s at %d px: %s", url, width, p)
		}
		s := b.state(t)
		if s.Visible == 0 && s.Charts > 0 {
			t.Errorf("%s: none of %d charts is visible", url, s.Charts)
		}
		if s.Drawn != s.Visible {
			t.Errorf("%s: %d of %d visible charts drawn", url, s.Drawn, s.Visible)
		}
		if s.ScrollWidth > s.ViewWidth {
			t.Errorf("%s at %d px: the page is %d px wide and scrolls sideways", url, width, s.ScrollWidth)
		}
		if s.Pwned || s.InjectedImgs > 0 {
			t.Errorf("%s: a project title ran as markup (pwned %v, %d img elements)", url, s.Pwned, s.InjectedImgs)
		}
		if strings.HasPrefix(url, "file://"+dir+"/fi/") && s.Lang != "fi" || strings.HasPrefix(url, "file://"+dir+"/sv/") && s.Lang != "sv" {
			t.Errorf("%s: lang %q", url, s.Lang)
		}
	}
	charts := 0
	b.resize(t, 390)
	for _, l := range langs {
		for _, page := range pageKinds {
			url := "file://" + filepath.Join(dir, l.Dir, page)
			check(url, 390)
			charts += b.state(t).Drawn
		}
	}
	b.resize(t, 1024)
	for _, page := range pageKinds {
		check("file://"+filepath.Join(dir, page), 1024)
	}
	if charts < 20 {
		t.Errorf("only %d charts drawn over all the pages", charts)
	}
	// The title of the hostile project's page is the text of the title.
	b.open(t, "file://"+filepath.Join(dir, "project-AMIF-2024-001.html"))
	var text string
	b.eval(t, `document.querySelector("h1").textContent`, &text)
	if text != "AMIF-2024-001 – "+hostileTitle {
		t.Errorf("the page's heading reads %q", text)
	}
}

// TestBrowserSwitches: picking an earlier cut-off shows its section and draws its charts, and
// the language switch leads to the same page in Finnish at the same cut-off.
func TestBrowserSwitches(t *testing.T) {
	b := startBrowser(t)
	dir := browserSite(t)
	b.resize(t, 1024)
	if problems := b.open(t, "file://"+filepath.Join(dir, "finances.html")); len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if s := b.state(t); s.Section != "2025-08-31" {
		t.Fatalf("the latest cut-off is not the one shown: %q", s.Section)
	}
	b.eval(t, `(function () { var s = document.getElementById("cutoff"); s.value = "2024-12-31";
		s.dispatchEvent(new Event("change")); return true; })()`, nil)
	b.waitReady(t, "the cut-off switch")
	s := b.state(t)
	var inSection bool
	b.eval(t, `!!document.querySelector('section.cut[data-cutoff="2024-12-31"] div.chart canvas')`, &inSection)
	if s.Section != "2024-12-31" || s.Drawn != s.Visible || !inSection {
		t.Errorf("after picking 2024-12-31: section %q, %d of %d charts drawn, its own drawn: %v", s.Section, s.Drawn, s.Visible, inSection)
	}
	var href string
	b.eval(t, `document.querySelector('a.lang[hreflang="fi"]').href`, &href)
	if !strings.HasSuffix(href, "/fi/finances.html#cutoff=2024-12-31") {
		t.Errorf("the switch to Finnish leads to %s", href)
	}
	for len(b.loaded) > 0 {
		<-b.loaded
	}
	b.eval(t, `document.querySelector('a.lang[hreflang="fi"]').click(), true`, nil)
	select {
	case <-b.loaded:
	case <-time.After(60 * time.Second):
		t.Fatal("the Finnish page did not load")
	}
	b.waitReady(t, "the Finnish page")
	s = b.state(t)
	if s.Lang != "fi" || s.Section != "2024-12-31" || s.Drawn != s.Visible || !strings.Contains(s.Title, "AMIF 2021–2027 -ohjelman raportti") {
		t.Errorf("after switching to Finnish: lang %q, section %q, %d of %d charts, title %q", s.Lang, s.Section, s.Drawn, s.Visible, s.Title)
	}
	// The chart's numbers are Finnish: millions of euros with a decimal comma.
	var label string
	b.eval(t, `echarts.getInstanceByDom(document.querySelector('section.cut:not([hidden]) div.chart')).getOption().yAxis[0].axisLabel.formatter(1234567)`, &label)
	if label != "1,2\u00a0M€" {
		t.Errorf("a Finnish axis label reads %q", label)
	}
	// Printed (A4, about 720 px of text), the page drops its navigation and the cut-off selector,
	// prints only the chosen cut-off, and fits the width of the paper.
	b.call(t, b.session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	b.resize(t, 720)
	var printed struct {
		Nav, Picker string
		Sections    int
		Wide        bool
	}
	b.eval(t, `({nav: getComputedStyle(document.querySelector("nav.sections")).display,
		picker: getComputedStyle(document.querySelector(".cutoff-pick")).display,
		sections: Array.prototype.filter.call(document.querySelectorAll("section.cut"), function (s) { return getComputedStyle(s).display !== "none"; }).length,
		wide: document.documentElement.scrollWidth > window.innerWidth})`, &printed)
	if printed.Nav != "none" || printed.Picker != "none" || printed.Sections != 1 || printed.Wide {
		t.Errorf("printed: navigation %q, selector %q, %d cut-offs shown, wider than the paper: %v", printed.Nav, printed.Picker, printed.Sections, printed.Wide)
	}
	// The widest pages fit the paper too.
	for _, page := range []string{"fi/index.html", "so-1.html", "quality.html", "project-AMIF-2024-001.html", "lineage.html"} {
		b.open(t, "file://"+filepath.Join(dir, page))
		if s := b.state(t); s.ScrollWidth > s.ViewWidth {
			t.Errorf("%s printed is %d px wide, more than the paper's %d", page, s.ScrollWidth, s.ViewWidth)
		}
	}
}

// TestBrowserAnchors: a link to the rows behind a figure of an earlier cut-off opens the page at
// that cut-off, with the rows in view.
func TestBrowserAnchors(t *testing.T) {
	b := startBrowser(t)
	dir := browserSite(t)
	b.resize(t, 1024)
	for _, target := range []struct{ page, anchor, cutoff string }{
		// Consecutive targets are on different pages: a link within the page loads nothing.
		{"lineage.html", "money-1-project-2024-12-31", "2024-12-31"},
		{"sv/indicator-O.1.1.html", "breakdowns-2024-12-31", "2024-12-31"},
		{"lineage.html", "indicator-O.1.1-2025-06-30", "2025-06-30"},
	} {
		if problems := b.open(t, "file://"+filepath.Join(dir, target.page)+"#"+target.anchor); len(problems) > 0 {
			t.Errorf("%s: %v", target.page, problems)
		}
		var seen struct {
			Section string
			Visible bool
		}
		b.eval(t, `(function () { var el = document.getElementById(`+strconvQuote(target.anchor)+`), r = el.getBoundingClientRect();
			return {section: document.querySelector("section.cut:not([hidden])").getAttribute("data-cutoff"),
				visible: !el.closest("[hidden]") && r.top >= 0 && r.top < window.innerHeight}; })()`, &seen)
		if seen.Section != target.cutoff || !seen.Visible {
			t.Errorf("%s#%s: shows cut-off %s, the rows in view: %v", target.page, target.anchor, seen.Section, seen.Visible)
		}
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }
