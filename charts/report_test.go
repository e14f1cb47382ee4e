package charts

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// echartsPlaceholder stands in for the 1 MB library in the golden file, which then shows the
// page itself; TestWriteReportInlinesEcharts checks the real library separately.
const echartsPlaceholder = "/* echarts.min.js */"

func renderString(t *testing.T, in Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := render(&b, in, echartsPlaceholder); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	got := renderString(t, testInput(t))
	golden := filepath.Join("testdata", "report.html.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("report differs from %s; rerun with -update after checking the change", golden)
	}
	if again := renderString(t, testInput(t)); again != got {
		t.Error("two renders of the same input differ")
	}
}

func TestWriteReportInlinesEcharts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report", "index.html")
	if err := WriteReport(path, testInput(t)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if !strings.Contains(page, echartsJS) || len(echartsJS) < 500000 {
		t.Fatalf("the page does not inline the embedded echarts library (%d bytes)", len(echartsJS))
	}
	for _, m := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(page, -1) {
		if strings.Contains(strings.ToLower(m), "src") {
			t.Errorf("script loads an external file: %s", m)
		}
	}
	if regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`).MatchString(page) {
		t.Error("the page references a remote resource")
	}
	if got := strings.Count(page, "<script>"); got != 1+5 {
		t.Errorf("%d script elements, want the library and 5 charts", got)
	}
	// A rewrite of the same input leaves the file as it was.
	if err := WriteReport(path, testInput(t)); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	if !bytes.Equal(again, b) {
		t.Error("rewriting the same report changed it")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left beside the report: %v", entries)
	}
}

func TestContent(t *testing.T) {
	in := testInput(t)
	page := renderString(t, in)
	tests := []struct {
		name, want string
	}{
		{"illustrative banner", `<strong>Milestones and targets are illustrative.</strong> ILLUSTRATIVE: milestones and targets are placeholders`},
		{"SO heading escapes catalogue text", `SO2 – Legal migration and integration &lt;b&gt;&amp;&lt;/b&gt;`},
		{"goals chart of SO1", `id="so1_goals"`},
		{"path chart of SO2", `id="so2_path"`},
		{"financial chart", `id="financial_chart"`},
		// The milestone is judged at 2024-12-31 (achieved 2 × 120 = 240 of 400), not at the latest cut-off (360).
		{"indicator row with percentages", `<td>O.1.1</td><td>Number of participants supported</td><td>output</td><td class="num">1200</td><td class="num">360</td><td class="num">400</td><td class="num">60.0 %</td><td class="num">1600</td><td class="num">22.5 %</td>`},
		{"projection and status", `<td class="num" title="linear. average pace since the first report, continued to 2029-12-31">3240</td><td>on track</td>`},
		{"behind target", `>675</td><td>behind</td>`},
		{"SO total row, exact money and absorption", `<tr class="total"><td>SO2</td><td>all</td><td class="num">18</td><td class="num">9000000.00</td><td class="num">6750000.00</td><td class="num">4800000.00</td><td class="num">48000005.94</td><td class="num">10.0 %</td>`},
		{"consistency error first", `<td class="error">error</td><td>R-ofwhich-O.1.1.1</td>`},
		{"older findings counted", `1 further findings concern earlier cut-offs.`},
		{"completeness missing sorted", `<td>AMIF-2023-002, AMIF-2024-031</td>`},
		{"changes listed newest first", `<td>2025-08-31</td><td>SO2</td><td>declared_expenditure_eur</td>`},
		{"rejected report place escaped", `reports/2025/&lt;script&gt;alert(1)&lt;/script&gt;.csv:4 column value`},
		{"warning with sheet and cell", `reports/late.xlsx: sheet &#34;report&#34; cell F2`},
		{"run facts", `reports rejected<b>3</b>`},
		{"previous run named", `those of run <code>20250805T020000Z-77c1</code> (data as of 2025-08-05 02:00 UTC)`},
	}
	for _, tt := range tests {
		if !strings.Contains(page, tt.want) {
			t.Errorf("%s: page lacks %q", tt.name, tt.want)
		}
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("element id %q used %d times; echarts would draw into the first", id, n)
		}
	}
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("a file name was inserted unescaped")
	}
	if strings.Index(page, "2025-08-31</td><td>SO2") > strings.Index(page, "2025-06-30</td><td>SO1</td><td>O.1.1") {
		t.Error("changes are not sorted newest cut-off first")
	}
}

func TestNoBannerWhenGoalsAdopted(t *testing.T) {
	in := testInput(t)
	in.Results.GoalsIllustrative = false
	if page := renderString(t, in); strings.Contains(page, `class="banner"`) {
		t.Error("banner shown although the goals are the adopted ones")
	}
}

func TestEmptyResults(t *testing.T) {
	page := renderString(t, Input{Run: RunInfo{ID: "r1"}})
	for _, want := range []string{"No financial figures were computed.", "No consistency findings.", "None."} {
		if !strings.Contains(page, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
	if strings.Contains(page, "echarts.init") {
		t.Error("an empty report tries to draw charts")
	}
}

// TestScriptCannotBeClosedByData checks that catalogue text in a chart option cannot end the
// script element it is in.
func TestScriptCannotBeClosedByData(t *testing.T) {
	in := testInput(t)
	for i := range in.Results.Indicators {
		if in.Results.Indicators[i].Indicator == "O.2.3" {
			in.Results.Indicators[i].Indicator = "</script><img src=x onerror=alert(1)>"
		}
	}
	page := renderString(t, in)
	if strings.Contains(page, "<img src=x") {
		t.Error("indicator code inserted raw into the page")
	}
	if !strings.Contains(page, `\u003c/script\u003e\u003cimg`) {
		t.Error("indicator code not escaped inside the chart option")
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		part, whole int64
		want        string
	}{
		{360, 400, "90.0 %"}, {1, 3, "33.3 %"}, {2, 3, "66.7 %"}, {1, 2000, "0.1 %"},
		{0, 5, "0.0 %"}, {5, 0, ""}, {-1, 3, "-33.3 %"}, {-1, 3000, "0.0 %"},
	}
	for _, tt := range tests {
		if got := percent(tt.part, tt.whole); got != tt.want {
			t.Errorf("percent(%d, %d) = %q, want %q", tt.part, tt.whole, got, tt.want)
		}
	}
}

func BenchmarkWriteReport(b *testing.B) {
	in := testInput(b)
	path := filepath.Join(b.TempDir(), "index.html")
	for b.Loop() {
		if err := WriteReport(path, in); err != nil {
			b.Fatal(err)
		}
	}
}
