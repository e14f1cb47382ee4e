-- Returns the financial progress of each annual performance report on Table 1's basis
-- (mart_apr_financial).
SELECT report_year, cutoff_date, so, support_type, selected_operations, selected_operations_in_year,
       eligible_cost_cents, public_eligible_cost_cents, eu_contribution_cents, declared_cents, declared_in_year_cents,
       allocation_cents, total_allocation_cents, cofinancing_rate_tenths, selected_pct_tenths, declared_pct_tenths,
       declared_of_eligible_tenths, plan_basis
FROM mart_apr_financial
ORDER BY report_year, so = 0, so, support_type_rank
