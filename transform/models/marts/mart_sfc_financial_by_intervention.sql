-- The Commission's Table 2 (CPR Art 42(2)(a), Annex VII): the money of Table 1 per cut-off and SO
-- broken down by each dimension of the types of intervention of Regulation (EU) 2021/1147 Annex VI
-- (intervention_field, type_of_action, implementation_modality), one row per code used by an
-- operation selected by the cut-off. Every operation has one code per dimension (its own, or its
-- action's default: int_operations), so for each cut-off, SO and dimension the rows add up to the
-- SO's 'all' row of mart_sfc_financial, to the cent and the operation. code_status says whether
-- the code was read in an official text (cat_intervention_codes).
-- depends: cutoffs, int_intervention_contributions, cat_intervention_codes
-- key: cutoff_date, so, dimension, code
CREATE OR REPLACE TABLE mart_sfc_financial_by_intervention AS
WITH contributions AS (
    SELECT so, dimension, code, counts_from, selected_operations, eligible_cost_cents, public_eligible_cost_cents,
           eu_contribution_cents, declared_cents
    FROM int_intervention_contributions
), sums AS (
    SELECT c.cutoff_date, c.version, c.requested, k.so, k.dimension, k.code,
           sum(k.selected_operations)::BIGINT AS selected_operations,
           sum(k.eligible_cost_cents)::BIGINT AS eligible_cost_cents,
           sum(k.public_eligible_cost_cents)::BIGINT AS public_eligible_cost_cents,
           sum(k.eu_contribution_cents)::BIGINT AS eu_contribution_cents,
           sum(k.declared_cents)::BIGINT AS declared_cents
    FROM cutoffs c
    JOIN contributions k ON k.counts_from <= c.cutoff_date
    GROUP BY ALL
)
SELECT s.cutoff_date, s.version, s.requested, s.so, s.dimension, s.code,
       coalesce(i.status, 'unknown') AS code_status, i.name_en, i.name_sv,
       s.selected_operations, s.eligible_cost_cents, s.public_eligible_cost_cents, s.eu_contribution_cents, s.declared_cents,
       eur(s.eligible_cost_cents) AS eligible_cost_eur,
       eur(s.public_eligible_cost_cents) AS public_eligible_cost_eur,
       eur(s.eu_contribution_cents) AS eu_contribution_eur,
       eur(s.declared_cents) AS declared_expenditure_eur
FROM sums s
LEFT JOIN cat_intervention_codes i ON i.dimension = s.dimension AND i.code = s.code;
