-- The Commission's financial table: per cut-off, SO (of the project's action) and support type,
-- the number of selected operations, their eligible cost and EU contribution, the expenditure
-- declared in reports in force with period_end <= cut-off, and the allocation (Table 1), plus a
-- support_type 'all' row per SO. Money is integer cents; the *_eur columns are the same amounts as
-- DECIMAL(18,2) for readers of the Parquet mart.
-- depends: cutoffs, cat_sos, cat_support_types, cat_allocations, cat_actions, int_operations, int_item_contributions
-- key: cutoff_date, so, support_type
CREATE OR REPLACE TABLE mart_sfc_financial AS
WITH contributions AS (
    -- Operations count from the cut-off they are selected at; expenditure from the first cut-off
    -- by which both its period ended and its project was selected.
    SELECT so, support_type, selected_cutoff AS counts_from, count(*) AS selected_operations,
           sum(eligible_cost_cents) AS eligible_cost_cents, sum(eu_contribution_cents) AS eu_contribution_cents,
           0 AS declared_cents
    FROM int_operations
    GROUP BY ALL
    UNION ALL
    SELECT a.so, a.support_type, k.counts_from, 0, 0, 0, sum(k.amount_cents)
    FROM int_item_contributions k
    JOIN cat_actions a ON a.code = k.action
    WHERE k.grain = 'member' AND k.item = 'expenditure_eur'
    GROUP BY ALL
), operations AS (
    SELECT c.cutoff_date, k.so, k.support_type,
           sum(k.selected_operations) AS selected_operations,
           sum(k.eligible_cost_cents) AS eligible_cost_cents,
           sum(k.eu_contribution_cents) AS eu_contribution_cents,
           sum(k.declared_cents) AS declared_cents
    FROM cutoffs c
    JOIN contributions k ON k.counts_from <= c.cutoff_date
    GROUP BY ALL
), allocations AS (
    SELECT so, support_type, sum(amount_cents) AS allocation_cents
    FROM cat_allocations GROUP BY ALL
), by_type AS (
    SELECT c.cutoff_date, c.version, c.requested, so.so, st.support_type, st.rank,
           coalesce(o.selected_operations, 0)::BIGINT AS selected_operations,
           coalesce(o.eligible_cost_cents, 0)::BIGINT AS eligible_cost_cents,
           coalesce(o.eu_contribution_cents, 0)::BIGINT AS eu_contribution_cents,
           coalesce(o.declared_cents, 0)::BIGINT AS declared_cents,
           coalesce(a.allocation_cents, 0)::BIGINT AS allocation_cents
    FROM cutoffs c
    CROSS JOIN cat_sos so
    CROSS JOIN cat_support_types st
    LEFT JOIN operations o
      ON o.cutoff_date = c.cutoff_date AND o.so = so.so AND o.support_type = st.support_type
    LEFT JOIN allocations a ON a.so = so.so AND a.support_type = st.support_type
), with_all AS (
    SELECT * FROM by_type
    UNION ALL
    SELECT cutoff_date, version, requested, so, 'all', 99,
           sum(selected_operations)::BIGINT, sum(eligible_cost_cents)::BIGINT,
           sum(eu_contribution_cents)::BIGINT, sum(declared_cents)::BIGINT, sum(allocation_cents)::BIGINT
    FROM by_type
    GROUP BY cutoff_date, version, requested, so
)
SELECT cutoff_date, version, requested, so, support_type, rank AS support_type_rank,
       selected_operations, eligible_cost_cents, eu_contribution_cents, declared_cents, allocation_cents,
       eur(eligible_cost_cents) AS eligible_cost_eur,
       eur(eu_contribution_cents) AS eu_contribution_eur,
       eur(declared_cents) AS declared_expenditure_eur,
       eur(allocation_cents) AS allocation_eur
FROM with_all;
