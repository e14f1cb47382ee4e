package metrics

import (
	"time"

	"mittari/domain"
)

// Results is everything one transform produced for a set of cut-offs, as known at AsOf.
type Results struct {
	AsOf    time.Time
	Cutoffs []domain.Cutoff
	// Indicators has one row per cut-off, SO and catalogue indicator of that SO, sorted by
	// cut-off, SO, indicator code.
	Indicators []IndicatorValue
	// Financial has one row per cut-off, SO and support type, plus support_type "all" per SO,
	// and the technical-assistance row (SO 0, support type "all"): CPR Annex VII Table 1.
	Financial []FinancialValue
	// ByIntervention is CPR Annex VII Table 2: per cut-off, SO, Annex VI dimension and code.
	ByIntervention []InterventionValue
	// Forecast is the forecast of payment applications (CPR Art 69(10)) of every June and
	// December cut-off; ForecastMethod says how it was made.
	Forecast       []ForecastValue
	ForecastMethod string
	// PlanNote is the catalogue's statement about its financial plan; PlanDerived says that the
	// plan holds derived or assumed values. Every export that shows the plan repeats the note.
	PlanNote    string
	PlanDerived bool
	// GoalsNote is the catalogue's statement about its milestones and targets (e.g. that they are
	// illustrative); every report that shows them repeats it.
	GoalsNote         string
	GoalsIllustrative bool
	// Extensions filled by transform beyond the two Commission tables.
	// Breakdowns holds the dimensions measure, action and beneficiary_type for every cut-off.
	// The breakdown by project (dimension "project") is not in Results: transform writes it, for
	// the latest requested cut-off, to the mart out/marts/mart_indicator_breakdowns.parquet
	// (with the other dimensions for every cut-off).
	Breakdowns   []IndicatorBreakdown
	Consistency  []ConsistencyFinding
	Projections  []Projection
	Completeness []Completeness
	Changes      []Change
	// Achievements compares each indicator with its 2024 milestone and 2029 target; Absorption
	// compares the money with the allocation. Both have a row per cut-off like their sources.
	Achievements []Achievement
	Absorption   []Absorption
	// PreviousRun and PreviousAsOf say which run Changes compare with ("" and zero when there
	// was no earlier committed run).
	PreviousRun  string
	PreviousAsOf time.Time
	// Site is what the report site shows beyond these (nil when transform did not read it).
	Site *Site
	// ResultAchievements measures the result indicators as the programme measures them, per
	// cut-off; APR holds the annual performance reports' tables and OpenData the suppressed
	// open data. The list of operations (CPR Art 49(3)), a row per operation, is not here: its
	// export reads it from the marts (OperationList).
	ResultAchievements []ResultAchievement
	APR                *APR
	OpenData           []OpenDataCell
	// Sent are the transmissions sent when these figures were computed (SentState identifies
	// them); Checks and CheckCounts the pre-send checks of the requested cut-offs, and
	// Restatements the figures of the sent versions that moved since (see presend.go).
	Sent         []SentVersion
	SentState    string
	Checks       []CheckFinding
	CheckCounts  []CheckCount
	Restatements []Restatement
}

// IndicatorValue is one row of the Commission's indicator table.
type IndicatorValue struct {
	Cutoff        domain.Cutoff
	SO            domain.SO
	Indicator     string
	Kind          domain.IndicatorKind
	Unit          string
	Selected      int64 // sum of the targets of the selected operations
	Achieved      int64 // sum of the values reported in force with period_end <= cut-off
	Milestone2024 *int64
	Target2029    *int64
}

// FinancialValue is one row of the Commission's financial table (CPR Annex VII Table 1). SO 0
// is the technical-assistance row (SOCode "TA").
type FinancialValue struct {
	Cutoff             domain.Cutoff
	SO                 domain.SO
	SupportType        string // project, operating, specific_action or all
	SelectedOperations int64
	EligibleCost       domain.Cents
	EUContribution     domain.Cents
	Declared           domain.Cents
	// Allocation is the Union allocation of the financial plan.
	Allocation domain.Cents
	// PublicEligibleCost is the eligible cost less the beneficiaries' private contributions.
	PublicEligibleCost domain.Cents
	// TotalAllocation is the Union allocation plus the national public contribution.
	TotalAllocation domain.Cents
	// CofinancingRate is the Union share of the total allocation (the plan's rate for a support
	// type, Allocation / TotalAllocation for an SO's "all" row).
	CofinancingRate Pct
	// SelectedOfAllocation and DeclaredOfAllocation compare the total eligible cost of the
	// selected operations and the declared expenditure with the total allocation.
	SelectedOfAllocation Pct
	DeclaredOfAllocation Pct
	// DeclaredOfEligibleCost compares the declared expenditure with the total eligible cost.
	DeclaredOfEligibleCost Pct
	// PlanBasis says what the plan's values of the row rest on (derived, assumed, adopted).
	PlanBasis string
}

