-- What the operations add to Table 2 from the cut-off at which they count, per SO, dimension of
-- the types of intervention (Annex VI) and code: as int_financial_contributions, each operation
-- under its one code per dimension (its own or its action's default: int_operations). items
-- counts the operations and expenditure rows behind a group, so that a code appears at a cut-off
-- exactly when an operation uses it by then. mart_sfc_financial_by_intervention adds them up to
-- each cut-off. A sum over projects, kept and patched by the cache like
-- int_financial_contributions (summedModels).
-- depends: int_operations, int_operation_expenditure
-- key: so, dimension, code, counts_from
CREATE OR REPLACE TABLE int_intervention_contributions AS
WITH coded AS (
    SELECT project_id, so, selected_cutoff, eligible_cost_cents, public_eligible_cost_cents, eu_contribution_cents,
           dimension, code
    FROM int_operations
    UNPIVOT (code FOR dimension IN (intervention_field, type_of_action, implementation_modality))
), rows AS (
    SELECT so, dimension, code, selected_cutoff AS counts_from, 1 AS operations, eligible_cost_cents,
           public_eligible_cost_cents, eu_contribution_cents, 0 AS declared_cents
    FROM coded
    UNION ALL
    SELECT k.so, k.dimension, k.code, e.counts_from, 0, 0, 0, 0, e.amount_cents
    FROM int_operation_expenditure e
    JOIN coded k USING (project_id)
)
SELECT so, dimension, code, counts_from,
       sum(operations)::BIGINT AS selected_operations,
       sum(eligible_cost_cents)::BIGINT AS eligible_cost_cents,
       sum(public_eligible_cost_cents)::BIGINT AS public_eligible_cost_cents,
       sum(eu_contribution_cents)::BIGINT AS eu_contribution_cents,
       sum(declared_cents)::BIGINT AS declared_cents,
       count(*)::BIGINT AS items
FROM rows
GROUP BY so, dimension, code, counts_from;
