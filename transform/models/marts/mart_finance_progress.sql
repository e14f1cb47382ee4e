-- The money the report site shows, on the basis of the Commission's Table 1 (mart_sfc_financial):
-- every row of Table 1 as that mart has it (SO 1-4 per support type and 'all', and the
-- technical-assistance row, so_code 'TA'), and the programme as a whole (so_code 'programme',
-- support_type 'all'): the sums of the 'all' rows of SO 1-4 and of the TA row, the whole financial
-- plan, with its co-financing rate and shares computed as Table 1 computes a row's (pct_tenths:
-- the Union share of the total allocation; the total eligible cost of the selected operations and
-- the declared expenditure against the total allocation; NULL without a total allocation).
-- Table 1's own rows are not recomputed; only the programme row is new. so_rank orders the rows
-- as Table 1 lists them (SO 1-4, TA, then the programme).
-- depends: mart_sfc_financial
-- key: cutoff_date, so_code, support_type
CREATE OR REPLACE TABLE mart_finance_progress AS
WITH table1 AS (
    SELECT cutoff_date, requested, so, so_code, CASE WHEN so_code = 'TA' THEN 5 ELSE so END AS so_rank,
           support_type, support_type_rank, selected_operations, eligible_cost_cents, public_eligible_cost_cents,
           eu_contribution_cents, declared_cents, allocation_cents, total_allocation_cents,
           cofinancing_rate_tenths, selected_pct_tenths, declared_pct_tenths, plan_basis
    FROM mart_sfc_financial
), sums AS (
    SELECT cutoff_date, requested,
           sum(selected_operations)::BIGINT AS selected_operations, sum(eligible_cost_cents)::BIGINT AS eligible_cost_cents,
           sum(public_eligible_cost_cents)::BIGINT AS public_eligible_cost_cents,
           sum(eu_contribution_cents)::BIGINT AS eu_contribution_cents, sum(declared_cents)::BIGINT AS declared_cents,
           sum(allocation_cents)::BIGINT AS allocation_cents, sum(total_allocation_cents)::BIGINT AS total_allocation_cents,
           coalesce(string_agg(DISTINCT nullif(plan_basis, ''), ' | ' ORDER BY nullif(plan_basis, '')), '') AS plan_basis
    FROM table1
    WHERE support_type = 'all'
    GROUP BY cutoff_date, requested
), programme AS (
    SELECT cutoff_date, requested, CAST(NULL AS INTEGER) AS so, 'programme' AS so_code, 6 AS so_rank,
           'all' AS support_type, 99 AS support_type_rank, selected_operations, eligible_cost_cents,
           public_eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents, total_allocation_cents,
           pct_tenths(allocation_cents, total_allocation_cents) AS cofinancing_rate_tenths,
           pct_tenths(eligible_cost_cents, total_allocation_cents) AS selected_pct_tenths,
           pct_tenths(declared_cents, total_allocation_cents) AS declared_pct_tenths,
           plan_basis
    FROM sums
)
SELECT * FROM table1
UNION ALL BY NAME
SELECT * FROM programme;
