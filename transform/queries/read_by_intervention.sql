-- Returns Table 2 (mart_sfc_financial_by_intervention) at the requested cut-offs, as
-- metrics.InterventionValue carries it.
SELECT cutoff_date, so, dimension, code, selected_operations,
       eligible_cost_cents, public_eligible_cost_cents, eu_contribution_cents, declared_cents
FROM mart_sfc_financial_by_intervention WHERE requested
