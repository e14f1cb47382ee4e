package checks

import "mittari/domain"

// Rule is one pre-send check: documented data that CHECKS.md and `mittari check --rules` print,
// and that every finding refers to by ID. Which rows breach it is decided in SQL
// (transform/models/marts/mart_presend_checks.sql, one branch per rule, marked with its ID);
// the rule only says how severe a breach is and how to say it.
type Rule struct {
	// ID is stable: `--justify ID=TEXT` names it, and sent.json records it.
	ID       string
	Severity domain.Severity
	// Tables are the tables (or what lies behind them) the rule looks at.
	Tables string
	// Description says what the rule checks and why; Example is a breach as the message says it.
	Description string
	// Message is the finding's text, with the placeholders {version}, {cutoff}, {table}, {so},
	// {row}, {figure}, {value}, {bound_figure}, {bound} and {detail} filled in from the row of
	// mart_presend_checks.
	Message string
	Example string
}

// The rules, in the order CHECKS.md lists them. An Error blocks `mittari send`; a Warning needs a
// justification (`--justify ID=TEXT`), recorded with the version sent.
var (
	RuleOfWhich = Rule{"C01", domain.SeverityError, "indicators.csv",
		"An \"of which\" indicator above its parent (catalogue rules of kind of_which_le_parent), on the selected or the achieved values. SFC2021 validates the same relation; the sub-indicators may overlap, so they are not required to add up to the parent.",
		"{table}, SO {so}, {row}: {figure} {value} is above {bound_figure} {bound} (catalogue rule {detail})",
		"indicators.csv, SO 1, O.1.1.1: achieved_value 124 is above O.1.1 achieved_value 117 (catalogue rule ofwhich-O.1.1.1)"}
	RuleResultOutput = Rule{"C02", domain.SeverityWarning, "indicators.csv",
		"A result indicator above the output it follows (catalogue rules of kind result_le_output), on the selected or the achieved values; a warning, since results are often measured later than outputs.",
		"{table}, SO {so}, {row}: {figure} {value} is above {bound_figure} {bound} (catalogue rule {detail})",
		"indicators.csv, SO 2, R.2.8: achieved_value 11 is above O.2.3 achieved_value 8 (catalogue rule result-R.2.8)"}
	RuleCofinancing = Rule{"C03", domain.SeverityError, "financial.csv; register",
		"EU contribution above the co-financing rate × the eligible cost: per selected operation with its action's highest rate (the action's rate, or its alternative rate where the plan allows one), and per SO and support type with the financial plan's rate. Rows without a rate are not checked. Compared exactly, in cents, allowing each operation's contribution its rounding to the cent (half a cent per operation).",
		"{table}, SO {so}, {row}: EU contribution {value} EUR is above {bound_figure} ({bound} EUR)",
		"register, SO 1, operation AMIF-2024-001: EU contribution 800.00 EUR is above 75 % of the eligible cost 1000.00 EUR (750.00 EUR)"}
	RuleDeclaredEligible = Rule{"C04", domain.SeverityError, "financial.csv",
		"Declared expenditure above the eligible cost of the selected operations, per SO and support type and for the SO as a whole (its `all` row).",
		"{table}, SO {so}, {row}: declared expenditure {value} EUR is above the eligible cost of the selected operations {bound} EUR",
		"financial.csv, SO 2, all: declared expenditure 1250.00 EUR is above the eligible cost of the selected operations 1200.00 EUR"}
	RulePublicEligible = Rule{"C05", domain.SeverityError, "financial.csv; financial_by_intervention.csv",
		"Public eligible cost above the eligible cost, in any row of Table 1 or Table 2.",
		"{table}, SO {so}, {row}: public eligible cost {value} EUR is above the eligible cost {bound} EUR",
		"financial.csv, SO 3, project: public eligible cost 900.00 EUR is above the eligible cost 800.00 EUR"}
	RuleTable2 = Rule{"C06", domain.SeverityError, "financial_by_intervention.csv; financial.csv",
		"Table 2 does not add up to Table 1: for each SO and Annex VI dimension, the codes' selected operations, eligible cost, public eligible cost, EU contribution and declared expenditure must add up to the SO's `all` row of Table 1, to the operation and the cent (an SO with selected operations and no code of a dimension is a breach too).",
		"{table}, SO {so}, {row}: the codes' {figure} add up to {value}, but financial.csv's SO {so} `all` row has {bound}",
		"financial_by_intervention.csv, SO 1, type_of_action: the codes' eligible_cost_eur add up to 1000.00, but financial.csv's SO 1 `all` row has 1200.00"}
	RuleTargetNoValue = Rule{"C07", domain.SeverityError, "indicators.csv",
		"An indicator with a 2029 target in the catalogue has no row of values in a transmission that carries indicators (June and December cut-offs).",
		"{table}, SO {so}, {row}: the indicator has a 2029 target of {bound} but no row of values",
		"indicators.csv, SO 2, O.2.3: the indicator has a 2029 target of 3000 but no row of values"}
	RuleBelowSent = Rule{"C08", domain.SeverityError, "indicators.csv; financial.csv; financial_by_intervention.csv",
		"A cumulative figure (selected or achieved value; selected operations, eligible cost, public eligible cost, EU contribution or declared expenditure) below the value the last version sent before it (the latest sent cut-off on or before this one, its latest work version) holds for the same row, while that version's figure has been restated without the restatement being recorded (`mittari acknowledge`). Cumulative figures only grow from one cut-off to the next on the same data, so a fall means the figure sent earlier was restated.",
		"{table}, SO {so}, {row}: {figure} {value} is below {bound}, the value sent in version {detail}, and no restatement of it is recorded: check it with `mittari sent`, then record it with `mittari acknowledge --version {detail} --by NAME --reason TEXT`",
		"financial.csv, SO 1, all: declared_expenditure_eur 5939551.80 is below 5940000.00, the value sent in version 202606, and no restatement of it is recorded: …"}
	RuleOverdue = Rule{"C09", domain.SeverityWarning, "reports",
		"A selected operation whose report of a half-year is more than one reporting period overdue: still not received (by the run) although it was due (its due date by the catalogue's reporting deadlines, reporting.csv) more than six months before the cut-off.",
		"operation {row} (SO {so}): {value} half-year report(s) more than one period overdue, the oldest for {detail}, due {bound}",
		"operation AMIF-2024-007 (SO 2): 2 half-year report(s) more than one period overdue, the oldest for 2024-07-01..2024-12-31, due 2025-02-15"}
	RuleLateReport = Rule{"C10", domain.SeverityWarning, "reports (behind financial.csv and indicators.csv)",
		"The figures of an SO's operations rest on reports submitted after the version's submission deadline (CPR Art 42(1): the end of the month after the cut-off, end of day UTC): a version sent after its deadline (late, or again after the Commission returned it) carries data the version sent on time could not. Per SO, counting each report (project and period) once; a report put out of force by an overlapping report of its project would still count.",
		"{table}, {row}: the figures rest on {value} report(s) submitted after the deadline {bound}, the latest {detail}",
		"reports, operations of SO 1: the figures rest on 2 report(s) submitted after the deadline 2025-07-31, the latest AMIF-2024-001 2025-01-01..2025-06-30 submitted 2025-08-12T05:45:00Z (reports/jyu/jyu-guidance-2025-H1.csv)"}
)

// Rules lists every pre-send check.
func Rules() []Rule {
	return []Rule{RuleOfWhich, RuleResultOutput, RuleCofinancing, RuleDeclaredEligible, RulePublicEligible,
		RuleTable2, RuleTargetNoValue, RuleBelowSent, RuleOverdue, RuleLateReport}
}

// ByID finds a rule by its ID.
func ByID(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
