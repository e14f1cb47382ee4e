package testcat

import (
	"testing"

	"mittari/catalogue"
	"mittari/domain"
)

// GoalsNote is the catalogue's note on its milestones and targets.
const GoalsNote = "ILLUSTRATIVE: not the adopted values, see data/programme/README.md"

// PlanNote is the catalogue's note on its financial plan.
const PlanNote = "DERIVED: a test plan, not the adopted one"

// Hash stands in for the catalogue files' SHA-256.
const Hash = "c0ffee"

func ptr(v int64) *int64 { return &v }

// Parts returns the catalogue's parts, fresh on every call, for tests that change one.
func Parts() catalogue.Parts {
	return catalogue.Parts{
		SOs: []catalogue.SpecificObjective{
			{SO: 1, NameEN: "Common European Asylum System", NameSV: "Det gemensamma europeiska asylsystemet"},
			{SO: 2, NameEN: "Legal migration and integration", NameSV: "Laglig migration och integration"},
			{SO: 3, NameEN: "Countering irregular migration and return", NameSV: "Bekämpning av olaglig migration och åtgärder för återvändande"},
			{SO: 4, NameEN: "Solidarity", NameSV: "Solidaritet mellan medlemsstaterna"},
		},
		Measures: []catalogue.Measure{{Code: "1A", SO: 1}, {Code: "2A", SO: 2}, {Code: "3A", SO: 3}},
		Actions: []catalogue.Action{
			{Code: "1A1", SO: 1, Measure: "1A", SupportType: domain.SupportProject, CofinancingPct: 75, Indicators: []string{"O.1.1", "O.1.1.1", "O.1.2", "R.1.5", "O.2.3"}},
			{Code: "OS1", SO: 1, SupportType: domain.SupportOperating, CofinancingPct: 100},
			{Code: "2A1", SO: 2, Measure: "2A", SupportType: domain.SupportProject, CofinancingPct: 75, Indicators: []string{"O.2.3", "O.2.3.1", "R.2.8"}},
			{Code: "2A2", SO: 2, Measure: "2A", SupportType: domain.SupportProject, CofinancingPct: 75, Indicators: []string{"O.2.3"}},
			{Code: "OS2", SO: 2, SupportType: domain.SupportOperating, CofinancingPct: 100},
			{Code: "SA3", SO: 3, SupportType: domain.SupportSpecificAction, CofinancingPct: 90, Indicators: []string{"O.3.1"}},
			{Code: "RS4", SO: 4, SupportType: domain.SupportSpecificAction, CofinancingPct: 100, Indicators: []string{"R.4.4", "R.4.5"}},
			{Code: "TR4", SO: 4, SupportType: domain.SupportSpecificAction, CofinancingPct: 100, Indicators: []string{"R.4.3"}},
		},
		Indicators: []catalogue.Indicator{
			{Code: "O.1.1", SO: 1, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported", NameSV: "Antalet deltagare som fått stöd"},
			{Code: "O.1.1.1", SO: 1, Kind: domain.KindOutput, Parent: "O.1.1", Unit: "participants", NameEN: "participants who received legal assistance", NameSV: "antalet deltagare som fick rättsligt bistånd"},
			{Code: "O.1.2", SO: 1, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants in training activities", NameSV: "Antalet deltagare i utbildning"},
			{Code: "R.1.5", SO: 1, Kind: domain.KindResult, Unit: "participants", NameEN: "Participants who consider the training useful, \"really\"", NameSV: "=Deltagare som anser att utbildningen är användbar"},
			{Code: "O.2.3", SO: 2, Kind: domain.KindOutput, Unit: "participants", NameEN: "Number of participants supported", NameSV: "Antalet deltagare som fått stöd"},
			{Code: "O.2.3.1", SO: 2, Kind: domain.KindOutput, Parent: "O.2.3", Unit: "participants", NameEN: "of which participants in a language course", NameSV: "antalet deltagare i språkkurser"},
			{Code: "R.2.8", SO: 2, Kind: domain.KindResult, Unit: "participants", NameEN: "Improved proficiency", NameSV: "Förbättrade kunskaper"},
			{Code: "R.2.10", SO: 2, Kind: domain.KindResult, Unit: "participants", NameEN: "Applied for recognition", NameSV: "Ansökt om erkännande"},
			{Code: "O.3.1", SO: 3, Kind: domain.KindOutput, Unit: "participants", NameEN: "Participants in training activities", NameSV: "Deltagare i utbildning"},
			{Code: "R.4.3", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons transferred", NameSV: "Överförda personer"},
			{Code: "R.4.4", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons resettled", NameSV: "Vidarebosatta personer"},
			{Code: "R.4.5", SO: 4, Kind: domain.KindResult, Unit: "persons", NameEN: "Persons admitted", NameSV: "Personer som tagits emot"},
		},
		Rules: []catalogue.ConsistencyRule{
			{ID: "OW-O.1.1.1", Kind: catalogue.OfWhichNotAboveParent, Lesser: "O.1.1.1", Greater: "O.1.1", Severity: domain.SeverityError},
			{ID: "OW-O.2.3.1", Kind: catalogue.OfWhichNotAboveParent, Lesser: "O.2.3.1", Greater: "O.2.3", Severity: domain.SeverityError},
			{ID: "RO-R.2.8", Kind: catalogue.ResultNotAboveOutput, Lesser: "R.2.8", Greater: "O.2.3.1", Severity: domain.SeverityWarning},
			{ID: "RO-R.1.5", Kind: catalogue.ResultNotAboveOutput, Lesser: "R.1.5", Greater: "O.1.2", Severity: domain.SeverityWarning},
		},
		Allocations: []catalogue.Allocation{
			{SO: 1, SupportType: domain.SupportProject, Amount: domain.MustEuros("1000.00"), National: domain.MustEuros("333.33"), CofinancingPct: 75, Basis: "derived"},
			{SO: 1, SupportType: domain.SupportOperating, Amount: domain.MustEuros("500.50"), CofinancingPct: 100, Basis: "derived"},
			{SO: 2, SupportType: domain.SupportProject, Amount: domain.MustEuros("2000.00"), National: domain.MustEuros("666.67"), CofinancingPct: 75, Basis: "derived"},
			{SO: 3, SupportType: domain.SupportSpecificAction, Amount: domain.MustEuros("300.00"), National: domain.MustEuros("33.33"), CofinancingPct: 90, Basis: "derived"},
			{SO: 4, SupportType: domain.SupportSpecificAction, Amount: domain.MustEuros("100.00"), CofinancingPct: 100, Basis: "assumed"},
		},
		TechnicalAssistance: catalogue.Allocation{SupportType: domain.SupportTypeAll, Amount: domain.MustEuros("234.03"), CofinancingPct: 100, Basis: "derived: 6 %"},
		PlanNote:            PlanNote,
		PlanDerived:         true,
		Interventions: []catalogue.InterventionCode{
			{Dimension: catalogue.DimInterventionField, Code: "001", SO: 1, NameEN: "Reception conditions", NameSV: "Mottagningsförhållanden", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimInterventionField, Code: "002", SO: 1, NameEN: "Asylum procedures", NameSV: "Asylförfaranden", Status: catalogue.CodeVerified},
			{Dimension: catalogue.DimInterventionField, Code: "007", SO: 2, NameEN: "Development of integration strategies", NameSV: "Utveckling av integrationsstrategier", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimInterventionField, Code: "010", SO: 2, NameEN: "Integration measures – language training", NameSV: "Integrationsåtgärder – språkundervisning", Status: catalogue.CodeVerified},
			{Dimension: catalogue.DimInterventionField, Code: "021", SO: 3, NameEN: "Return procedures", NameSV: "Återvändandeförfaranden", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimInterventionField, Code: "029", SO: 4, NameEN: "Transfers (relocation)", NameSV: "Överföringar", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimInterventionField, Code: "031", SO: 4, NameEN: "Resettlement (Article 19)", NameSV: "Vidarebosättning", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimInterventionField, Code: "034", TA: true, NameEN: "Information and communication", NameSV: "Information och kommunikation", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimTypeOfAction, Code: "002", NameEN: "Capacity building", NameSV: "Kapacitetsuppbyggnad", Status: catalogue.CodeVerified},
			{Dimension: catalogue.DimTypeOfAction, Code: "011", NameEN: "Provision of assistance and support services to third-country nationals", NameSV: "Stödtjänster", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimImplementationModality, Code: "000", NameEN: "None of the Annex VI implementation modalities (Mittari's own code)", NameSV: "Ingen", Status: catalogue.CodeLocal},
			{Dimension: catalogue.DimImplementationModality, Code: "001", NameEN: "Cooperation with third countries", NameSV: "Samarbete med tredjeländer", Status: catalogue.CodeUnverified},
			{Dimension: catalogue.DimImplementationModality, Code: "004", NameEN: "Specific actions", NameSV: "Särskilda åtgärder", Status: catalogue.CodeVerified},
		},
		ActionCodes: []catalogue.ActionInterventions{
			{Action: "1A1", Codes: [3]string{"002", "002", "000"}, Basis: "assumed"},
			{Action: "OS1", Codes: [3]string{"001", "002", "000"}, Basis: "assumed"},
			{Action: "2A1", Codes: [3]string{"010", "011", "000"}, Basis: "assumed"},
			{Action: "2A2", Codes: [3]string{"007", "002", "001"}, Basis: "assumed"},
			{Action: "OS2", Codes: [3]string{"010", "002", "000"}, Basis: "assumed"},
			{Action: "SA3", Codes: [3]string{"021", "002", "004"}, Basis: "assumed"},
			{Action: "RS4", Codes: [3]string{"031", "011", "000"}, Basis: "assumed"},
			{Action: "TR4", Codes: [3]string{"029", "011", "000"}, Basis: "assumed"},
		},
		CodesNote:    "UNVERIFIED: test codes",
		DefaultsNote: "ASSUMED: test defaults",
		// The deadlines every report had before reporting.csv: 60 days after its period.
		Reporting: []catalogue.ReportingDue{{Report: catalogue.ReportH1, DueDays: 60, Basis: "test"},
			{Report: catalogue.ReportH2, DueDays: 60, Basis: "test"}, {Report: catalogue.ReportFinal, DueDays: 60, Basis: "test"}},
		ReportingNote: "ASSUMED: 60 days after every period", ReportingAssumed: true,
		Goals:             []catalogue.IndicatorGoal{{Indicator: "O.1.1", Milestone2024: ptr(10), Target2029: 100}, {Indicator: "O.2.3", Milestone2024: ptr(0), Target2029: 50}, {Indicator: "R.2.8", Target2029: 20}},
		GoalsNote:         GoalsNote,
		GoalsIllustrative: true,
		// R.2.8 is a share of O.2.3.1 (50 %), R.1.5 of O.1.1 (80 %); the others are numbers.
		ResultMeasures: []catalogue.ResultMeasure{
			{Indicator: "R.1.5", BaselineUnit: catalogue.TargetShare, ReferenceYear: 2021, TargetType: catalogue.TargetShare, Denominator: "O.1.1", TargetSharePct: 80, Basis: "assumed"},
			{Indicator: "R.2.8", Baseline: 10, BaselineUnit: catalogue.TargetShare, ReferenceYear: 2020, TargetType: catalogue.TargetShare, Denominator: "O.2.3.1", TargetSharePct: 50, Basis: "assumed"},
			{Indicator: "R.2.10", BaselineUnit: catalogue.TargetNumber, ReferenceYear: 2021, TargetType: catalogue.TargetNumber, Basis: "assumed"},
			{Indicator: "R.4.3", BaselineUnit: catalogue.TargetNumber, ReferenceYear: 2021, TargetType: catalogue.TargetNumber, SO4Count: catalogue.SO4Transferred, Basis: "assumed"},
			{Indicator: "R.4.4", BaselineUnit: catalogue.TargetNumber, ReferenceYear: 2021, TargetType: catalogue.TargetNumber, SO4Count: catalogue.SO4Resettled, Basis: "assumed"},
			{Indicator: "R.4.5", BaselineUnit: catalogue.TargetNumber, ReferenceYear: 2021, TargetType: catalogue.TargetNumber, SO4Count: catalogue.SO4Admitted, Basis: "assumed"},
		},
		ResultsNote:    "ASSUMED: test measures",
		ResultsAssumed: true,
		// Universities are not named in the list of operations here (a test of the rule).
		Publication: catalogue.Publication{Fund: "AMIF", Country: "FI", Location: "FI",
			LegalPersonTypes: []string{"state_authority", "municipality", "ngo", "other"},
			ProtectedUnits:   []string{"participants", "persons"}, SmallCount: 5, Note: "ASSUMED: test settings", Assumed: true},
		Hash: Hash,
	}
}

// New returns the shared test catalogue.
func New(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	c, err := catalogue.New(Parts())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
