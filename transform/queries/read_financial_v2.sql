-- Returns the columns the second contract added to the Commission's financial table (Table 1,
-- mart_sfc_financial) at the requested cut-offs: the public eligible cost, the total allocation,
-- the co-financing rate and the shares, as metrics.FinancialValue carries them.
SELECT cutoff_date, so, support_type,
       public_eligible_cost_cents, total_allocation_cents, cofinancing_rate_tenths, selected_pct_tenths,
       declared_pct_tenths, declared_of_eligible_tenths, plan_basis
FROM mart_sfc_financial WHERE requested
