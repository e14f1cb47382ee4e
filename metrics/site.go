package metrics

import (
	"time"

	"mittari/domain"
)

// Site is what the report site shows beyond the Commission tables: the shares and statuses of
// the site's marts, the state of reporting as the warehouse holds it now (not as this run's
// files left it), and the rows behind each figure. Transform fills it; the site only formats it.
//
// Long lists are capped where they are read; each capped list has its full count beside it.
type Site struct {
	// Progress and SOStatus have a row per requested cut-off and indicator or SO.
	Progress []IndicatorProgress
	SOStatus []SOStatus
	// Finance has the rows of Table 1 (SO and support type, and technical assistance) and the
	// programme as a whole per requested cut-off, in Table 1's order.
	Finance []FinanceProgress
	// Intake is what each committed run brought, newest first; LatestVersions lists the report
	// versions of the newest run that accepted any (capped at LatestVersionsTotal).
	Intake              []RunIntake
	LatestVersions      []IntakeVersion
	LatestVersionsTotal int
	// Rejections are the rejected reports and files still outstanding: no accepted version of
	// the report (or no readable copy of the file) arrived after their last rejection.
	Rejections      []Rejection
	RejectionsTotal int
	// Warnings are the warnings about accepted reports, newest first.
	Warnings      []StoredFinding
	WarningsTotal int
	// CompletenessTotals are the reports expected, received, late and missing per requested
	// cut-off and SO (0: the programme), newest first.
	CompletenessTotals []CompletenessTotal
	// Completeness is the reporting state of each project's half-years at CompletenessCutoff
	// (the latest requested cut-off), projects with the most missing and late reports first.
	Completeness         []CompletenessRow
	CompletenessProjects int
	CompletenessCutoff   domain.Cutoff
	// LineageCutoff is the latest requested cut-off, at which the projects behind each
	// indicator are listed; the operations behind each amount are listed at every requested
	// cut-off (fewer at the earlier ones, each list with its count).
	LineageCutoff   domain.Cutoff
	IndicatorRows   []IndicatorMember
	IndicatorCounts []IndicatorMemberCount
	Operations      []Operation
	OperationCounts []OperationCount
	// Projects are the projects with a page of their own: up to a bound, those the other pages
	// link to first (ProjectsTotal says how many the register has).
	Projects      []ProjectDetail
	ProjectsTotal int
}

// Valid is false where the mart has NULL: no goal, or a base of zero.
// Status is how an indicator or an SO stands against its 2029 target (mart_indicator_progress
// and mart_so_status define the rule).
type Status string

const (
	OnTrack     Status = "on_track"
	AtRisk      Status = "at_risk"
	Behind      Status = "behind"
	NotAssessed Status = "not_assessed"
)

// IndicatorProgress is one indicator at one cut-off, with its shares of its goals and status.
type IndicatorProgress struct {
	Cutoff    domain.Cutoff
	SO        domain.SO
	Indicator string
	// Main is false for an "of which" part of another indicator.
	Main          bool
	Selected      int64
	Achieved      int64
	Milestone2024 *int64
	Target2029    *int64
	Projected     *int64
	// AchievedOfTarget, SelectedOfTarget and ProjectedOfTarget are shares of the 2029 target.
	AchievedOfTarget  Pct
	SelectedOfTarget  Pct
	ProjectedOfTarget Pct
	// The 2024 milestone is judged on the value at MilestoneCheck (2024-12-31 once passed).
	MilestoneCheck           domain.Cutoff
	AchievedAtMilestoneCheck *int64
	AchievedOfMilestone      Pct
	Status                   Status
}

// SOStatus is one SO at one cut-off: how many of its main indicators stand where, and the
// status these give the SO.
type SOStatus struct {
	Cutoff                            domain.Cutoff
	SO                                domain.SO
	Assessed, OnTrack, AtRisk, Behind int64
	Status                            Status
}

// FinanceProgress is one row of the Commission's Table 1 at a cut-off (an SO and support type, or
// the technical-assistance row) or the programme as a whole, as mart_finance_progress gives it:
// the shares compare with the total (Union + national) allocation, as Table 1 does.
type FinanceProgress struct {
	Cutoff domain.Cutoff
	// SOCode is "1" … "4", "TA" for technical assistance or "programme" for the programme as a
	// whole (the 'all' rows of SO 1–4 and TA added up); SO is 0 for the last two.
	SOCode             string
	SO                 domain.SO
	SupportType        string
	SelectedOperations int64
	EligibleCost       domain.Cents
	PublicEligibleCost domain.Cents
	EUContribution     domain.Cents
	Declared           domain.Cents
	// Allocation is the Union allocation of the financial plan, TotalAllocation the Union plus
	// national allocation, CofinancingRate the Union share of it.
	Allocation      domain.Cents
	TotalAllocation domain.Cents
	CofinancingRate Pct
	// SelectedOfTotal compares the total eligible cost of the selected operations with the total
	// allocation, DeclaredOfTotal the declared expenditure (absorption).
	SelectedOfTotal Pct
	DeclaredOfTotal Pct
	// PlanBasis says what the plan's values of the row rest on (derived, assumed, adopted).
	PlanBasis string
}

// Programme reports whether the row is the programme as a whole.
func (f FinanceProgress) Programme() bool { return f.SOCode == FinanceProgramme }

