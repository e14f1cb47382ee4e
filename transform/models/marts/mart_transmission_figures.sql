-- Every figure of the three tables of each cut-off's Art 42 transmission, one row per figure:
-- tbl is the file's name without extension, so_code the SO as the file writes it, row_label the
-- rest of the row's key (an indicator code, a support type, or '<dimension> <code>'), figure the
-- column. hundredths is the figure in hundredths of its unit (cents of a euro amount, a count
-- times 100, a percentage with one decimal times 100; NULL for an empty cell) and unit says
-- which ('count', 'eur', 'pct'): the figure_text macro writes it back exactly as the export does
-- (value). cumulative marks the figures that only grow from one cut-off to the next on the same
-- data (the pre-send check C08 compares those with the last version sent). The pre-send checks
-- and the restatements compare the files sent with these rows, in integers, and only format the
-- few rows they report (parsing or formatting DECIMAL(38,2) text is far slower, BENCHMARKS.md).
-- A view: nothing reads it but those two marts and analysts.
-- depends: mart_sfc_indicators, mart_sfc_financial, mart_sfc_financial_by_intervention
-- key: cutoff_date, tbl, so_code, row_label, figure
CREATE OR REPLACE VIEW mart_transmission_figures AS
WITH indicators AS (
    SELECT cutoff_date, 'indicators' AS tbl, CAST(so AS VARCHAR) AS so_code, indicator AS row_label,
           selected_value * 100 AS selected_value, achieved_value * 100 AS achieved_value,
           milestone_2024 * 100 AS milestone_2024, target_2029 * 100 AS target_2029
    FROM mart_sfc_indicators
), financial AS (
    SELECT cutoff_date, 'financial' AS tbl, so_code, support_type AS row_label,
           selected_operations * 100 AS selected_operations, eligible_cost_cents AS eligible_cost_eur,
           eu_contribution_cents AS eu_contribution_eur, declared_cents AS declared_expenditure_eur,
           allocation_cents AS allocation_eur, public_eligible_cost_cents AS public_eligible_cost_eur,
           total_allocation_cents AS total_allocation_eur, cofinancing_rate_tenths * 10 AS cofinancing_rate_pct,
           selected_pct_tenths * 10 AS selected_pct_of_allocation, declared_pct_tenths * 10 AS declared_pct_of_allocation
    FROM mart_sfc_financial
), by_intervention AS (
    SELECT cutoff_date, 'financial_by_intervention' AS tbl, CAST(so AS VARCHAR) AS so_code, dimension || ' ' || code AS row_label,
           selected_operations * 100 AS selected_operations, eligible_cost_cents AS eligible_cost_eur,
           public_eligible_cost_cents AS public_eligible_cost_eur, eu_contribution_cents AS eu_contribution_eur,
           declared_cents AS declared_expenditure_eur
    FROM mart_sfc_financial_by_intervention
), long AS (
    SELECT cutoff_date, tbl, so_code, row_label, figure, hundredths FROM indicators
    UNPIVOT INCLUDE NULLS (hundredths FOR figure IN (selected_value, achieved_value, milestone_2024, target_2029))
    UNION ALL
    SELECT cutoff_date, tbl, so_code, row_label, figure, hundredths FROM financial
    UNPIVOT INCLUDE NULLS (hundredths FOR figure IN (selected_operations, eligible_cost_eur, eu_contribution_eur, declared_expenditure_eur,
                                  allocation_eur, public_eligible_cost_eur, total_allocation_eur, cofinancing_rate_pct,
                                  selected_pct_of_allocation, declared_pct_of_allocation))
    UNION ALL
    SELECT cutoff_date, tbl, so_code, row_label, figure, hundredths FROM by_intervention
    UNPIVOT INCLUDE NULLS (hundredths FOR figure IN (selected_operations, eligible_cost_eur, public_eligible_cost_eur, eu_contribution_eur,
                                  declared_expenditure_eur))
), typed AS (
    SELECT cutoff_date, tbl, so_code, row_label, figure, CAST(hundredths AS BIGINT) AS hundredths,
           CASE WHEN figure LIKE '%\_eur' ESCAPE '\' THEN 'eur' WHEN figure LIKE '%\_pct%' ESCAPE '\' THEN 'pct' ELSE 'count' END AS unit
    FROM long
)
SELECT cutoff_date, tbl, so_code, row_label, figure, hundredths, unit, figure_text(hundredths, unit) AS value,
       so_code <> 'TA' AND figure IN ('selected_value', 'achieved_value', 'selected_operations', 'eligible_cost_eur',
                                      'public_eligible_cost_eur', 'eu_contribution_eur', 'declared_expenditure_eur') AS cumulative
FROM typed;
