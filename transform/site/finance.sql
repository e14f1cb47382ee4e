-- The money and its shares of the allocation at the requested cut-offs (mart_finance_progress).
SELECT cutoff_date, so, support_type, selected_operations, eligible_cost_cents, eu_contribution_cents,
       declared_cents, allocation_cents, eu_contribution_permille_of_allocation, declared_permille_of_allocation
FROM mart_finance_progress
WHERE requested
ORDER BY cutoff_date, so, support_type_rank
