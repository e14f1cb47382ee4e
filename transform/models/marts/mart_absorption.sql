-- Absorption per cut-off, SO and support type: declared expenditure and EU contribution as parts
-- of the allocation. The ratios are computed from integer cents as parts per million (exact
-- integer division, rounded down) and are NULL when the allocation is zero.
-- depends: mart_sfc_financial
-- key: cutoff_date, so, support_type
CREATE OR REPLACE TABLE mart_absorption AS
SELECT cutoff_date, so, support_type, allocation_cents, eu_contribution_cents, declared_cents,
       CASE WHEN allocation_cents > 0
            THEN (CAST(declared_cents AS HUGEINT) * 1000000 // allocation_cents)::BIGINT END AS declared_of_allocation_ppm,
       CASE WHEN allocation_cents > 0
            THEN (CAST(eu_contribution_cents AS HUGEINT) * 1000000 // allocation_cents)::BIGINT END AS eu_contribution_of_allocation_ppm
FROM mart_sfc_financial;
