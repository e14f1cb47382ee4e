package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/pipeline/pipelinetest"
	"mittari/sent"
)

// snapshotDir is pipelinetest.FolderBytes of dir.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	b, err := pipelinetest.FolderBytes(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exportedCells are the figures of an export (or sent) folder, one line per cell.
func exportedCells(t *testing.T, dir string) map[string]string {
	t.Helper()
	figs, _, err := sent.Figures(filepath.Dir(dir), sent.Record{Folder: filepath.Base(dir)})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range figs {
		out[f.Table+"|"+f.SO+"|"+f.Row+"|"+f.Figure] = f.Value
	}
	return out
}

// TestSendWorkflow walks the ministry's workflow on the demo inbox: the nightly run, sends
// refused for each reason, a send, later runs that leave the sent folder as it was, a correction
// that restates figures (exactly the cells that moved) and blocks the next send (C08) until it
// is acknowledged, and the version sent again as its work version 1.
func TestSendWorkflow(t *testing.T) {
	ctx := context.Background()
	cat, inbox, out := demoFolders(t)
	c, _ := domain.ParseCutoff("2025-12-31")
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Cutoff: &c, Now: clockAt("2026-02-10T02:00:00Z")}
	if _, err := Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	lay := Layout{Root: out}
	send := func(at string, so SendOptions) (*SendResult, error) {
		so.Out, so.Cutoff, so.Now = out, c, clockAt(at)
		return Send(ctx, so)
	}
	both := SendOptions{PreparedBy: "Aino Analyst", ApprovedBy: "Bertil Head"}
	justified := both
	justified.Justify = map[string]string{"C09": "the operator was reminded; its report is due", "C10": "sent late with the Commission's agreement"}

	// The demo's 202612 has warnings C09 and C10 (reports sent in February 2026) and no error.
	chk, err := Check(out, &c)
	if err != nil || chk.Outcome.Errors != 0 || chk.Outcome.Warnings == 0 || chk.Stale {
		t.Fatalf("check: %+v %v", chk, err)
	}
	refused := []struct {
		name string
		so   SendOptions
		kind errs.Kind
		says string
	}{
		{"no approver", SendOptions{PreparedBy: "Aino Analyst"}, errs.Usage, "--approved-by"},
		{"four eyes", SendOptions{PreparedBy: "Aino Analyst", ApprovedBy: " aino  ANALYST ", Justify: justified.Justify}, errs.Usage, "same person"},
		{"warnings unjustified", both, errs.Usage, "--justify C09=TEXT"},
		{"one warning unjustified", SendOptions{PreparedBy: "A", ApprovedBy: "B", Justify: map[string]string{"C09": "x"}}, errs.Usage, "--justify C10=TEXT"},
		{"an empty justification", SendOptions{PreparedBy: "A", ApprovedBy: "B", Justify: map[string]string{"C09": " ", "C10": "x"}}, errs.Usage, "says nothing"},
		{"an unknown check", SendOptions{PreparedBy: "A", ApprovedBy: "B", Justify: map[string]string{"C09": "x", "C10": "y", "C99": "z"}}, errs.Usage, "no check C99"},
		{"an error justified", SendOptions{PreparedBy: "A", ApprovedBy: "B", Justify: map[string]string{"C09": "x", "C10": "y", "C04": "z"}}, errs.Usage, "no justification lets through"},
		{"a check without findings", SendOptions{PreparedBy: "A", ApprovedBy: "B", Justify: map[string]string{"C09": "x", "C10": "y", "C02": "z"}}, errs.Usage, "no finding"},
	}
	for _, r := range refused {
		_, err := send("2026-02-10T09:00:00Z", r.so)
		if !errs.Is(r.kind, err) || !strings.Contains(err.Error(), r.says) {
			t.Errorf("%s: %v (want a %v error saying %q)", r.name, err, r.kind, r.says)
		}
	}
	if _, err := os.Stat(lay.Sent()); !os.IsNotExist(err) {
		t.Fatalf("a refused send wrote %s", lay.Sent())
	}

	res, err := send("2026-02-10T09:00:00Z", justified)
	if err != nil {
		t.Fatal(err)
	}
	frozen := filepath.Join(lay.Sent(), "202612")
	exported := filepath.Join(out, "exports", "sfc", "202612")
	if res.Dir != frozen || res.Record.WorkVersion != 0 || len(res.Record.Justifications) != 2 {
		t.Fatalf("sent %+v", res)
	}
	for _, f := range res.Record.Files {
		a, _ := os.ReadFile(filepath.Join(exported, f.Name))
		b, _ := os.ReadFile(filepath.Join(frozen, f.Name))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s is not the file exported", f.Name)
		}
	}
	if len(res.Record.Files) != 7 {
		t.Errorf("%d files sent, want the 6 tables and the manifest", len(res.Record.Files))
	}
	before := snapshotDir(t, frozen)
	sentCells := exportedCells(t, frozen)

	// Until a run has seen it, the published checks do not know the version sent.
	if _, err := send("2026-02-10T10:00:00Z", justified); !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "run `mittari run` first") {
		t.Errorf("a send before a run has seen the last one: %v", err)
	}
	o.Now = clockAt("2026-02-11T02:00:00Z")
	second, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := second.Record.Presend.Restatements; len(got) != 1 || got[0] != (VersionRestatements{Folder: "202612"}) {
		t.Errorf("a run on the same data restates %+v", got)
	}
	if _, err := send("2026-02-11T09:00:00Z", justified); !errs.Is(errs.Usage, err) || !strings.Contains(err.Error(), "--reason") {
		t.Errorf("sending 202612 again without a reason: %v", err)
	}

	// A correction: JYU's second half of 2025, two participants and 10 000.00 fewer.
	correction := "project_id,period_start,period_end,submitted_at,item,value\n" +
		"AMIF-2024-005,2025-07-01,2025-12-31,2026-02-12T08:20:00+02:00,O.2.2,2\n" +
		"AMIF-2024-005,2025-07-01,2025-12-31,2026-02-12T08:20:00+02:00,expenditure_eur,91069.74\n"
	if err := os.WriteFile(filepath.Join(inbox, "reports", "jyu-correction.csv"), []byte(correction), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Now = clockAt("2026-02-13T02:00:00Z")
	third, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	// The restatements are exactly the cells of the files sent that differ from the export now.
	nowCells := exportedCells(t, exported)
	var want, got []string
	for k, v := range sentCells {
		if nowCells[k] != v {
			want = append(want, fmt.Sprintf("%s|%s → %s", k, v, nowCells[k]))
		}
	}
	for _, r := range third.Results.Restatements {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s → %s", r.Table, r.SO, r.Row, r.Figure, r.Sent, r.Now))
		if len(r.MovedBy) != 1 || !strings.Contains(r.MovedBy[0], "AMIF-2024-005 2025-07-01..2025-12-31 submitted 2026-02-12T06:20:00Z (reports/jyu-correction.csv)") {
			t.Errorf("%s %s moved by %v", r.Row, r.Figure, r.MovedBy)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("restatements\n  %s\nwant the cells that moved\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if r := third.Record.Presend.Restatements; len(r) != 1 || r[0].Figures != len(want) || r[0].Open != len(want) {
		t.Errorf("the run record counts %+v, want %d figures moved, all open", r, len(want))
	}
	// Sending again now fails C08: the figures fell below those sent, unacknowledged.
	again := justified
	again.Reason = "the Commission returned 202612: JYU corrected its report"
	if _, err := send("2026-02-13T09:00:00Z", again); !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "C08") ||
		!strings.Contains(err.Error(), "mittari acknowledge --version 202612") {
		t.Errorf("a send with figures below those sent: %v", err)
	}
	path, acked, err := Acknowledge(ctx, AcknowledgeOptions{Out: out, Folder: "202612", By: "Bertil Head",
		Reason: "JYU double-counted sessions", Now: clockAt("2026-02-13T10:00:00Z")})
	if err != nil || len(acked) != len(want) {
		t.Fatalf("acknowledge: %v, %d figures (want %d)", err, len(acked), len(want))
	}
	if _, _, err := Acknowledge(ctx, AcknowledgeOptions{Out: out, Folder: "202606", By: "B", Reason: "r"}); !errs.Is(errs.Usage, err) {
		t.Errorf("acknowledging a version never sent: %v", err)
	}
	if _, _, err := Acknowledge(ctx, AcknowledgeOptions{Out: out, Folder: "202612", By: "Bertil Head", Reason: "again"}); !errs.Is(errs.Usage, err) ||
		!strings.Contains(err.Error(), "run `mittari run` first") {
		t.Errorf("acknowledging again before a run has seen the first acknowledgement: %v", err)
	}
	o.Now = clockAt("2026-02-14T02:00:00Z")
	fourth, err := Run(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if r := fourth.Record.Presend.Restatements; len(r) != 1 || r[0].Figures != len(want) || r[0].Open != 0 {
		t.Errorf("after the acknowledgement (%s) the run record counts %+v, want none open", path, r)
	}
	res, err = send("2026-02-14T09:00:00Z", again)
	if err != nil {
		t.Fatal(err)
	}
	if res.Record.Folder != "202612.1" || res.Record.WorkVersion != 1 || res.Record.Reason != again.Reason {
		t.Errorf("sent again as %+v", res.Record)
	}
	list, stale, err := SentList(out)
	if err != nil || !stale || len(list) != 2 || list[0].Record.Folder != "202612" || list[1].Record.Folder != "202612.1" {
		t.Errorf("sent list %+v, stale %v, %v", list, stale, err)
	}
	if after := snapshotDir(t, frozen); after != before {
		t.Error("the folder sent first changed after the runs, the acknowledgement and the second send")
	}
}

// TestSendRefusesExportsNotFromTheFigures: after `mittari transform` alone, the published
// exports are older than the figures, so their checks are unknown: send says to export first.
func TestSendRefusesExportsNotFromTheFigures(t *testing.T) {
	ctx := context.Background()
	cat, inbox, out := demoFolders(t)
	c, _ := domain.ParseCutoff("2025-12-31")
	o := Options{Inbox: inbox, Out: out, Catalogue: cat, Cutoff: &c, Now: clockAt("2026-02-10T02:00:00Z")}
	if _, err := Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	o.Inbox, o.Now = "", clockAt("2026-02-10T03:00:00Z")
	if _, err := TransformStage(ctx, o); err != nil {
		t.Fatal(err)
	}
	_, err := Send(ctx, SendOptions{Out: out, Cutoff: c, PreparedBy: "A", ApprovedBy: "B", Now: clockAt("2026-02-10T04:00:00Z")})
	if !errs.Is(errs.Invalid, err) || !strings.Contains(err.Error(), "mittari export") {
		t.Errorf("send after transform alone: %v", err)
	}
	if _, err := Check(out, &c); err == nil {
		t.Error("check after transform alone judged exports it did not check")
	}
	other, _ := domain.ParseCutoff("2025-06-30")
	if _, err := ExportStage(ctx, Options{Out: out, Catalogue: cat, Now: clockAt("2026-02-10T05:00:00Z")}); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(out, &other); !errs.Is(errs.Usage, err) || !strings.Contains(err.Error(), "mittari run --cutoff 2025-06-30") {
		t.Errorf("check of a cut-off not computed: %v", err)
	}
}
