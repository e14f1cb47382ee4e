-- The projects that can count anywhere: not cancelled, with an action of the catalogue and a
-- selection date. A project is a selected operation at cut-off C exactly when selected_on <= C,
-- that is when selected_cutoff (the first cut-off on or after selected_on) <= C: the figures at
-- every cut-off are running totals over such first cut-offs, never a cut-off × project table.
-- public_eligible_cost_cents is the eligible cost less the beneficiary's private contribution;
-- the Annex VI codes are the operation's own where the register gives them, else its action's
-- defaults (cat_action_interventions).
-- depends: stg_projects, cat_actions, cat_action_interventions
-- key: project_id
CREATE OR REPLACE TABLE int_operations AS
SELECT p.project_id, p.action, a.so, a.support_type, a.measure, p.beneficiary_type,
       p.start_date, p.end_date, p.selected_on, first_cutoff_on_or_after(p.selected_on) AS selected_cutoff,
       p.eligible_cost_cents, p.eu_contribution_cents,
       (p.eligible_cost_cents - p.private_contribution_cents)::BIGINT AS public_eligible_cost_cents,
       coalesce(p.intervention_field, d.intervention_field) AS intervention_field,
       coalesce(p.type_of_action, d.type_of_action) AS type_of_action,
       coalesce(p.implementation_modality, d.implementation_modality) AS implementation_modality
FROM stg_projects p
JOIN cat_actions a ON a.code = p.action
LEFT JOIN cat_action_interventions d ON d.action = p.action
WHERE p.status <> 'cancelled' AND p.selected_on IS NOT NULL;
