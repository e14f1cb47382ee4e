package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"mittari/checks"
	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/sent"
)

// Sending a transmission, and what the runs after it say about it. A transmission is sent from
// the published generation: its checks and its export folder were made by the same run from the
// same figures, so what the checks judged is exactly what is frozen in out/sent/. The runs after
// it compute its cut-off again and list its restated figures (transform's mart_restatements).

// Sent is out/sent: the frozen transmissions and the acknowledged restatements (package sent).
func (l Layout) Sent() string { return filepath.Join(l.Root, "sent") }

// sentInputs reads what the transform needs of out/sent; a reproduction as of an earlier time
// (asOf not zero) sees only what was sent and acknowledged by then.
func sentInputs(lay Layout, asOf time.Time) (*metrics.SentInputs, error) {
	return sent.Inputs(lay.Sent(), asOf)
}

// PresendRecord is what a run found for the ministry's transmissions, in counts: the pre-send
// checks of each cut-off it computed, and the restated figures of each version sent. The
// findings themselves are in the published figures (`mittari check`, `mittari sent`, the
// report) and the marts (mart_presend_checks, mart_restatements).
type PresendRecord struct {
	Checks       []VersionChecks       `json:"checks,omitempty"`
	Restatements []VersionRestatements `json:"restatements,omitempty"`
}

