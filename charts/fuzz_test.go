package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/metrics"
)

// FuzzPageEscaping puts arbitrary text wherever the site shows text from outside (a project's
// title and beneficiary, file names, messages, report keys, a project id that reaches a chart
// option and a file name) and checks that it can never open or close a script element: each
// page keeps exactly the script elements it was built with, and its chart options stay JSON.
func FuzzPageEscaping(f *testing.F) {
	f.Add("<script>alert(1)</script>")
	f.Add("</script><script>")
	f.Add("\u2028\u2029<!--")
	f.Add(`"};alert(1);//`)
	f.Add(`</SCRIPT ><img src=x onerror=alert(1)>`)
	f.Fuzz(func(t *testing.T, s string) {
		in := testInput(t)
		site := in.Results.Site
		site.Projects[0].Title, site.Projects[0].Beneficiary = s, s
		site.Projects[0].Versions[0].SourceFile = s
		site.Rejections[0].Findings[0].Message, site.Rejections[0].SourceFile = s, s
		site.Warnings[0].Report = s
		site.Completeness[0].ProjectID = s
		site.IndicatorRows = append(site.IndicatorRows, metrics.IndicatorMember{Indicator: "O.1.1", ProjectID: s})
		in.Findings = append(in.Findings, domain.Finding{Rule: s, Severity: domain.SeverityError, Report: s,
			Place: domain.Place{File: s, Pointer: s}, Value: s, Message: s})
		in.Results.Changes[0].Reports = []string{s}
		files, err := render(in)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			page := strings.ToLower(string(b))
			want := 1 // site.js
			if strings.Contains(page, `id="mittari-charts"`) {
				want = 3 // the options, echarts and site.js
			}
			if open, closing := strings.Count(page, "<script"), strings.Count(page, "</script"); open != want || closing != want {
				t.Fatalf("%s: %q gives %d opening and %d closing script tags, want %d each", name, s, open, closing, want)
			}
			if m := chartJSON.FindSubmatch(b); m != nil && !json.Valid(m[1]) {
				t.Fatalf("%s: %q breaks the chart options", name, s)
			}
		}
	})
}
