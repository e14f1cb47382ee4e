package charts

import (
	"strings"
	"testing"
	"time"

	"mittari/metrics"
)

// TestTransmissionsOnceRecorded: figures computed with the versions sent show, per
// transmission, its checks' counts with a link to their findings, who sent it and when, and its
// restated figures; a version not sent says so; the overview's next transmission shows its checks.
func TestTransmissionsOnceRecorded(t *testing.T) {
	in := testInput(t)
	res := in.Results
	june, aug := res.Cutoffs[1], res.Cutoffs[2]
	res.SentState = "state"
	res.Sent = []metrics.SentVersion{
		{Folder: "202506", Version: "202506", Cutoff: june, SentAt: time.Date(2025, 7, 28, 9, 0, 0, 0, time.UTC), PreparedBy: "Aino <Analyst>", ApprovedBy: "Bertil Head"},
		{Folder: "202506.1", Version: "202506", Work: 1, Cutoff: june, SentAt: time.Date(2025, 8, 20, 9, 0, 0, 0, time.UTC), PreparedBy: "Aino <Analyst>", ApprovedBy: "Carita Chief", Reason: "returned"},
	}
	res.Restatements = []metrics.Restatement{
		{Folder: "202506", Version: "202506", Cutoff: june, Table: "financial", SO: "1", Row: "all", Figure: "declared_expenditure_eur", Sent: "100.00", Now: "90.00", MovedBy: []string{"P1 2025-01-01..2025-06-30 submitted 2025-08-12T05:45:00Z (reports/x.csv)"}, MovedByTotal: 1},
		{Folder: "202506.1", Version: "202506", Work: 1, Cutoff: june, Table: "indicators", SO: "1", Row: "O.1.1", Figure: "achieved_value", Sent: "840", Now: "850", Acknowledged: true, MovedByTotal: 0},
	}
	res.CheckCounts = []metrics.CheckCount{{Cutoff: aug, Rule: "C04", Findings: 1}, {Cutoff: aug, Rule: "C09", Findings: 2}}
	res.Checks = []metrics.CheckFinding{
		{Cutoff: aug, Rule: "C09", Table: "reports", SO: "1", Row: "AMIF-2024-007", Figure: "half-year reports", Value: "1", Bound: "2025-03-01", Detail: "2024-07-01..2024-12-31"},
		{Cutoff: aug, Rule: "C04", Table: "financial.csv", SO: "2", Row: "all", Figure: "declared_expenditure_eur", Value: "1250.00", Bound: "1200.00"},
	}
	files := renderFiles(t, in)
	page := files["transmissions.html"]
	for _, want := range []string{
		`<td>1 error(s), 2 warning(s) <a href="transmissions.html#checks-202508">details</a></td>`,
		`<td>0 error(s), 0 warning(s)</td>`,
		// The latest work version sent, with its folder.
		`20 Aug 2025 09:00 UTC (202506.1), prepared by Aino &lt;Analyst&gt;, approved by Carita Chief`,
		`indicators.csv, SO 1, O.1.1: achieved_value (acknowledged)`,
		`<p class="empty">not sent</p>`,
		`<section id="checks-202508">`,
		`<li class="finding-error"><strong>error C04</strong> financial.csv, SO 2, all: declared expenditure 1250.00 EUR is above the eligible cost of the selected operations 1200.00 EUR</li>`,
		`<li><strong>warning C09</strong> operation AMIF-2024-007 (SO 1): 1 half-year report(s) more than one period overdue`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("transmissions.html lacks %s", want)
		}
	}
	if strings.Contains(page, "not available yet") || strings.Contains(page, "not recorded yet") {
		t.Error("transmissions.html still says not available / not recorded")
	}
	if strings.Contains(page, "100.00") {
		t.Error("the restatement of work version 0 is shown for the version sent again")
	}
	if !strings.Contains(files["index.html"], `<dd>1 error(s), 2 warning(s) <a href="transmissions.html#checks-202508">details</a></dd>`) {
		t.Error("the overview's next transmission does not show its checks")
	}
	if !strings.Contains(files["fi/transmissions.html"], "1 virhe(ttä), 2 varoitus(ta)") || !strings.Contains(files["sv/transmissions.html"], "inte skickad") {
		t.Error("the Finnish or Swedish page does not say it in its language")
	}
}
