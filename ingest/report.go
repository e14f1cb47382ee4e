package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
)

var problemRules = map[string]Rule{
	read.CodeUnreadable: RuleFileUnreadable, read.CodeBinary: RuleFileBinary, read.CodeEncoding: RuleFileEncoding,
	read.CodeLineTooLong: RuleFileLineLong, read.CodeTooLarge: RuleFileTooLarge, read.CodeTooManyRows: RuleFileTooMany,
	read.CodeSyntax: RuleFileSyntax, read.CodeDepth: RuleFileDepth, read.CodeHeader: RuleFileHeader,
	read.CodeNoSheet: RuleFileNoSheet, read.CodeFormula: RuleFileFormula, read.CodeSemicolon: RuleFileSemicolon,
	read.CodeEmpty: RuleFileEmpty, read.CodeShape: RuleReportShape, read.CodeFormat: RuleFileFormat,
	read.CodeUTF16: RuleFileUTF16, read.CodeWindows1252: RuleFileWindows1252, read.CodeTab: RuleFileTabs, read.CodeDate: RuleDateInvalid, read.CodeTimestamp: RuleTimeInvalid,
	read.CodeDateNormalised: RuleDateNormalised, read.CodeNumNormalised: RuleNumNormalised,
	read.CodeDateAmbiguous: RuleDateAmbiguous, read.CodeNumAmbiguous: RuleNumberAmbiguous,
}

// problemFinding turns a reader's problem into a finding of the matching rule.
func problemFinding(p *read.Problem) domain.Finding {
	r, ok := problemRules[p.Code]
	if !ok {
		r = RuleFileSyntax
	}
	return r.at(p.Place, p.Value, "%s", p.Msg)
}

// reportName is how findings name a report: its key and version as the sender wrote them.
func reportName(raw read.Report) string {
	return fmt.Sprintf("%s %s..%s submitted %s", raw.ProjectID.Text, raw.PeriodStart.Text, raw.PeriodEnd.Text, raw.SubmittedAt.Text)
}

// checker holds what the report-stage rules check a report against.
type checker struct {
	reg *Register
	cat *catalogue.Catalogue
	lim read.Limits
	// now is the clock of the run (or of validate): a report submitted later, beyond
	// domain.SubmittedTolerance, is refused.
	now time.Time
	// ofWhich is cat.RulesOfKind(catalogue.OfWhichNotAboveParent), looked up once.
	ofWhich []catalogue.ConsistencyRule
}

func newChecker(reg *Register, cat *catalogue.Catalogue, lim read.Limits, now time.Time) *checker {
	return &checker{reg: reg, cat: cat, lim: lim, now: now, ofWhich: cat.RulesOfKind(catalogue.OfWhichNotAboveParent)}
}

