package metrics

import "mittari/domain"

// APR is what the annual performance reports (AMIF Art 35) tabulate, for every report whose
// accounting year has ended (domain.AccountingYear): the rows of mart_apr_progress,
// mart_apr_financial, mart_apr_so4 and mart_apr_issues.
type APR struct {
	// Years are the reports computed, by the year they are due, oldest first.
	Years     []int
	Progress  []APRProgress
	Financial []APRFinancial
	SO4       []APRSO4
	Issues    []APRIssue
}

// APRProgress is one indicator in one annual performance report: cumulative at the report's
// cut-off (30 June N−1) and in its accounting year.
type APRProgress struct {
	Report    int
	Cutoff    domain.Cutoff
	SO        domain.SO
	Indicator string
	Kind      domain.IndicatorKind
	Unit      string
	// Selected is the value of the selected operations; Achieved the cumulative achieved value;
	// AchievedInYear what the accounting year added (the whole value in the first report).
	Selected, Achieved, AchievedInYear int64
	Milestone2024                      *int64
	// MilestonePct is the achieved share of the milestone: at the report's own cut-off before
	// the end of 2024, at 2024-12-31 after it, when AchievedAtMilestone and MilestoneMet (nil
	// before) say whether it was met.
	MilestonePct        Pct
	AchievedAtMilestone *int64
	MilestoneMet        *bool
	// Target2029 is the number target (nil for a share target, whose target is in Result);
	// TargetPct how far it is achieved; SelectedPct how far the selected operations would take
	// it.
	Target2029  *int64
	TargetPct   Pct
	SelectedPct Pct
	// Projected and OnTrack: the value projected to the end of 2029 and whether it reaches the
	// number target (nil for a share target).
	Projected *int64
	OnTrack   *bool
	// Result says how a result indicator is measured; nil for an output.
	Result *ResultMeasure
}

// ResultMeasure is how a result indicator is measured (result_indicators.csv) and, for a share
// target, the share achieved: the result's achieved value against its denominator output's.
type ResultMeasure struct {
	Baseline       int64
	BaselineUnit   string // number or share
	ReferenceYear  int
	TargetType     string // number or share
	Denominator    string // the output a share target divides by; "" for a number
	TargetSharePct *int64
	// DenominatorAchieved is the denominator's achieved value; AchievedShare the result's
	// achieved value as a share of it (invalid for a number target or a zero denominator).
	DenominatorAchieved int64
	AchievedShare       Pct
	Basis               string
}

// ResultAchievement is a result indicator at a cut-off, measured as the programme measures it:
// mart_result_achievement.
type ResultAchievement struct {
	Cutoff    domain.Cutoff
	SO        domain.SO
	Indicator string
	Selected  int64
	Achieved  int64
	// Target2029 is the number target (nil for a share); TargetPct how far the target is
	// achieved, SelectedPct how far the selected operations would take it.
	Target2029  *int64
	TargetPct   Pct
	SelectedPct Pct
	ResultMeasure
}

// APRFinancial is Table 1 (CPR Annex VII) at the report's cut-off, with what the accounting
// year added to the selected operations and the declared expenditure.
type APRFinancial struct {
	Report int
	FinancialValue
	SelectedInYear int64
	DeclaredInYear domain.Cents
}

// APRSO4 is one of the SO 4 counts the report states (AMIF Art 35(2)): persons resettled,
// admitted through humanitarian admission or transferred, in the year and cumulatively.
type APRSO4 struct {
	Report     int
	Cutoff     domain.Cutoff
	Count      string // resettled, admitted or transferred
	Indicator  string
	Unit       string
	InYear     int64
	Cumulative int64
}

// APRIssue is a candidate issue affecting the programme's performance, found in the data for
// staff to confirm and complete: mart_apr_issues.
type APRIssue struct {
	Report  int
	Cutoff  domain.Cutoff
	Issue   string // reports_missing, reports_late, selected_below_target, ...
	Subject string // the SO, indicator or measure it concerns
	SO      domain.SO
	// Value and Reference are the figures compared (e.g. reports missing of those expected) and
	// Pct their ratio where the issue has one; Projects the operations concerned, if any.
	Value     int64
	Reference *int64
	Pct       Pct
	Projects  []string
	// Evidence says it in a sentence.
	Evidence string
}

// ListedOperation is one row of the list of operations (CPR Art 49(3)) at the latest cut-off:
// mart_operations_list, with its indicators from mart_operation_indicators.
type ListedOperation struct {
	Cutoff    domain.Cutoff
	ProjectID string
	Title     string
	// Beneficiary is the beneficiary's name when it is a legal person; BeneficiaryPublished is
	// false (and Beneficiary "") otherwise.
	Beneficiary          string
	BeneficiaryPublished bool
	BeneficiaryType      string
	Action               string
	SO                   domain.SO
	Status               string
	Start, End           domain.Date
	// EndActual: End is the actual end (the operation is completed), not the expected one.
	EndActual      bool
	SelectedOn     domain.Date
	TotalCost      domain.Cents
	EUContribution domain.Cents
	// CofinancingRate is the Union contribution as a share of the total cost.
	CofinancingRate         Pct
	Fund, Country, Location string
	// Codes are the operation's Annex VI codes: intervention field, type of action,
	// implementation modality.
	Codes      [3]string
	Indicators []OperationIndicator
}

// OperationList is the list of operations, read an operation at a time by the export that
// formats it: it has a row per operation, too many to travel in Results (package marts reads it
// from the marts transform writes).
type OperationList interface {
	// Digest identifies the rows: two lists with the same digest hold the same operations.
	Digest() (string, error)
	// Each calls fn with every operation in project order, its indicators in the order of
	// their SO and code; fn may keep nothing it is given.
	Each(fn func(*ListedOperation) error) error
}

// OperationIndicator is one indicator of an operation: its target and what it has achieved.
type OperationIndicator struct {
	Indicator string
	Target    int64
	Achieved  int64
}

// OpenDataCell is one published cell of the open data: an indicator's values at a cut-off for
// one action, or for its SO as a whole (Action ""), from mart_opendata_indicators. Only the
// published form of the achieved value leaves the mart: a number, "<5" (a count of 1–4
// people) or ".." (withheld so that no small count can be worked out from the totals).
type OpenDataCell struct {
	Cutoff    domain.Cutoff
	SO        domain.SO
	Indicator string
	Unit      string
	Action    string
	Selected  int64
	Published string
	// Suppression is "" (published as it is), "primary" (a small count) or "secondary".
	Suppression string
}
