package export

// Columns that several exported tables show, defined once: the contract's name, the
// Commission's title and the mart column of the same name (LINEAGE.md).
var (
	colVersion         = column{name: "version", title: "Version (SFC2021)", from: "version"}
	colCutoff          = column{name: "cutoff_date", title: "Cut-off date", from: "cutoff_date"}
	colSO              = column{name: "so", title: "Specific objective", from: "so"}
	colSOCode          = column{name: "so", title: "Specific objective", from: "so_code"}
	colSupportType     = column{name: "support_type", title: "Type of support", from: "support_type"}
	colIndicator       = column{name: "indicator", title: "Indicator code", from: "indicator"}
	colIndicatorNameSV = column{name: "name_sv", title: "Indikator (svenska)", from: "catalogue: indicators.csv name_sv", xlsxOnly: true}
	colKind            = column{name: "kind", title: "Type of indicator", from: "kind"}
	colUnit            = column{name: "unit", title: "Measurement unit", from: "unit"}
	colOperations      = column{name: "selected_operations", title: "Number of selected operations", from: "selected_operations"}
	colEligible        = column{name: "eligible_cost_eur", title: "Total eligible cost of operations selected for support", from: "eligible_cost_eur"}
	colPublic          = column{name: "public_eligible_cost_eur", title: "Public contribution to operations selected for support", from: "public_eligible_cost_eur"}
	colEU              = column{name: "eu_contribution_eur", title: "Union contribution to operations selected for support", from: "eu_contribution_eur"}
	colDeclared        = column{name: "declared_expenditure_eur", title: "Total eligible expenditure declared by beneficiaries to the managing authority", from: "declared_expenditure_eur"}
	colAllocation      = column{name: "allocation_eur", title: "Union allocation (financial plan)", from: "allocation_eur"}
	colTotalAllocation = column{name: "total_allocation_eur", title: "Total financial allocation (Union and national)", from: "total_allocation_eur"}
	colMilestone       = column{name: "milestone_2024", title: "Milestone (2024)", from: "milestone_2024"}
	colTarget          = column{name: "target_2029", title: "Target (2029)", from: "target_2029"}
	colYear            = column{name: "year", title: "Year of the report", from: "cutoff_date (its year)"}
)

// in is c shown from another mart column than its name.
func (c column) in(from string) column {
	c.from = from
	return c
}