// VersionChecks counts the findings of the checks of one transmission by severity and rule.
type VersionChecks struct {
	Version  string         `json:"version"`
	Cutoff   string         `json:"cutoff_date"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Rules    map[string]int `json:"rules,omitempty"`
}

// VersionRestatements counts the figures of a sent version that moved since it was sent, and
// those of them not acknowledged.
type VersionRestatements struct {
	Folder  string `json:"folder"`
	Figures int    `json:"figures_moved"`
	Open    int    `json:"open"`
}

// presendRecord sums up the checks and restatements of figures for the run record.
func presendRecord(res *metrics.Results) *PresendRecord {
	p := &PresendRecord{}
	for _, c := range res.Cutoffs {
		o := checks.Evaluate(res, c)
		v := VersionChecks{Version: o.Version, Cutoff: o.Cutoff, Errors: o.Errors, Warnings: o.Warnings}
		for _, r := range o.Rules {
			if v.Rules == nil {
				v.Rules = map[string]int{}
			}
			v.Rules[r.Rule] = r.Findings
		}
		p.Checks = append(p.Checks, v)
	}
	for _, s := range res.Sent {
		v := VersionRestatements{Folder: s.Folder}
		for _, r := range res.Restatements {
			if r.Folder == s.Folder {
				v.Figures++
				if !r.Acknowledged {
					v.Open++
				}
			}
		}
		p.Restatements = append(p.Restatements, v)
	}
	return p
}

// publishedFigures reads the published generation and its figures; what the pre-send commands
// decide on. A generation whose exports were not made from its figures (`mittari transform` run
// after them) is refused: its checks would not be those of the files.
func publishedFigures(lay Layout) (*Generation, outputDir, *metrics.Results, error) {
	const op errs.Op = "pipeline.publishedFigures"
	g, dir, err := published(lay)
	if err != nil {
		return nil, "", nil, err
	}
	if g == nil {
		return nil, "", nil, errs.E(op, errs.Path(lay.Root), errs.NotFound,
			"nothing has been published in this output folder: run `mittari run` first")
	}
	// Generation ids sort by time: exports made by the generation of the figures or a later one
	// (`mittari export` after `mittari transform`) were made from them; older ones were not.
	if g.Parts[partExports] < g.Parts[partFigures] {
		return nil, "", nil, errs.E(op, errs.Path(lay.Root), errs.Invalid, fmt.Sprintf(
			"the published exports (made by generation %s) were not made from the published figures (generation %s), so their checks are unknown: run `mittari export` (or `mittari run`) first",
			g.Parts[partExports], g.Parts[partFigures]))
	}
	res, err := readFigures(dir.Figures())
	if err != nil {
		return nil, "", nil, err
	}
	return g, dir, res, nil
}

// computed says whether cut-off c is among the figures' requested cut-offs.
func computed(res *metrics.Results, c domain.Cutoff) bool { return slices.Contains(res.Cutoffs, c) }

// CheckResult is the pre-send checks of one transmission as the published figures have them.
type CheckResult struct {
	Outcome checks.Outcome
	// Generation is the published generation the checks are of; Stale says that something was
	// sent or acknowledged since it was made, so that C08 may be out of date.
	Generation string
	Stale      bool
}

// Check reads the pre-send checks of cut-off c (the latest one computed when c is nil) from the
// published generation. It takes no lock and writes nothing.
func Check(out string, c *domain.Cutoff) (*CheckResult, error) {
	lay := Layout{Root: out}
	g, _, res, err := publishedFigures(lay)
	if err != nil {
		return nil, err
	}
	cut, err := pickCutoff(res, c)
	if err != nil {
		return nil, err
	}
	in, err := sentInputs(lay, time.Time{})
	if err != nil {
		return nil, err
	}
	return &CheckResult{Outcome: checks.Evaluate(res, cut), Generation: g.ID, Stale: in.State != res.SentState}, nil
}

func pickCutoff(res *metrics.Results, c *domain.Cutoff) (domain.Cutoff, error) {
	if c == nil {
		if len(res.Cutoffs) == 0 {
			return domain.Cutoff{}, errs.E(errs.Op("pipeline.pickCutoff"), errs.NotFound, "the published figures hold no cut-off: run `mittari run` first")
		}
		return res.Cutoffs[len(res.Cutoffs)-1], nil
	}
	if !computed(res, *c) {
		return domain.Cutoff{}, errs.E(errs.Op("pipeline.pickCutoff"), errs.Usage, fmt.Sprintf(
			"--cutoff %s: the published figures do not hold this cut-off (they hold %s … %s); run `mittari run --cutoff %s` first",
			c, first(res.Cutoffs), last(res.Cutoffs), c))
	}
	return *c, nil
}

func first(cs []domain.Cutoff) string {
	if len(cs) == 0 {
		return "none"
	}
	return cs[0].String()
}

func last(cs []domain.Cutoff) string {
	if len(cs) == 0 {
		return "none"
	}
	return cs[len(cs)-1].String()
}

// SendOptions say what to send and who sends it.
type SendOptions struct {
	Out    string
	Cutoff domain.Cutoff
	// PreparedBy and ApprovedBy are two different people (four eyes).
	PreparedBy, ApprovedBy string
	// Justify gives the justification of each warning rule (rule ID → text).
	Justify map[string]string
	// Reason says why a version already sent is sent again (required then).
	Reason string
	Wait   bool
	Log    *slog.Logger
	Now    func() time.Time
}

// SendResult is what Send froze.
type SendResult struct {
	Dir    string
	Record sent.Record
}

// samePerson says whether two names name the same person, as far as text can tell: equal once
// case, surrounding space and runs of space are set aside.
func samePerson(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}

// Send freezes the transmission of so.Cutoff from the published generation into
// out/sent/<version>/ (or <version>.<work> when the version was sent before), under the output
// folder's lock. It refuses, saying what to do, when a name is missing or both are the same
// person, when an Error check fails, when a Warning has no justification, when the published
// checks predate something sent or acknowledged, and when a version sent before is sent again
// without a reason.
func Send(ctx context.Context, so SendOptions) (*SendResult, error) {
	const op errs.Op = "pipeline.Send"
	switch {
	case strings.TrimSpace(so.PreparedBy) == "" || strings.TrimSpace(so.ApprovedBy) == "":
		return nil, errs.E(op, errs.Usage, "--prepared-by and --approved-by are both required: the person who prepared the transmission and the one who approved it")
	case samePerson(so.PreparedBy, so.ApprovedBy):
		return nil, errs.E(op, errs.Usage, fmt.Sprintf(
			"--prepared-by and --approved-by name the same person (%q): a transmission is approved by someone other than who prepared it (four eyes); ask a second person to approve it",
			strings.TrimSpace(so.ApprovedBy)))
	}
	c, err := begin(ctx, Options{Out: so.Out, Wait: so.Wait, Log: so.Log, Now: so.Now}, "send")
	if err != nil {
		return nil, err
	}
	defer c.end()
	lay := c.lay
	g, dir, res, err := publishedFigures(lay)
	if err != nil {
		return nil, err
	}
	cut, err := pickCutoff(res, &so.Cutoff)
	if err != nil {
		return nil, err
	}
	version := cut.Version()
	in, err := sentInputs(lay, time.Time{})
	if err != nil {
		return nil, err
	}
	if in.State != res.SentState {
		return nil, errs.E(op, errs.Path(lay.Sent()), errs.Invalid,
			"a version was sent or a restatement acknowledged after the published figures were computed, so their checks do not know it: run `mittari run` first, then send")
	}
	outcome := checks.Evaluate(res, cut)
	if !outcome.Passed() {
		return nil, errs.E(op, errs.Invalid, refusal(outcome, fmt.Sprintf(
			"version %s cannot be sent: %d finding(s) of checks that are errors", version, outcome.Errors),
			"correct the data (or the catalogue) they name (for C08, record the restatement with `mittari acknowledge`), run `mittari run` again, and send then"))
	}
	var justifications []sent.Justification
	counts := map[string]checks.RuleCount{}
	for _, r := range outcome.Rules {
		counts[r.Rule] = r
	}
	var ids []string
	for id := range so.Justify {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		text := strings.TrimSpace(so.Justify[id])
		rule, known := checks.ByID(id)
		n, found := counts[id]
		switch {
		case !known:
			return nil, errs.E(op, errs.Usage, fmt.Sprintf("--justify %s: there is no check %s (`mittari check --rules` lists them)", id, id))
		case rule.Severity == domain.SeverityError:
			return nil, errs.E(op, errs.Usage, fmt.Sprintf("--justify %s: %s is an error, which no justification lets through; correct the data", id, id))
		case !found:
			return nil, errs.E(op, errs.Usage, fmt.Sprintf("--justify %s: %s has no finding at version %s; leave it out", id, id, version))
		case text == "":
			return nil, errs.E(op, errs.Usage, fmt.Sprintf("--justify %s= says nothing: write why the version may be sent with these findings", id))
		}
		justifications = append(justifications, sent.Justification{Rule: id, Text: text, Findings: n.Findings})
	}
	if missing := outcome.Unjustified(so.Justify); len(missing) > 0 {
		var flags []string
		for _, r := range missing {
			flags = append(flags, fmt.Sprintf("--justify %s=TEXT (%d finding(s))", r.Rule, r.Findings))
		}
		return nil, errs.E(op, errs.Usage, refusal(outcome, fmt.Sprintf(
			"version %s has warnings without a justification", version),
			"if it may be sent as it is, say why for each check: "+strings.Join(flags, " ")+"; the justifications are recorded with the version"))
	}
	records, err := sent.List(lay.Sent())
	if err != nil {
		return nil, err
	}
	work := sent.NextWork(records, version)
	reason := strings.TrimSpace(so.Reason)
	if work > 0 && reason == "" {
		prev := records[slices.IndexFunc(records, func(r sent.Record) bool { return r.Version == version && r.WorkVersion == work-1 })]
		return nil, errs.E(op, errs.Usage, fmt.Sprintf(
			"version %s was sent already (sent/%s/, on %s, approved by %s); sending it again makes its work version %d: say why with --reason TEXT (e.g. the Commission returned it, and what it asked to correct)",
			version, prev.Folder, prev.SentAt.UTC().Format(time.RFC3339), prev.ApprovedBy, work))
	}
	src := filepath.Join(dir.Exports(), "sfc", version)
	names, want, manifest, err := exportFiles(src)
	if err != nil {
		return nil, err
	}
	now := c.now().UTC()
	rec := sent.Record{
		Version: version, WorkVersion: work, Folder: sent.Folder(version, work), Cutoff: cut.String(), SentAt: now,
		PreparedBy: strings.TrimSpace(so.PreparedBy), ApprovedBy: strings.TrimSpace(so.ApprovedBy), Reason: reason,
		Generation: g.ID, RunID: g.RunID, DataAsOf: g.DataAsOf, FiguresAsOf: res.AsOf.UTC(),
		CatalogueSHA256: manifest.CatalogueSHA256, CodeVersion: manifest.CodeVersion, SentWith: CodeVersion(),
		Checks: outcome, Justifications: justifications,
	}
	path, rec, err := sent.Write(lay.Sent(), rec, src, names, want, func() error { return checkpoint("send-staged") })
	if err != nil {
		return nil, err
	}
	if err := checkpoint("sent"); err != nil {
		return nil, err
	}
	return &SendResult{Dir: path, Record: rec}, nil
}

// refusal says why a version cannot be sent, with its findings (at most ten) and what to do.
func refusal(o checks.Outcome, why, todo string) string {
	var b strings.Builder
	b.WriteString(why)
	n := 0
	for _, f := range o.Findings {
		if n == 10 {
			fmt.Fprintf(&b, "\n    … and more: `mittari check --cutoff %s` lists them", o.Cutoff)
			break
		}
		fmt.Fprintf(&b, "\n    %s %s: %s", f.Severity, f.Rule, f.Message)
		n++
	}
	b.WriteString("\n  " + todo)
	return b.String()
}

// exportManifest is what Send needs of an export folder's manifest.json.
type exportManifest struct {
	CatalogueSHA256 string `json:"catalogue_sha256"`
	CodeVersion     string `json:"code_version"`
	Files           []struct {
		Name   string `json:"name"`
		SHA256 string `json:"sha256"`
	} `json:"files"`
}

// exportFiles lists the files of an export folder to send: those its manifest lists, and the
// manifest; with the SHA-256 the manifest gives each.
func exportFiles(dir string) ([]string, map[string]string, exportManifest, error) {
	const op errs.Op = "pipeline.exportFiles"
	var m exportManifest
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, m, errs.E(op, errs.Path(path), errs.NotFound,
			"the export folder of this version is missing or has no manifest: run `mittari export` (or `mittari run`) first", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, nil, m, errs.E(op, errs.Path(path), errs.Invalid, "the manifest cannot be read: run `mittari export` again", err)
	}
	want := map[string]string{}
	var names []string
	for _, f := range m.Files {
		if f.Name == "" || filepath.Base(f.Name) != f.Name {
			return nil, nil, m, errs.E(op, errs.Path(path), errs.Invalid, fmt.Sprintf("the manifest lists %q, not a file of the folder: run `mittari export` again", f.Name))
		}
		names = append(names, f.Name)
		want[f.Name] = f.SHA256
	}
	return append(names, "manifest.json"), want, m, nil
}

// AcknowledgeOptions say which sent version's restatements to acknowledge, by whom and why.
type AcknowledgeOptions struct {
	Out, Folder, By, Reason string
	Wait                    bool
	Log                     *slog.Logger
	Now                     func() time.Time
}

// Acknowledge records the open restatements of a sent version, as the published figures list
// them, as acknowledged (out/sent/acknowledged/), under the output folder's lock. The next run
// sees them so: a restated figure acknowledged no longer fails check C08 until it moves again.
func Acknowledge(ctx context.Context, ao AcknowledgeOptions) (string, []metrics.Restatement, error) {
	const op errs.Op = "pipeline.Acknowledge"
	if strings.TrimSpace(ao.By) == "" || strings.TrimSpace(ao.Reason) == "" {
		return "", nil, errs.E(op, errs.Usage, "--by and --reason are both required: who acknowledges the restatements, and why the figures sent may stand corrected")
	}
	c, err := begin(ctx, Options{Out: ao.Out, Wait: ao.Wait, Log: ao.Log, Now: ao.Now}, "acknowledge")
	if err != nil {
		return "", nil, err
	}
	defer c.end()
	g, _, res, err := publishedFigures(c.lay)
	if err != nil {
		return "", nil, err
	}
	records, err := sent.List(c.lay.Sent())
	if err != nil {
		return "", nil, err
	}
	i := slices.IndexFunc(records, func(r sent.Record) bool { return r.Folder == ao.Folder })
	if i < 0 {
		return "", nil, errs.E(op, errs.Path(c.lay.Sent()), errs.Usage, fmt.Sprintf(
			"--version %s: no such version was sent (`mittari sent` lists them; a version sent again is named like 202606.1)", ao.Folder))
	}
	var open []metrics.Restatement
	a := sent.Acknowledgement{Folder: ao.Folder, Version: records[i].Version, AcknowledgedAt: c.now().UTC(),
		By: strings.TrimSpace(ao.By), Reason: strings.TrimSpace(ao.Reason), Generation: g.ID}
	for _, r := range res.Restatements {
		if r.Folder == ao.Folder && !r.Acknowledged {
			open = append(open, r)
			a.Figures = append(a.Figures, sent.AcknowledgedFigure{Table: r.Table, SO: r.SO, Row: r.Row, Figure: r.Figure, Sent: r.Sent, Now: r.Now})
		}
	}
	if !slices.ContainsFunc(res.Sent, func(v metrics.SentVersion) bool { return v.Folder == ao.Folder }) {
		return "", nil, errs.E(op, errs.Usage, fmt.Sprintf(
			"--version %s was sent after the published figures were computed, so they list no restatement of it yet: run `mittari run` first", ao.Folder))
	}
	// As for Send: an acknowledgement recorded since the figures were computed is not in their
	// restatements, which would be acknowledged again.
	if in, err := sentInputs(c.lay, time.Time{}); err != nil {
		return "", nil, err
	} else if in.State != res.SentState {
		return "", nil, errs.E(op, errs.Path(c.lay.Sent()), errs.Usage,
			"a version was sent or a restatement acknowledged after the published figures were computed, so their restatements do not know it: run `mittari run` first, then acknowledge")
	}
	if len(open) == 0 {
		return "", nil, errs.E(op, errs.Usage, fmt.Sprintf("version %s has no open restatement in the published figures: nothing to acknowledge", ao.Folder))
	}
	path, err := sent.Acknowledge(c.lay.Sent(), a)
	return path, open, err
}

// SentVersion is a sent version with its restatements as the published figures list them.
type SentVersion struct {
	Record       sent.Record
	Restatements []metrics.Restatement
	// Recomputed says the published figures compared this version (its cut-off was computed,
	// and it was sent before they were).
	Recomputed bool
}

// SentList lists the versions sent, oldest first, with the restatements the published figures
// found (none when nothing is published). Stale says something was sent or acknowledged since
// they were computed. It takes no lock and writes nothing.
func SentList(out string) (versions []SentVersion, stale bool, err error) {
	lay := Layout{Root: out}
	records, err := sent.List(lay.Sent())
	if err != nil {
		return nil, false, err
	}
	var res *metrics.Results
	if g, dir, perr := published(lay); perr == nil && g != nil {
		res, _ = readFigures(dir.Figures())
	}
	for _, r := range records {
		v := SentVersion{Record: r}
		if res != nil {
			c, _ := r.CutoffDate()
			v.Recomputed = len(res.Cutoffs) > 0 && c.Date <= res.Cutoffs[len(res.Cutoffs)-1].Date &&
				slices.ContainsFunc(res.Sent, func(s metrics.SentVersion) bool { return s.Folder == r.Folder })
			for _, x := range res.Restatements {
				if x.Folder == r.Folder {
					v.Restatements = append(v.Restatements, x)
				}
			}
		}
		versions = append(versions, v)
	}
	if res != nil {
		in, err := sentInputs(lay, time.Time{})
		if err != nil {
			return nil, false, err
		}
		stale = in.State != res.SentState
	}
	return versions, stale, nil
}