// SOCode is the row's specific objective as the Commission's table writes it: "1" … "4", or
// "TA" for technical assistance.
func (v FinancialValue) SOCode() string { return SOCode(v.SO) }

// IndicatorBreakdown is an indicator's selected and achieved value at a cut-off for one member
// of a dimension (measure, action, beneficiary_type or project).
type IndicatorBreakdown struct {
	Cutoff    domain.Cutoff
	SO        domain.SO
	Indicator string
	Dimension string // "measure", "action", "beneficiary_type", "project"
	Member    string
	Selected  int64
	Achieved  int64
}

// ConsistencyFinding is a breach of a consistency rule at programme level, reported as found and
// never corrected.
type ConsistencyFinding struct {
	Cutoff   domain.Cutoff
	Rule     string
	Severity domain.Severity
	Lesser   string
	Greater  string
	// LesserValue and GreaterValue are the achieved values compared.
	LesserValue  int64
	GreaterValue int64
	Message      string
	// Basis says which values were compared: "achieved" or "selected" (the targets of the
	// selected operations).
	Basis string
}

// Projection extrapolates an indicator's cumulative achieved value to the end of 2029.
type Projection struct {
	Cutoff      domain.Cutoff
	SO          domain.SO
	Indicator   string
	Achieved    int64
	Projected   int64
	Target2029  *int64
	OnTrack     bool   // projected >= target
	Method      string // how the projection was made, for the reader
	Explanation string
}

// Completeness compares the reports expected from active projects with those received.
type Completeness struct {
	Cutoff   domain.Cutoff
	SO       domain.SO
	Expected int64
	Received int64
	Late     int64
	Missing  []string // project ids with an expected report not received
}

// Change is a figure that moved since the previous run, with the reports that moved it.
type Change struct {
	Cutoff  domain.Cutoff
	SO      domain.SO
	Figure  string // indicator code or financial column
	Before  string
	After   string
	Reports []string // report keys (and versions) that moved it
}

// Achievement is an indicator's progress towards its 2024 milestone and 2029 target at a cut-off.
// A ratio is nil when the goal is missing or zero; 1.0 means the goal is reached.
type Achievement struct {
	Cutoff        domain.Cutoff
	SO            domain.SO
	Indicator     string
	Selected      int64
	Achieved      int64
	Milestone2024 *int64
	Target2029    *int64
	// AchievedOfMilestone and AchievedOfTarget are achieved / milestone and achieved / target;
	// SelectedOfTarget says whether the selected operations, if they deliver, reach the target.
	AchievedOfMilestone *float64
	AchievedOfTarget    *float64
	SelectedOfTarget    *float64
	// The same ratios as per cents with one decimal, rounded once in SQL; invalid where the
	// goal is missing or zero.
	AchievedPctOfMilestone Pct
	AchievedPctOfTarget    Pct
	SelectedPctOfTarget    Pct
	// MilestoneCheck is the cut-off whose achieved value is judged against the 2024 milestone
	// (domain.MilestoneCheck), AchievedAtMilestoneCheck that value and PctOfMilestoneAtCheck its
	// share of the milestone.
	MilestoneCheck           domain.Cutoff
	AchievedAtMilestoneCheck int64
	PctOfMilestoneAtCheck    Pct
	// AchievedInYear is the change since the same cut-off a year earlier (the whole value in
	// the programme's first year).
	AchievedInYear int64
}

// Absorption relates the money of one SO and support type (or "all") to its allocation. The
// amounts stay exact; only the ratios, which are not money, are floating point.
type Absorption struct {
	Cutoff         domain.Cutoff
	SO             domain.SO
	SupportType    string
	Allocation     domain.Cents
	EUContribution domain.Cents
	Declared       domain.Cents
	// DeclaredOfAllocation and EUContributionOfAllocation are nil when the allocation is zero.
	DeclaredOfAllocation       *float64
	EUContributionOfAllocation *float64
	// TotalAllocation is the Union plus national allocation; DeclaredPctOfTotalAllocation
	// compares the declared expenditure (a total) with it, EUContributionPctOfAllocation the
	// EU contribution with the Union allocation: like with like, rounded once in SQL.
	TotalAllocation               domain.Cents
	DeclaredPctOfTotalAllocation  Pct
	EUContributionPctOfAllocation Pct
}