// report applies the report-stage rules to one raw report. ok is false when any finding is an
// error; the report is then rejected whole.
func (chk *checker) report(raw read.Report, decimalComma bool) (rep domain.Report, findings []domain.Finding, ok bool) {
	reg, cat := chk.reg, chk.cat
	add := func(f domain.Finding) { findings = append(findings, f) }
	for _, p := range raw.Problems {
		add(problemFinding(p))
	}
	rep.Place = raw.Place
	rep.Items = make([]domain.ReportItem, 0, len(raw.Items))
	text := func(c read.Cell, col string) (string, bool) {
		if c.Refused { // the reader said why, in raw.Problems
			return "", false
		}
		if c.BadUTF8 {
			add(RuleFileEncoding.at(c.Place(), c.Text, "%s is not valid UTF-8; expected the file saved as UTF-8", col))
			return "", false
		}
		switch c.Kind {
		case read.Missing:
			add(RuleReportMissing.at(c.Place(), "", "%s is empty; expected a value", col))
			return "", false
		case read.Other:
			add(RuleReportShape.at(c.Place(), c.Text, "%s is %s; expected a string", col, c.Text))
			return "", false
		}
		return c.Text, true
	}

	var project domain.Project
	knownProject := false
	if id, ok := text(raw.ProjectID, "project_id"); ok {
		rep.Key.ProjectID = id
		project, knownProject = reg.Project(id)
		switch {
		case !knownProject:
			add(RuleProjectUnknown.at(raw.ProjectID.Place(), id, "project %q is not in the project register (or its register row has an error); expected a project_id of projects.csv", id))
		case project.Status == domain.StatusCancelled:
			add(RuleProjectCancel.at(raw.ProjectID.Place(), id, "project %s is cancelled in the register; a cancelled project reports nothing", id))
		}
	}
	date := func(c read.Cell, col string) (domain.Date, bool) {
		s, ok := text(c, col)
		if !ok {
			return 0, false
		}
		d, err := domain.ParseDate(s)
		if err != nil || c.Kind == read.Number {
			add(RuleDateInvalid.at(c.Place(), s, "%s %q is not a date; expected YYYY-MM-DD (or an Excel date cell)", col, s))
			return 0, false
		}
		return d, true
	}
	start, okStart := date(raw.PeriodStart, "period_start")
	end, okEnd := date(raw.PeriodEnd, "period_end")
	rep.Key.PeriodStart, rep.Key.PeriodEnd = start, end
	okSub := false
	if s, ok := text(raw.SubmittedAt, "submitted_at"); ok {
		t, err := domain.ParseTimestamp(s)
		switch {
		case err != nil && raw.SubmittedAt.ExcelDate:
			add(RuleTimeInvalid.at(raw.SubmittedAt.Place(), s, "submitted_at is an Excel date-time, which has no UTC offset; expected text such as 2025-07-20T10:15:00+03:00"))
		case err != nil:
			add(RuleTimeInvalid.at(raw.SubmittedAt.Place(), s, "submitted_at %q is not an RFC 3339 timestamp with an offset; expected e.g. 2025-07-20T10:15:00+03:00", s))
		case t.After(chk.now.Add(domain.SubmittedTolerance)):
			add(RuleSubmittedFuture.at(raw.SubmittedAt.Place(), s, "submitted_at %s is later than now (%s); expected the time the report was sent (a report dated in the future would stay in force over every correction sent before that time)",
				s, chk.now.UTC().Format(time.RFC3339)))
		default:
			rep.SubmittedAt, okSub = t, true
		}
	}
	if okStart && okEnd {
		switch {
		case end < start:
			add(RulePeriodReversed.at(raw.PeriodEnd.Place(), raw.PeriodEnd.Text, "period_end %s is before period_start %s; expected the period to end after it starts", end, start))
		case knownProject && (start < project.Start || end > project.End):
			add(RulePeriodOutside.at(raw.PeriodStart.Place(), fmt.Sprintf("%s..%s", start, end),
				"the period %s..%s is not within project %s's dates %s..%s", start, end, project.ID, project.Start, project.End))
		}
		if okSub && end > domain.DateOf(rep.SubmittedAt) {
			add(RulePeriodAfterSub.at(raw.PeriodEnd.Place(), raw.PeriodEnd.Text,
				"the period ends %s, after the report was submitted (%s); expected a report of a period that has ended", end, raw.SubmittedAt.Text))
		}
	}
	if raw.Comment.Kind != read.Missing {
		text(raw.Comment, "comment")
	}
	for _, f := range checkComment(raw.Comment.Place(), raw.Comment.Text) {
		add(f)
	}

	seen := codeIndex{entries: make([]codeEntry, 0, min(len(raw.Items), 4*codeIndexScan))}
	for i, it := range raw.Items {
		if it.Comment.Text != "" { // an empty comment breaks no text rule
			for _, f := range checkComment(it.Comment.Place(), it.Comment.Text) {
				add(f)
			}
		}
		if it.Comment.BadUTF8 {
			text(it.Comment, "comment")
		}
		code, ok := text(it.Item, "item")
		if !ok {
			continue
		}
		if first, dup := seen.find(code); dup {
			add(RuleItemDuplicate.at(it.Item.Place(), code, "item %s appears again (first at %s); expected each item once per report", code, raw.Items[seen.entries[first].item].Item.Place()))
			continue
		}
		entry := seen.add(code, i)
		item := domain.ReportItem{Item: code}
		if code == domain.ExpenditureItem {
			s, ok := text(it.Value, "value")
			if !ok {
				continue
			}
			if decimalComma && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
				s = strings.Replace(s, ",", ".", 1)
			}
			c, err := domain.ParseEuros(s)
			negative := strings.HasPrefix(strings.TrimSpace(s), "-")
			switch {
			case !negative && (errors.Is(err, domain.ErrTooLarge) || err == nil && domain.CheckAmount(c) != nil):
				add(RuleValueTooLarge.at(it.Value.Place(), it.Value.Text, "expenditure_eur %s is above %s, the largest amount one report may give; expected the expenditure paid in the period", it.Value.Text, domain.MaxAmount))
				continue
			case negative && errors.Is(err, domain.ErrTooLarge):
				add(RuleExpNegative.at(it.Value.Place(), it.Value.Text, "expenditure_eur %s is negative; expected the expenditure paid in the period, 0 or more", it.Value.Text))
				continue
			case err != nil:
				add(RuleExpDecimal.at(it.Value.Place(), it.Value.Text, "expenditure_eur %q is not an amount; expected a decimal with a dot and at most two decimals, e.g. 18250.40", it.Value.Text))
				continue
			case c < 0:
				add(RuleExpNegative.at(it.Value.Place(), it.Value.Text, "expenditure_eur %s is negative; expected the expenditure paid in the period, 0 or more", c))
				continue
			}
			item.Amount = c
			rep.Items = append(rep.Items, item)
			continue
		}
		if _, known := cat.Indicator(code); !known {
			add(RuleItemUnknown.at(it.Item.Place(), code, "item %q is not an indicator of the catalogue; expected a code such as O.2.3 or expenditure_eur", code))
			continue
		}
		if knownProject && !cat.Applies(project.Action, code) {
			add(RuleItemNotInAction.at(it.Item.Place(), code, "indicator %s is not among those action %s reports; accepted, but check the code", code, project.Action))
		}
		s, ok := text(it.Value, "value")
		if !ok {
			continue
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if allDigits(s) && (errors.Is(err, strconv.ErrRange) || domain.CheckCount(v) != nil) {
			add(RuleValueTooLarge.at(it.Value.Place(), s, "the value of %s, %s, is above %d, the largest count one report may give; expected the new count of the period", code, s, domain.MaxCount))
			continue
		}
		if err != nil || v < 0 || !allDigits(s) {
			add(RuleCountInteger.at(it.Value.Place(), s, "the value of %s, %q, is not a count; expected a whole number 0 or more", code, s))
			continue
		}
		item.Value = v
		seen.entries[entry].value, seen.entries[entry].hasValue = v, true
		rep.Items = append(rep.Items, item)
	}
	for _, r := range chk.ofWhich {
		lesser, found := seen.find(r.Lesser)
		if !found || !seen.entries[lesser].hasValue {
			continue
		}
		child, parent := seen.entries[lesser].value, int64(0)
		if greater, found := seen.find(r.Greater); found {
			parent = seen.entries[greater].value
		}
		if child > parent {
			f := RuleOfWhichAbove.at(raw.Items[seen.entries[lesser].item].Item.Place(), strconv.FormatInt(child, 10),
				"%s = %d is above its parent %s = %d in the same report (catalogue rule %s); expected %s ≤ %s", r.Lesser, child, r.Greater, parent, r.ID, r.Lesser, r.Greater)
			f.Severity = r.Severity
			add(f)
		}
	}
	ok = true
	name := ""
	for i := range findings {
		if findings[i].Report == "" {
			if name == "" {
				name = reportName(raw)
			}
			findings[i].Report = name
		}
		if findings[i].Severity == domain.SeverityError {
			ok = false
		}
	}
	return rep, findings, ok
}

// codeIndex holds the item codes of one report as they are checked: where each first appears
// and its count. A report has a handful of items, which a slice scans faster than a map is
// built (two maps per report were a tenth of checkReport); a large one gets a map.
type codeIndex struct {
	entries []codeEntry
	byCode  map[string]int // once entries outgrow a scan
}

type codeEntry struct {
	code     string
	item     int // index in the raw report's items
	value    int64
	hasValue bool
}

const codeIndexScan = 32

func (x *codeIndex) find(code string) (int, bool) {
	if x.byCode != nil {
		i, ok := x.byCode[code]
		return i, ok
	}
	for i := range x.entries {
		if x.entries[i].code == code {
			return i, true
		}
	}
	return 0, false
}

// add records code, first seen at item; it returns the entry's index.
func (x *codeIndex) add(code string, item int) int {
	x.entries = append(x.entries, codeEntry{code: code, item: item})
	n := len(x.entries) - 1
	switch {
	case x.byCode != nil:
		x.byCode[code] = n
	case len(x.entries) > codeIndexScan:
		x.byCode = make(map[string]int, 2*len(x.entries))
		for i, e := range x.entries {
			x.byCode[e.code] = i
		}
	}
	return n
}
