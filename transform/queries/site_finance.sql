-- The money of Table 1 and of the programme as a whole at the requested cut-offs
-- (mart_finance_progress), in the order Table 1 lists its rows.
SELECT cutoff_date, so, so_code, support_type, selected_operations, eligible_cost_cents, public_eligible_cost_cents,
       eu_contribution_cents, declared_cents, allocation_cents, total_allocation_cents, cofinancing_rate_tenths,
       selected_pct_tenths, declared_pct_tenths, plan_basis
FROM mart_finance_progress
WHERE requested
ORDER BY cutoff_date, so_rank, support_type_rank
