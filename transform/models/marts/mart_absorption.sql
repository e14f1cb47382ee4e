-- Absorption per cut-off, SO and support type: declared expenditure and EU contribution as parts
-- of the allocation. The ratios are computed from integer cents as parts per million (exact
-- integer division, rounded down) and are NULL when the allocation is zero (or the ratio is
-- beyond 64 bits: over nine million times the allocation). The percentages
-- compare like with like, in tenths of a per cent (pct_tenths): the declared expenditure (a total)
-- with the total (Union + national) allocation, the EU contribution with the Union allocation.
-- depends: mart_sfc_financial
-- key: cutoff_date, so, support_type
CREATE OR REPLACE TABLE mart_absorption AS
SELECT cutoff_date, so, support_type, allocation_cents, total_allocation_cents, eu_contribution_cents, declared_cents,
       CASE WHEN allocation_cents > 0 AND CAST(declared_cents AS HUGEINT) * 1000000 // allocation_cents < 9223372036854775807
            THEN (CAST(declared_cents AS HUGEINT) * 1000000 // allocation_cents)::BIGINT END AS declared_of_allocation_ppm,
       CASE WHEN allocation_cents > 0 AND CAST(eu_contribution_cents AS HUGEINT) * 1000000 // allocation_cents < 9223372036854775807
            THEN (CAST(eu_contribution_cents AS HUGEINT) * 1000000 // allocation_cents)::BIGINT END AS eu_contribution_of_allocation_ppm,
       pct_tenths(declared_cents, total_allocation_cents) AS declared_pct_of_total_allocation_tenths,
       pct_tenths(eu_contribution_cents, allocation_cents) AS eu_contribution_pct_of_allocation_tenths
FROM mart_sfc_financial;
