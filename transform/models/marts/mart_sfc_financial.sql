-- The Commission's financial table (CPR Annex VII Table 1): per cut-off, SO (of the project's
-- action) and support type, the number of selected operations, their total and public eligible
-- cost and EU contribution, the expenditure declared in reports in force with period_end <=
-- cut-off, and the financial plan (cat_financial_plan): the Union allocation, the total (Union +
-- national) allocation and the co-financing rate; a support_type 'all' row per SO, and the
-- technical-assistance row (so 0, so_code 'TA', support_type 'all') of the plan.
-- The shares compare like with like: the total eligible cost and the declared expenditure
-- against the total allocation; the rate of an 'all' row is its Union share of the total. They
-- are tenths of a per cent (pct_tenths), NULL when there is nothing to compare with. Money is
-- integer cents; the *_eur columns are the same amounts as DECIMAL(38,2), the *_pct ones the
-- shares as DECIMAL(18,1), for readers of the Parquet mart.
-- depends: cutoffs, cat_sos, cat_support_types, cat_financial_plan, int_financial_contributions
-- key: cutoff_date, so, support_type
CREATE OR REPLACE TABLE mart_sfc_financial AS
WITH contributions AS (
    -- Operations count from the cut-off they are selected at; expenditure from the first cut-off
    -- by which both its period ended and its project was selected (int_financial_contributions).
    SELECT so, support_type, counts_from, selected_operations, eligible_cost_cents, public_eligible_cost_cents,
           eu_contribution_cents, declared_cents
    FROM int_financial_contributions
), operations AS (
    SELECT c.cutoff_date, k.so, k.support_type,
           sum(k.selected_operations) AS selected_operations,
           sum(k.eligible_cost_cents) AS eligible_cost_cents,
           sum(k.public_eligible_cost_cents) AS public_eligible_cost_cents,
           sum(k.eu_contribution_cents) AS eu_contribution_cents,
           sum(k.declared_cents) AS declared_cents
    FROM cutoffs c
    JOIN contributions k ON k.counts_from <= c.cutoff_date
    GROUP BY ALL
), by_type AS (
    SELECT c.cutoff_date, c.version, c.requested, so.so, st.support_type, st.rank,
           coalesce(o.selected_operations, 0)::BIGINT AS selected_operations,
           coalesce(o.eligible_cost_cents, 0)::BIGINT AS eligible_cost_cents,
           coalesce(o.public_eligible_cost_cents, 0)::BIGINT AS public_eligible_cost_cents,
           coalesce(o.eu_contribution_cents, 0)::BIGINT AS eu_contribution_cents,
           coalesce(o.declared_cents, 0)::BIGINT AS declared_cents,
           coalesce(p.union_cents, 0)::BIGINT AS allocation_cents,
           coalesce(p.union_cents + p.national_cents, 0)::BIGINT AS total_allocation_cents,
           p.cofinancing_pct * 10 AS cofinancing_rate_tenths,
           coalesce(p.basis, '') AS plan_basis
    FROM cutoffs c
    CROSS JOIN cat_sos so
    CROSS JOIN cat_support_types st
    LEFT JOIN operations o
      ON o.cutoff_date = c.cutoff_date AND o.so = so.so AND o.support_type = st.support_type
    LEFT JOIN cat_financial_plan p ON p.so = so.so AND p.support_type = st.support_type
), totals AS (
    SELECT cutoff_date, version, requested, so, 'all' AS support_type, 99 AS rank,
           sum(selected_operations)::BIGINT AS selected_operations, sum(eligible_cost_cents)::BIGINT AS eligible_cost_cents,
           sum(public_eligible_cost_cents)::BIGINT AS public_eligible_cost_cents,
           sum(eu_contribution_cents)::BIGINT AS eu_contribution_cents, sum(declared_cents)::BIGINT AS declared_cents,
           sum(allocation_cents)::BIGINT AS allocation_cents, sum(total_allocation_cents)::BIGINT AS total_allocation_cents,
           pct_tenths(sum(allocation_cents), sum(total_allocation_cents)) AS cofinancing_rate_tenths,
           coalesce(string_agg(DISTINCT nullif(plan_basis, ''), ' | ' ORDER BY nullif(plan_basis, '')), '') AS plan_basis
    FROM by_type
    GROUP BY cutoff_date, version, requested, so
), technical_assistance AS (
    SELECT c.cutoff_date, c.version, c.requested, 0 AS so, 'all' AS support_type, 100 AS rank,
           0::BIGINT AS selected_operations, 0::BIGINT AS eligible_cost_cents, 0::BIGINT AS public_eligible_cost_cents,
           0::BIGINT AS eu_contribution_cents, 0::BIGINT AS declared_cents,
           p.union_cents AS allocation_cents, (p.union_cents + p.national_cents)::BIGINT AS total_allocation_cents,
           p.cofinancing_pct * 10 AS cofinancing_rate_tenths, p.basis AS plan_basis
    FROM cutoffs c
    CROSS JOIN cat_financial_plan p
    WHERE p.so = 0
), rows AS (
    SELECT * FROM by_type
    UNION ALL BY NAME SELECT * FROM totals
    UNION ALL BY NAME SELECT * FROM technical_assistance
)
SELECT cutoff_date, version, requested, so,
       CASE WHEN so = 0 THEN 'TA' ELSE CAST(so AS VARCHAR) END AS so_code,
       support_type, rank AS support_type_rank,
       selected_operations, eligible_cost_cents, public_eligible_cost_cents, eu_contribution_cents, declared_cents,
       allocation_cents, total_allocation_cents, cofinancing_rate_tenths,
       pct_tenths(eligible_cost_cents, total_allocation_cents) AS selected_pct_tenths,
       pct_tenths(declared_cents, total_allocation_cents) AS declared_pct_tenths,
       pct_tenths(declared_cents, eligible_cost_cents) AS declared_of_eligible_tenths,
       plan_basis,
       eur(eligible_cost_cents) AS eligible_cost_eur,
       eur(public_eligible_cost_cents) AS public_eligible_cost_eur,
       eur(eu_contribution_cents) AS eu_contribution_eur,
       eur(declared_cents) AS declared_expenditure_eur,
       eur(allocation_cents) AS allocation_eur,
       eur(total_allocation_cents) AS total_allocation_eur,
       pct(cofinancing_rate_tenths) AS cofinancing_rate_pct,
       pct(pct_tenths(eligible_cost_cents, total_allocation_cents)) AS selected_pct_of_allocation,
       pct(pct_tenths(declared_cents, total_allocation_cents)) AS declared_pct_of_allocation
FROM rows;
