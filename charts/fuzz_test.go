package charts

import (
	"bytes"
	"strings"
	"testing"

	"mittari/domain"
)

// FuzzPageEscaping puts arbitrary text where the page shows data from outside (file names,
// messages, report keys, indicator codes that reach a chart option) and checks that it can never
// open or close a script element: the page keeps exactly the script elements it was built with.
func FuzzPageEscaping(f *testing.F) {
	f.Add("<script>alert(1)</script>")
	f.Add("</script><script>")
	f.Add("\u2028\u2029<!--")
	f.Add(`"};alert(1);//`)
	f.Fuzz(func(t *testing.T, s string) {
		in := testInput(t)
		in.Findings = append(in.Findings, domain.Finding{Rule: s, Severity: domain.SeverityError, Report: s,
			Place: domain.Place{File: s, Pointer: s}, Value: s, Message: s})
		in.Results.Changes[0].Reports = []string{s}
		for i := range in.Results.Indicators {
			if in.Results.Indicators[i].Indicator == "R.2.10" {
				in.Results.Indicators[i].Indicator = "R.2.10" + s
			}
		}
		var b bytes.Buffer
		if err := render(&b, in, echartsPlaceholder); err != nil {
			t.Fatal(err)
		}
		page := strings.ToLower(b.String())
		if open, closing := strings.Count(page, "<script"), strings.Count(page, "</script"); open != 6 || closing != 6 {
			t.Fatalf("%q gives %d opening and %d closing script tags, want 6 each", s, open, closing)
		}
	})
}
