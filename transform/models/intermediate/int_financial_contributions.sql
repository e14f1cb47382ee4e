-- What the operations add to Table 1 from the cut-off at which they count, per SO and support
-- type of their action: each operation, with its costs and EU contribution, from the cut-off it
-- is selected at; its declared expenditure from the first cut-off by which both the period ended
-- and the project was selected (int_operation_expenditure). items counts the operations and
-- expenditure rows behind a group. mart_sfc_financial adds them up to each cut-off. A sum over
-- projects: the transform's cache keeps it (summedModels), and a nightly run takes off what the
-- projects it recomputes added as of the cache and adds what they add now.
-- depends: int_operations, int_operation_expenditure
-- key: so, support_type, counts_from
CREATE OR REPLACE TABLE int_financial_contributions AS
WITH rows AS (
    SELECT so, support_type, selected_cutoff AS counts_from, 1 AS operations, eligible_cost_cents,
           public_eligible_cost_cents, eu_contribution_cents, 0 AS declared_cents
    FROM int_operations
    UNION ALL
    SELECT o.so, o.support_type, e.counts_from, 0, 0, 0, 0, e.amount_cents
    FROM int_operation_expenditure e
    JOIN int_operations o USING (project_id)
)
SELECT so, support_type, counts_from,
       sum(operations)::BIGINT AS selected_operations,
       sum(eligible_cost_cents)::BIGINT AS eligible_cost_cents,
       sum(public_eligible_cost_cents)::BIGINT AS public_eligible_cost_cents,
       sum(eu_contribution_cents)::BIGINT AS eu_contribution_cents,
       sum(declared_cents)::BIGINT AS declared_cents,
       count(*)::BIGINT AS items
FROM rows
GROUP BY so, support_type, counts_from;