// TechnicalAssistance reports whether the row is Table 1's technical-assistance row.
func (f FinanceProgress) TechnicalAssistance() bool { return f.SOCode == "TA" }

// FinanceProgramme is the SOCode of the programme as a whole.
const FinanceProgramme = "programme"

// RunIntake is what one committed run brought into the warehouse.
type RunIntake struct {
	RunID     string
	StartedAt time.Time
	// Versions accepted: NewReports for reports received the first time, Corrections for
	// further versions of a report; Projects they belong to.
	Versions, NewReports, Corrections, Projects int64
	// RejectedReports counts the reports and files rejected in the run.
	RejectedReports int64
	// Register says whether the run took a new register or targets snapshot.
	Register bool
}

// IntakeVersion is one report version a run accepted.
type IntakeVersion struct {
	ProjectID              string
	PeriodStart, PeriodEnd domain.Date
	SubmittedAt            string // as the sender wrote it
	SourceFile             string
	Correction             bool
}

// Rejection is a rejected report (Kind "report", with its key) or a file that could not be
// read at all (Kind "file") that no later accepted version or readable copy has replaced.
type Rejection struct {
	Kind                   string
	Subject                string // the report key, or the file's path in the inbox
	ProjectID              string
	PeriodStart, PeriodEnd domain.Date
	Rejections             int64 // times it was rejected
	LastRejectedAt         time.Time
	SourceFile             string // of the last rejection
	// Findings are those of the last rejection (capped at FindingsTotal).
	Findings      []StoredFinding
	FindingsTotal int
}

// StoredFinding is a finding as the warehouse keeps it.
type StoredFinding struct {
	IngestedAt time.Time
	Report     string
	SourceFile string
	Rule       string
	Severity   domain.Severity
	Place      string
	Value      string
	Message    string
}

// CompletenessTotal counts the reports of one SO (0: the programme) at a cut-off.
type CompletenessTotal struct {
	Cutoff                            domain.Cutoff
	SO                                domain.SO
	Expected, Received, Late, Missing int64
}

// CompletenessRow is the reporting state of one project's half-years.
type CompletenessRow struct {
	ProjectID             string
	SO                    domain.SO
	Missing, Late, OnTime int64
	Cells                 []CompletenessCell
}

// CompletenessCell is one half-year of a project: "on_time", "late", "missing" or "not_due".
type CompletenessCell struct {
	HalfStart, HalfEnd domain.Date
	State              string
}

// IndicatorMember is one project's selected and achieved value of an indicator at the lineage
// cut-off.
type IndicatorMember struct {
	Indicator          string
	ProjectID          string
	Selected, Achieved int64
}

// IndicatorMemberCount is how many projects make up an indicator at the lineage cut-off.
type IndicatorMemberCount struct {
	Indicator string
	Projects  int64
}

// Operation is a selected operation behind the money of its SO and support type at a cut-off.
type Operation struct {
	Cutoff         domain.Cutoff
	SO             domain.SO
	SupportType    string
	ProjectID      string
	Action         string
	EligibleCost   domain.Cents
	EUContribution domain.Cents
}

// OperationCount is how many operations make up an SO's support type at a cut-off.
type OperationCount struct {
	Cutoff      domain.Cutoff
	SO          domain.SO
	SupportType string
	Operations  int64
}

// ProjectDetail is one project of the register in force, with its targets, what it achieved,
// and every version of its reports.
type ProjectDetail struct {
	ID, Title, Beneficiary, BeneficiaryType, Action string
	SO                                              domain.SO
	SupportType                                     string
	Start, End, SelectedOn                          domain.Date
	Status                                          string
	EligibleCost, EUContribution                    domain.Cents
	// Declared is the expenditure of its reports in force counted at the lineage cut-off.
	Declared   domain.Cents
	Indicators []ProjectIndicator
	Versions   []ProjectVersion
	// Reports are its reports that were ever rejected, with their status ("outstanding" or
	// "corrected").
	Reports []ProjectReportStatus
}

// ProjectIndicator is a project's target and achieved value of one indicator at the lineage
// cut-off.
type ProjectIndicator struct {
	Indicator        string
	Target           *int64
	Achieved         int64
	AchievedOfTarget Pct
}

// ProjectVersion is one received version of one of a project's reports.
type ProjectVersion struct {
	Hash                   string
	PeriodStart, PeriodEnd domain.Date
	SubmittedAt            string // as the sender wrote it
	IngestedAt             time.Time
	RunID                  string
	SourceFile             string
	Place                  string
	// Outcome is domain.ResolveInForce's: in_force, superseded, rejected_overlap or duplicate;
	// By is the version that superseded it or that its period overlaps.
	Outcome string
	By      string
	// Changes are its items that differ from the previous version of the same report (all of
	// them for the first version).
	Changes []ItemChange
}

// ItemChange is one item of a version against the previous version of its report: a count for
// an indicator, cents for expenditure_eur; nil where the item is absent.
type ItemChange struct {
	Item          string
	Before, After *int64
}

// ProjectReportStatus is the status of one of a project's reports that was rejected at least
// once.
type ProjectReportStatus struct {
	PeriodStart, PeriodEnd domain.Date
	Status                 string
	Rejections             int64
	LastRejectedAt         time.Time
}
