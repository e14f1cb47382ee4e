-- Every figure of the three tables of each cut-off's Art 42 transmission, one row per figure, as
-- the export writes it (value: the text of the CSV cell, '' for an empty one) and as a number
-- (amount, DECIMAL(38,2); NULL for an empty cell): tbl is the file's name without extension, so_code
-- the SO as the file writes it, row_label the rest of the row's key (an indicator code, a support
-- type, or '<dimension> <code>'), figure the column. cumulative marks the figures that only grow
-- from one cut-off to the next on the same data (the pre-send check C08 compares those with the
-- last version sent). The pre-send checks and the restatements compare sent files with these
-- rows, so both see exactly the figures the export writes.
-- A view: nothing reads it but those two marts and analysts.
-- depends: mart_sfc_indicators, mart_sfc_financial, mart_sfc_financial_by_intervention
-- key: cutoff_date, tbl, so_code, row_label, figure
CREATE OR REPLACE VIEW mart_transmission_figures AS
WITH indicators AS (
    SELECT cutoff_date, 'indicators' AS tbl, CAST(so AS VARCHAR) AS so_code, indicator AS row_label,
           CAST(selected_value AS VARCHAR) AS selected_value, CAST(achieved_value AS VARCHAR) AS achieved_value,
           coalesce(CAST(milestone_2024 AS VARCHAR), '') AS milestone_2024, coalesce(CAST(target_2029 AS VARCHAR), '') AS target_2029
    FROM mart_sfc_indicators
), financial AS (
    SELECT cutoff_date, 'financial' AS tbl, so_code, support_type AS row_label,
           CAST(selected_operations AS VARCHAR) AS selected_operations,
           CAST(eligible_cost_eur AS VARCHAR) AS eligible_cost_eur,
           CAST(eu_contribution_eur AS VARCHAR) AS eu_contribution_eur,
           CAST(declared_expenditure_eur AS VARCHAR) AS declared_expenditure_eur,
           CAST(allocation_eur AS VARCHAR) AS allocation_eur,
           CAST(public_eligible_cost_eur AS VARCHAR) AS public_eligible_cost_eur,
           CAST(total_allocation_eur AS VARCHAR) AS total_allocation_eur,
           coalesce(CAST(cofinancing_rate_pct AS VARCHAR), '') AS cofinancing_rate_pct,
           coalesce(CAST(selected_pct_of_allocation AS VARCHAR), '') AS selected_pct_of_allocation,
           coalesce(CAST(declared_pct_of_allocation AS VARCHAR), '') AS declared_pct_of_allocation
    FROM mart_sfc_financial
), by_intervention AS (
    SELECT cutoff_date, 'financial_by_intervention' AS tbl, CAST(so AS VARCHAR) AS so_code, dimension || ' ' || code AS row_label,
           CAST(selected_operations AS VARCHAR) AS selected_operations,
           CAST(eligible_cost_eur AS VARCHAR) AS eligible_cost_eur,
           CAST(public_eligible_cost_eur AS VARCHAR) AS public_eligible_cost_eur,
           CAST(eu_contribution_eur AS VARCHAR) AS eu_contribution_eur,
           CAST(declared_expenditure_eur AS VARCHAR) AS declared_expenditure_eur
    FROM mart_sfc_financial_by_intervention
), long AS (
    SELECT cutoff_date, tbl, so_code, row_label, figure, value FROM indicators
    UNPIVOT (value FOR figure IN (selected_value, achieved_value, milestone_2024, target_2029))
    UNION ALL
    SELECT cutoff_date, tbl, so_code, row_label, figure, value FROM financial
    UNPIVOT (value FOR figure IN (selected_operations, eligible_cost_eur, eu_contribution_eur, declared_expenditure_eur,
                                  allocation_eur, public_eligible_cost_eur, total_allocation_eur, cofinancing_rate_pct,
                                  selected_pct_of_allocation, declared_pct_of_allocation))
    UNION ALL
    SELECT cutoff_date, tbl, so_code, row_label, figure, value FROM by_intervention
    UNPIVOT (value FOR figure IN (selected_operations, eligible_cost_eur, public_eligible_cost_eur, eu_contribution_eur,
                                  declared_expenditure_eur))
)
SELECT cutoff_date, tbl, so_code, row_label, figure, value,
       CAST(nullif(value, '') AS DECIMAL(38,2)) AS amount,
       so_code <> 'TA' AND figure IN ('selected_value', 'achieved_value', 'selected_operations', 'eligible_cost_eur',
                                      'public_eligible_cost_eur', 'eu_contribution_eur', 'declared_expenditure_eur') AS cumulative
FROM long;
