package domain

import (
	"fmt"
	"strings"
	"time"
)

// SO is a specific objective of the AMIF programme, 1 to 4.
type SO int

// SupportType is how an operation is financed; each has its own allocation and rate.
type SupportType string

const (
	SupportProject        SupportType = "project"
	SupportOperating      SupportType = "operating"
	SupportSpecificAction SupportType = "specific_action"
)

// SupportTypes lists the support types in the order reports show them.
var SupportTypes = []SupportType{SupportProject, SupportOperating, SupportSpecificAction}

// IndicatorKind says whether an indicator counts what an operation delivered (output) or what
// followed from it (result).
type IndicatorKind string

const (
	KindOutput IndicatorKind = "output"
	KindResult IndicatorKind = "result"
)

// BeneficiaryType is the category of organisation that runs a project.
type BeneficiaryType string

// BeneficiaryTypes are the values the project register may carry.
var BeneficiaryTypes = []BeneficiaryType{"state_authority", "municipality", "ngo", "university", "other"}

// ProjectStatus is the life-cycle state of a project in the grant management system.
type ProjectStatus string

const (
	StatusSelected  ProjectStatus = "selected"
	StatusOngoing   ProjectStatus = "ongoing"
	StatusCompleted ProjectStatus = "completed"
	StatusCancelled ProjectStatus = "cancelled"
)

// ProjectStatuses are the values the project register may carry.
var ProjectStatuses = []ProjectStatus{StatusSelected, StatusOngoing, StatusCompleted, StatusCancelled}

// Project is one row of the project register: a selected operation (or a cancelled one).
type Project struct {
	ID              string
	Title           string
	Beneficiary     string
	BeneficiaryType BeneficiaryType
	Action          string
	Start, End      Date
	EligibleCost    Cents
	EUContribution  Cents
	Status          ProjectStatus
	// SelectedOn is the date of the grant decision; the register may leave it empty, in which
	// case it is Start.
	SelectedOn Date
	// PrivateContribution is the beneficiary's own private money in the eligible cost (0 when
	// the register leaves it empty); the public eligible cost is EligibleCost less it.
	PrivateContribution Cents
	// Interventions are the operation's own codes of the Annex VI dimensions (intervention
	// field, type of action, implementation modality, in that order); "" leaves the default
	// the catalogue gives its action.
	Interventions [3]string
}

// SelectedAt says whether the project is a selected operation at cut-off c: selected on or
// before c and not cancelled. A cancelled project counts nowhere.
func (p Project) SelectedAt(c Date) bool {
	return p.Status != StatusCancelled && p.SelectedOn <= c
}

// Target is the value of one indicator expected from a selected operation (its grant decision).
type Target struct {
	ProjectID string
	Indicator string
	Value     int64
}

// ExpenditureItem is the item name under which a report carries the eligible expenditure paid
// in its period.
const ExpenditureItem = "expenditure_eur"

// ReportKey identifies a report: one project and one reporting period.
type ReportKey struct {
	ProjectID   string
	PeriodStart Date
	PeriodEnd   Date
}

func (k ReportKey) String() string {
	return fmt.Sprintf("%s %s..%s", k.ProjectID, k.PeriodStart, k.PeriodEnd)
}

// Overlaps says whether two periods share at least one day.
func (k ReportKey) Overlaps(o ReportKey) bool {
	return k.PeriodStart <= o.PeriodEnd && o.PeriodStart <= k.PeriodEnd
}

// Version is one received version of a report, reduced to what decides whether it is in force.
type Version struct {
	Key         ReportKey
	SubmittedAt time.Time
	// Hash is the content hash of the version (see Report.ContentHash); it breaks ties between
	// versions submitted at the same instant and makes identical content a no-op.
	Hash string
}

// before orders versions as the spec applies them: by submitted_at, ties by content hash.
func (v Version) before(o Version) bool {
	if !v.SubmittedAt.Equal(o.SubmittedAt) {
		return v.SubmittedAt.Before(o.SubmittedAt)
	}
	return v.Hash < o.Hash
}

// SupportTypeAll is the support type of a specific objective's total row in the financial table.
const SupportTypeAll = "all"

// SupportTypeRank puts support types in the order the Commission's financial table uses —
// project, operating, specific_action — then the SO total "all", then anything unexpected.
func SupportTypeRank(st string) int {
	for i, s := range SupportTypes {
		if string(s) == st {
			return i
		}
	}
	if st == SupportTypeAll {
		return len(SupportTypes)
	}
	return len(SupportTypes) + 1
}

// CompareSupportTypes orders support types by SupportTypeRank, unknown ones by name.
func CompareSupportTypes(a, b string) int {
	if ra, rb := SupportTypeRank(a), SupportTypeRank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(a, b)
}
