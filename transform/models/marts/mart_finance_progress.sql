-- The money of each SO and support type at each cut-off (mart_sfc_financial), and of the
-- programme as a whole as so = 0, with the shares the report shows: per mille of the Union
-- allocation (Table 1 of the implementation plan), rounded half away from zero from the cents,
-- NULL when the allocation is zero (the technical-assistance row of Table 1 is not an SO's and
-- is left out):
--   eu_contribution_permille_of_allocation: the EU contribution of the selected operations;
--   declared_permille_of_allocation (absorption): the expenditure declared by beneficiaries.
-- depends: mart_sfc_financial
-- key: cutoff_date, so, support_type
CREATE OR REPLACE TABLE mart_finance_progress AS
WITH amounts AS (
    SELECT cutoff_date, requested, so, support_type, support_type_rank, selected_operations,
           eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents
    FROM mart_sfc_financial
    WHERE so_code <> 'TA'
    UNION ALL
    SELECT cutoff_date, requested, 0, support_type, support_type_rank,
           sum(selected_operations)::BIGINT, sum(eligible_cost_cents)::BIGINT,
           sum(eu_contribution_cents)::BIGINT, sum(declared_cents)::BIGINT, sum(allocation_cents)::BIGINT
    FROM mart_sfc_financial
    WHERE so_code <> 'TA'
    GROUP BY cutoff_date, requested, support_type, support_type_rank
)
SELECT cutoff_date, requested, so, support_type, support_type_rank, selected_operations,
       eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents,
       CASE WHEN allocation_cents > 0 THEN sign(eu_contribution_cents) * ((2000 * abs(CAST(eu_contribution_cents AS HUGEINT)) + allocation_cents) // (2 * allocation_cents)) END::BIGINT AS eu_contribution_permille_of_allocation,
       CASE WHEN allocation_cents > 0 THEN sign(declared_cents) * ((2000 * abs(CAST(declared_cents AS HUGEINT)) + allocation_cents) // (2 * allocation_cents)) END::BIGINT AS declared_permille_of_allocation
FROM amounts;
