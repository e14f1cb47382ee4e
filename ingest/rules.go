package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"mittari/domain"
	"mittari/internal/errs"
)

// Stage says when a rule is checked, which decides what its finding does.
type Stage string

const (
	// StageFile: the file as a whole cannot be read; nothing in it is used.
	StageFile Stage = "file"
	// StageRegister: a row of projects.csv or project_targets.csv; an error drops that row.
	StageRegister Stage = "register"
	// StageReport: one report on its own (with the register); an error rejects the report whole.
	StageReport Stage = "report"
	// StageArrival: a report against the other versions received (domain.ResolveInForce).
	StageArrival Stage = "arrival"
	// StageProject: cumulative values of a project over its reports in force (warnings only).
	StageProject Stage = "project"
)

// Rule is one validation rule: documented data that RULES.md and `mittari validate --rules`
// print, and that every finding refers to by ID.
type Rule struct {
	ID          string
	Severity    domain.Severity
	Stage       Stage
	Description string
	Example     string
}

// The rules. Their IDs are stable: the quarantine and warnings tables store them.
var (
	RuleFileUnreadable = Rule{"file.unreadable", domain.SeverityError, StageFile, "The file cannot be opened or read.", "permission denied"}
	RuleFileFormat     = Rule{"file.format", domain.SeverityError, StageFile, "The file is not of the format its extension says, or the extension is unknown.", "reports/a.xlsx that is not a zip"}
	RuleFileBinary     = Rule{"file.binary", domain.SeverityError, StageFile, "A text file (CSV, JSON) contains NUL bytes: it is binary.", "a PDF renamed to report.csv"}
	RuleFileEncoding   = Rule{"file.encoding", domain.SeverityError, StageFile, "Text that is not UTF-8 (the line or cell is named): in JSON, any; in a CSV, a file that mixes UTF-8 and Windows-1252 (refused where the second shows), or a byte Windows-1252 does not define either (a CSV in Windows-1252 alone is read: file.windows1252).", "a CSV with Työpaja in UTF-8 on one line and Ty\\xf6 on the next"}
	RuleFileLineLong   = Rule{"file.line_too_long", domain.SeverityError, StageFile, "A CSV line is longer than 1 MiB or a record longer than 4 MiB (an unclosed quote); refused without reading the rest of the line.", "a 3 GB line with no newline"}
	RuleFileTooLarge   = Rule{"file.too_large", domain.SeverityError, StageFile, "A report file larger than 256 MiB (refused unread), an XLSX larger than 32 MiB or unzipping to more than 128 MiB (zip bomb), a JSON report object above 1 MiB, or a cell above 64 KiB.", "bomb.xlsx: 40 KB zipped, 10 GB unzipped"}
	RuleFileNotRegular = Rule{"file.not_regular", domain.SeverityError, StageFile, "Something under reports/ that is not a regular file (a named pipe, a device, a socket, a folder reached through a symbolic link) is refused without being opened.", "reports/x.csv, a FIFO that would never end"}
	RuleFileOutside    = Rule{"file.link_outside_inbox", domain.SeverityError, StageFile, "A symbolic link under reports/ that leads outside the inbox is refused without being opened (a link within the inbox is followed).", "reports/x.csv → /etc/passwd"}
	RuleFileTooMany    = Rule{"file.too_many_rows", domain.SeverityError, StageFile, "More than 200 000 rows or items in one report file (projects.csv and project_targets.csv may hold up to 20 million rows each).", "a CSV of 5 million rows"}
	RuleFileSyntax     = Rule{"file.syntax", domain.SeverityError, StageFile, "CSV quoting or field count is broken, or the JSON is not valid JSON.", "`AMIF-1,\"2025-01-01,...` (unclosed quote)"}
	RuleFileDepth      = Rule{"file.json_depth", domain.SeverityError, StageFile, "JSON nested deeper than 16 levels (a nesting bomb).", "[[[[[[[[[[[[[[[[[[...]]]]]]]]]]]]]]]]]]"}
	RuleFileHeader     = Rule{"file.header", domain.SeverityError, StageFile, "The header lacks a required column or names one twice.", "project_id,period_start,item,value (no period_end)"}
	RuleFileNoSheet    = Rule{"file.no_report_sheet", domain.SeverityError, StageFile, "An XLSX has no sheet named `report`.", "a workbook whose only sheet is Sheet1"}
	RuleFileFormula    = Rule{"file.formula", domain.SeverityError, StageFile, "A cell of the report sheet holds a formula; values only are accepted.", "D7 = `=SUM(D2:D6)`"}
	RuleFileSemicolon  = Rule{"file.semicolon_separated", domain.SeverityWarning, StageFile, "The CSV is separated by semicolons (Finnish Excel); it is read as such, and a decimal comma in expenditure_eur is accepted in it.", "project_id;period_start;..."}
	RuleFileEmpty      = Rule{"file.empty", domain.SeverityWarning, StageFile, "The file holds no report.", "a CSV with only a header line"}
	RuleFileIgnored    = Rule{"file.ignored", domain.SeverityWarning, StageFile, "A file under reports/ whose extension is not .csv, .xlsx, .json or .jsonl is not read; a report saved as another spreadsheet (.xls, .xlsb, .xlsm, .ods, .numbers) is told to save it as .xlsx or \"CSV UTF-8\".", "reports/h1.xls"}

	RuleRegField        = Rule{"register.field_missing", domain.SeverityError, StageRegister, "A required register value is empty; the row is dropped.", "a project with no project_id"}
	RuleRegProjectID    = Rule{"register.project_id_invalid", domain.SeverityError, StageRegister, "project_id is not 1 to 64 ASCII letters, digits and - _ . / starting with a letter or digit; the row is dropped.", "=HYPERLINK(\"http://x\") or AMIF 2023 014"}
	RuleRegDuplicate    = Rule{"register.project_duplicate", domain.SeverityError, StageRegister, "A project_id appears twice in projects.csv; both rows are dropped.", "AMIF-2023-014 on lines 4 and 9"}
	RuleRegDate         = Rule{"register.date_invalid", domain.SeverityError, StageRegister, "start_date, end_date or selected_on is not an ISO date, is outside 2000-01-01..2099-12-31, or end_date is before start_date; the row is dropped.", "start_date 31.1.2024"}
	RuleRegAction       = Rule{"register.action_unknown", domain.SeverityError, StageRegister, "The action is not in the catalogue; the row is dropped.", "action 2X9"}
	RuleRegMoney        = Rule{"register.money_invalid", domain.SeverityError, StageRegister, "eligible_cost_eur or eu_contribution_eur is not a non-negative decimal with at most two decimals; the row is dropped.", "eligible_cost_eur 1 200,50"}
	RuleRegTooLarge     = Rule{"register.value_too_large", domain.SeverityError, StageRegister, "eligible_cost_eur or eu_contribution_eur above 100 000 000.00, or a target above 1 000 000 000 (the bounds every sum over the warehouse must fit, domain/bounds.go); the row is dropped.", "eligible_cost_eur 999999999999999.99"}
	RuleRegEUAbove      = Rule{"register.eu_above_eligible", domain.SeverityError, StageRegister, "eu_contribution_eur exceeds eligible_cost_eur; the row is dropped.", "eligible 1000.00, EU 1200.00"}
	RuleRegPrivate      = Rule{"register.private_contribution_invalid", domain.SeverityError, StageRegister, "private_contribution_eur (optional; empty means 0) is not a non-negative decimal with at most two decimals, or exceeds eligible_cost_eur; the row is dropped.", "eligible 1000.00, private 1200.00"}
	RuleRegIntervention = Rule{"register.intervention_code_unknown", domain.SeverityError, StageRegister, "intervention_field, type_of_action or implementation_modality (optional; empty means the action's default) is not a code of that Annex VI dimension in the catalogue, or an intervention field of another specific objective than the action's; the row is dropped.", "type_of_action 099"}
	RuleRegBenType      = Rule{"register.beneficiary_type_unknown", domain.SeverityError, StageRegister, "beneficiary_type is not state_authority, municipality, ngo, university or other; the row is dropped.", "beneficiary_type NGO-ish"}
	RuleRegStatus       = Rule{"register.status_unknown", domain.SeverityError, StageRegister, "status is not selected, ongoing, completed or cancelled; the row is dropped.", "status paused"}
	RuleRegTargetProj   = Rule{"register.target_unknown_project", domain.SeverityError, StageRegister, "A target names a project that is not in the register (or whose row was dropped); the target is dropped.", "AMIF-9999-001,O.2.3,10"}
	RuleRegTargetInd    = Rule{"register.target_unknown_indicator", domain.SeverityError, StageRegister, "A target names an indicator that is not in the catalogue; the target is dropped.", "AMIF-2023-014,O.9.9,10"}
	RuleRegTargetValue  = Rule{"register.target_not_integer", domain.SeverityError, StageRegister, "A target is not a non-negative integer; the target is dropped.", "AMIF-2023-014,O.2.3,12.5"}
	RuleRegTargetDup    = Rule{"register.target_duplicate", domain.SeverityError, StageRegister, "The same project and indicator appear twice in project_targets.csv; the later row is dropped.", "AMIF-2023-014,O.2.3 on lines 3 and 8"}
	RuleTextControl     = Rule{"text.control_character", domain.SeverityError, StageReport, "A text field (comment; title or beneficiary in the register) holds a control character other than tab or line break.", "comment `ok\\x1b[31m`"}
	RuleTextFormula     = Rule{"text.formula_injection", domain.SeverityError, StageReport, "A report's comment starts with = + - or @, which a spreadsheet would run as a formula (a lone - meaning nothing is allowed). Titles and beneficiaries in the register may start so: exports neutralise such text where they write a cell, and a project is never dropped for it.", "comment `=cmd|' /C calc'!A0`"}
	RuleReportShape     = Rule{"report.shape", domain.SeverityError, StageReport, "A JSON report is not an object of the documented keys, or a key has the wrong type or appears twice.", `{"project_id": "A", "indicator": {...}}`}
	RuleReportMissing   = Rule{"report.field_missing", domain.SeverityError, StageReport, "project_id, period_start, period_end, submitted_at, item or value is empty.", "a row with no value"}
	RuleProjectUnknown  = Rule{"report.project_unknown", domain.SeverityError, StageReport, "The report's project is not in the register (or its register row was dropped for an error).", "AMIF-2099-001"}
	RuleProjectCancel   = Rule{"report.project_cancelled", domain.SeverityError, StageReport, "The report's project is cancelled in the register; a cancelled project counts nowhere.", "a report for a project with status cancelled"}
	RuleItemUnknown     = Rule{"report.item_unknown", domain.SeverityError, StageReport, "The item is neither an indicator code of the catalogue nor expenditure_eur.", "item O.2.99"}
	RuleItemNotInAction = Rule{"report.item_not_in_action", domain.SeverityWarning, StageReport, "The indicator is not among those the project's action must report (seed 004); it is accepted.", "O.1.2 from a project of action 2A1"}
	RuleItemDuplicate   = Rule{"report.item_duplicate", domain.SeverityError, StageReport, "The same item appears twice in one report.", "two rows with item O.2.3"}
	RuleCountInteger    = Rule{"report.count_not_integer", domain.SeverityError, StageReport, "An indicator value is not a non-negative whole number.", "O.2.3 = 12.5, -3 or \"many\""}
	RuleExpDecimal      = Rule{"report.expenditure_not_decimal", domain.SeverityError, StageReport, "expenditure_eur is not a decimal with a dot and at most two decimals.", "18 250,40 or 1.2e4 or 10.005"}
	RuleValueTooLarge   = Rule{"report.value_too_large", domain.SeverityError, StageReport, "An indicator value above 1 000 000 000 or an expenditure_eur above 100 000 000.00: the bounds every sum over the warehouse must fit (domain/bounds.go).", "O.2.3 = 9223372036854775807"}
	RuleSubmittedFuture = Rule{"report.submitted_in_future", domain.SeverityError, StageReport, "submitted_at is more than 15 minutes later than the clock of the run (or of validate): a report from the future would stay in force over every correction sent before its time.", "submitted_at 2206-01-20T10:00:00+02:00"}
	RuleExpNegative     = Rule{"report.expenditure_negative", domain.SeverityError, StageReport, "expenditure_eur is negative.", "-100.00"}
	RuleDateInvalid     = Rule{"report.date_invalid", domain.SeverityError, StageReport, "period_start or period_end is not an ISO date (an Excel date cell is accepted).", "2025-02-30 or 30.6.2025"}
	RuleTimeInvalid     = Rule{"report.timestamp_invalid", domain.SeverityError, StageReport, "submitted_at is not an RFC 3339 timestamp with an offset (an Excel date-time has none, so it is refused).", "2025-07-20 10:15"}
	RulePeriodReversed  = Rule{"report.period_reversed", domain.SeverityError, StageReport, "period_end is before period_start.", "2025-06-30..2025-01-01"}
	RulePeriodOutside   = Rule{"report.period_outside_project", domain.SeverityError, StageReport, "The period is not within the project's start_date..end_date.", "a 2027 period of a project ending 2026-12-31"}
	RulePeriodAfterSub  = Rule{"report.period_after_submission", domain.SeverityError, StageReport, "The period ends after the day the report was submitted (in the submitter's offset).", "period_end 2025-06-30, submitted 2025-06-15"}
	RuleOfWhichAbove    = Rule{"report.of_which_above_parent", domain.SeverityError, StageReport, "An \"of which\" value is above its parent's value in the same report (catalogue rules of kind of_which_le_parent; the catalogue's severity applies).", "O.2.3.1 = 20 with O.2.3 = 17"}
	RulePeriodOverlap   = Rule{"report.period_overlap", domain.SeverityError, StageArrival, "The period overlaps a different period of the same project in force; the later-submitted report is rejected and the other is named. Derived from all versions received (domain.ResolveInForce); the finding is kept in the run's findings log.", "2025-01-01..2025-06-30 vs 2025-06-01..2025-12-31"}
	RuleOlderIgnored    = Rule{"report.version_older_ignored", domain.SeverityWarning, StageArrival, "A version older (by submitted_at) than the version of the same report already in force arrived; it is kept but not in force.", "a resent interim report submitted before the correction"}
	RuleResultAbove     = Rule{"project.result_above_output", domain.SeverityWarning, StageProject, "Cumulatively for the project, a result exceeds the output it follows (catalogue rules of kind result_le_output).", "R.2.8 = 30 with O.2.3.1 = 25"}
	RuleTargetExceeded  = Rule{"project.target_exceeded", domain.SeverityWarning, StageProject, "The project's cumulative value of an indicator exceeds the configured factor (default 1.5) times its target.", "O.2.3 = 160 with target 100"}

	// The spellings and dialects of the files Finnish and Swedish Excel write (ingest/read).
	RuleFileUTF16       = Rule{"file.utf16", domain.SeverityWarning, StageFile, "The file is UTF-16 with a byte-order mark (Excel's \"Unicode text\", Windows PowerShell's JSON); it is read as such, but UTF-8 is expected. UTF-16 without a byte-order mark is refused (file.encoding).", "a report saved as \"Unicode text\" and renamed .csv"}
	RuleFileWindows1252 = Rule{"file.windows1252", domain.SeverityWarning, StageFile, "The CSV is Windows-1252, the code page Finnish and Swedish Excel write plain \"CSV\" in, not UTF-8: its first text beyond ASCII is not UTF-8. It is read as Windows-1252 (the finding quotes the first such cell, to check its letters), but \"CSV UTF-8\" is expected.", "Ty\\xf6paja read as Työpaja"}
	RuleFileTabs        = Rule{"file.tab_separated", domain.SeverityWarning, StageFile, "The CSV is separated by tabs (Excel's \"Unicode text\"); it is read as such, but commas are expected.", "project_id<TAB>period_start<TAB>..."}
	RuleDateNormalised  = Rule{"report.date_normalised", domain.SeverityWarning, StageReport, "period_start or period_end is written day.month.year, as Finnish and Swedish spreadsheets write dates; it is read as YYYY-MM-DD.", "1.7.2025 read as 2025-07-01"}
	RuleNumNormalised   = Rule{"report.number_normalised", domain.SeverityWarning, StageReport, "A value is written with a decimal comma, a space, no-break space or narrow no-break space between thousands, or a trailing €; it is read as digits with a decimal dot.", "1 234,50 € read as 1234.50"}
	RuleDateAmbiguous   = Rule{"report.date_ambiguous", domain.SeverityError, StageReport, "period_start or period_end can be read more than one way: day and month separated by slashes (day/month or month/day?), or a two-digit year.", "01/02/2025, 1.7.25"}
	RuleNumberAmbiguous = Rule{"report.number_ambiguous", domain.SeverityError, StageReport, "A value with one comma followed by three digits can be read with the comma as a thousands separator or as a decimal comma.", "1,234 (1234 or 1.234?)"}
)

