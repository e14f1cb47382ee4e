-- Financial progress in each annual performance report, on the basis of Table 1 (CPR Annex VII):
-- mart_sfc_financial at the report's cut-off (30 June N−1), every SO, support type and the
-- technical-assistance row, with what the accounting year added: operations selected and
-- expenditure declared since the 30 June N−2 cut-off (everything, for the first report).
-- depends: accounting_years, mart_sfc_financial
-- key: report_year, so, support_type
CREATE OR REPLACE TABLE mart_apr_financial AS
SELECT y.report_year, f.cutoff_date, f.so, f.so_code, f.support_type, f.support_type_rank,
       f.selected_operations,
       (f.selected_operations - coalesce(b.selected_operations, 0))::BIGINT AS selected_operations_in_year,
       f.eligible_cost_cents, f.public_eligible_cost_cents, f.eu_contribution_cents, f.declared_cents,
       (f.declared_cents - coalesce(b.declared_cents, 0))::BIGINT AS declared_in_year_cents,
       f.allocation_cents, f.total_allocation_cents, f.cofinancing_rate_tenths,
       f.selected_pct_tenths, f.declared_pct_tenths, f.declared_of_eligible_tenths, f.plan_basis,
       eur(f.declared_cents - coalesce(b.declared_cents, 0)) AS declared_in_year_eur,
       f.eligible_cost_eur, f.declared_expenditure_eur, f.total_allocation_eur
FROM accounting_years y
JOIN mart_sfc_financial f ON f.cutoff_date = y.cutoff_date
LEFT JOIN mart_sfc_financial b
  ON b.cutoff_date = y.previous_cutoff_date AND b.so = f.so AND b.support_type = f.support_type;
