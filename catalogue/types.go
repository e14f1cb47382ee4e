package catalogue

import "mittari/domain"

// SpecificObjective is one of the programme's four specific objectives.
type SpecificObjective struct {
	SO     domain.SO
	NameEN string
	NameSV string
}

// Measure is an implementation measure (1A … 3D) of one specific objective.
type Measure struct {
	Code   string // "1A"
	SO     domain.SO
	NameEN string
	NameSV string
}

// Action is a fundable action of the implementation plan (1A1 … 3D1), an operating support line
// (OS1–OS3) or a specific action "pact" (SA1, SA3): the thing a project is attached to.
type Action struct {
	Code        string // "1A1", "OS2", "SA3"
	SO          domain.SO
	Measure     string // "" for operating support and specific actions
	SupportType domain.SupportType
	NameSV      string // as seed 004 gives it
	NameEN      string
	// CofinancingPct is the EU co-financing rate in per cent (75, 90 or 100).
	CofinancingPct int
	// AltCofinancingPct is a second rate the plan allows for part of the action (e.g. 90 % for
	// alternatives to detention in 1A1); 0 when there is none.
	AltCofinancingPct int
	// Beneficiaries lists the possible beneficiaries as seed 004 words them.
	Beneficiaries []string
	// Indicators are the codes seed 004 lists under "Indikatorer som ska tillämpas"; empty where
	// it says "Indikatorer tillämpas inte".
	Indicators []string
}

// Allocation is one row of the programme's financial plan (financial_plan.csv): the Union
// allocation of one specific objective and support type for the whole period (Table 1 of seed
// 004, without technical assistance), the national public contribution beside it and the Union
// co-financing rate. The technical-assistance row has SO 0 and support type "all".
type Allocation struct {
	SO          domain.SO
	SupportType domain.SupportType
	// Amount is the Union allocation.
	Amount domain.Cents
	// National is the national public contribution; Amount + National is the total allocation.
	National domain.Cents
	// CofinancingPct is the Union co-financing rate of the total, in whole per cent.
	CofinancingPct int
	// Basis says what the row's values rest on ("union: seed 004 Table 1; national: derived
	// from the 75 % rate", or "adopted"); every export that shows the plan repeats it.
	Basis string
}

// Total is the Union allocation plus the national public contribution.
func (a Allocation) Total() domain.Cents { return a.Amount + a.National }

// The dimensions of the types of intervention of the AMIF (Regulation (EU) 2021/1147 Annex VI),
// as the register's optional columns and Table 2 name them.
const (
	DimInterventionField      = "intervention_field"
	DimTypeOfAction           = "type_of_action"
	DimImplementationModality = "implementation_modality"
)

// Dimensions lists the Annex VI dimensions in the order of the Regulation's tables.
var Dimensions = []string{DimInterventionField, DimTypeOfAction, DimImplementationModality}

// The status of an intervention code: read in an official text, not read there, or Mittari's own.
const (
	CodeVerified   = "verified"
	CodeUnverified = "unverified"
	CodeLocal      = "local"
)

// InterventionCode is one code of an Annex VI dimension.
type InterventionCode struct {
	Dimension string // DimInterventionField, DimTypeOfAction or DimImplementationModality
	Code      string // "001"
	// SO is the specific objective an intervention field belongs to; 0 for the other
	// dimensions, and for technical assistance (TA true).
	SO     domain.SO
	TA     bool
	NameEN string
	NameSV string
	// Status is CodeVerified, CodeUnverified (not read in an official text: every export that
	// uses the code says so) or CodeLocal (Mittari's own, not an Annex VI code).
	Status string
}

// ActionInterventions is the default code of each Annex VI dimension for the operations of one
// action; an operation's own codes in the register override it.
type ActionInterventions struct {
	Action string
	// Codes holds the code of each dimension, in the order of Dimensions.
	Codes [3]string
	Basis string
}

// CallAmount is the amount opened for application in one call for one action or measure
// (Tables 2–4 of seed 004).
type CallAmount struct {
	SO     domain.SO
	Code   string // the action or measure the table row names
	Call   string // e.g. "2025-spring", "2025-autumn", "2026-spring", "2026-autumn"
	Amount domain.Cents
}

// Indicator is one common indicator of Annex VIII of Regulation (EU) 2021/1147.
type Indicator struct {
	Code   string // "O.2.3.1"
	SO     domain.SO
	Kind   domain.IndicatorKind
	Parent string // the indicator an "of which" sub-indicator belongs to; "" otherwise
	Unit   string
	NameEN string
	NameSV string
	// Verify marks names that were not read in the official text and should be checked.
	Verify bool
}

// RuleKind is the kind of a consistency rule between two indicators.
type RuleKind string

const (
	// OfWhichNotAboveParent: a sub-indicator's value never exceeds its parent's (error).
	OfWhichNotAboveParent RuleKind = "of_which_le_parent"
	// ResultNotAboveOutput: a result never exceeds the output it follows, cumulatively per
	// project (warning: results may be measured later than outputs).
	ResultNotAboveOutput RuleKind = "result_le_output"
)

// ConsistencyRule says that indicator Lesser must not exceed indicator Greater.
type ConsistencyRule struct {
	ID       string
	Kind     RuleKind
	Lesser   string
	Greater  string
	Severity domain.Severity
	Note     string
}

// IndicatorGoal is the programme's milestone for 2024 and target for 2029 for one indicator.
// Milestones exist for output indicators only.
type IndicatorGoal struct {
	Indicator     string
	Milestone2024 *int64
	Target2029    int64
}