// Rules lists every rule, sorted by ID.
func Rules() []Rule {
	rs := []Rule{RuleFileUnreadable, RuleFileNotRegular, RuleFileOutside, RuleFileFormat, RuleFileBinary, RuleFileEncoding, RuleFileLineLong, RuleFileTooLarge,
		RuleFileTooMany, RuleFileSyntax, RuleFileDepth, RuleFileHeader, RuleFileNoSheet, RuleFileFormula, RuleFileSemicolon,
		RuleFileEmpty, RuleFileIgnored, RuleRegField, RuleRegProjectID, RuleRegDuplicate, RuleRegDate, RuleRegAction, RuleRegMoney, RuleRegTooLarge, RuleRegEUAbove,
		RuleRegPrivate, RuleRegIntervention,
		RuleRegBenType, RuleRegStatus, RuleRegTargetProj, RuleRegTargetInd, RuleRegTargetValue, RuleRegTargetDup, RuleTextControl,
		RuleTextFormula, RuleReportShape, RuleReportMissing, RuleProjectUnknown, RuleProjectCancel, RuleItemUnknown,
		RuleItemNotInAction, RuleItemDuplicate, RuleCountInteger, RuleValueTooLarge, RuleExpDecimal, RuleExpNegative, RuleSubmittedFuture, RuleDateInvalid,
		RuleTimeInvalid, RulePeriodReversed, RulePeriodOutside, RulePeriodAfterSub, RuleOfWhichAbove, RulePeriodOverlap,
		RuleOlderIgnored, RuleResultAbove, RuleTargetExceeded}
	rs = append(rs, RuleFileUTF16, RuleFileWindows1252, RuleFileTabs, RuleDateNormalised, RuleNumNormalised, RuleDateAmbiguous, RuleNumberAmbiguous)
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// RuleByID finds a rule by its ID.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// maxValue bounds the bad value a finding repeats: enough to recognise it, never a whole
// hostile line.
const maxValue = 200

// at builds a finding of rule r.
func (r Rule) at(place domain.Place, value, format string, args ...any) domain.Finding {
	// A copy: the reader's text lies in blocks shared by many rows, which a kept finding
	// would otherwise keep alive whole.
	// Never more than maxValue of it, and only valid UTF-8: a hostile file's bytes must not
	// break the warehouse's text columns or a terminal.
	value = strings.Clone(truncate(validText(value), maxValue))
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = truncate(validText(s), maxValue)
		}
	}
	return domain.Finding{Rule: r.ID, Severity: r.Severity, Place: place, Value: value, Message: fmt.Sprintf(format, args...)}
}

// FormatRules writes the rule table for `mittari validate --rules`: one block per rule for a
// person, or a JSON array for machines.
func FormatRules(w io.Writer, asJSON bool) error {
	if asJSON {
		type jsonRule struct {
			ID          string          `json:"id"`
			Severity    domain.Severity `json:"severity"`
			Stage       Stage           `json:"stage"`
			Description string          `json:"description"`
			Example     string          `json:"example"`
		}
		var out []jsonRule
		for _, r := range Rules() {
			out = append(out, jsonRule(r))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return errs.E(errs.Op("ingest.FormatRules"), errs.IO, err)
		}
		return nil
	}
	for _, r := range Rules() {
		if _, err := fmt.Fprintf(w, "%s (%s, %s)\n    %s\n    e.g. %s\n", r.ID, r.Severity, r.Stage, r.Description, r.Example); err != nil {
			return errs.E(errs.Op("ingest.FormatRules"), errs.IO, err)
		}
	}
	return nil
}
