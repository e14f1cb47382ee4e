-- Returns the Commission's financial table at the requested cut-offs (mart_sfc_financial), in
-- cents, as metrics.FinancialValue carries it.
SELECT cutoff_date, so, support_type, selected_operations,
       eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents
FROM mart_sfc_financial WHERE requested
