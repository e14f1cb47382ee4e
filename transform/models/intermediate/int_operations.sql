-- The projects that can count anywhere: not cancelled, with an action of the catalogue and a
-- selection date. A project is a selected operation at cut-off C exactly when selected_on <= C,
-- that is when selected_cutoff (the first cut-off on or after selected_on) <= C: the figures at
-- every cut-off are running totals over such first cut-offs, never a cut-off × project table.
-- depends: stg_projects, cat_actions
-- key: project_id
CREATE OR REPLACE TABLE int_operations AS
SELECT p.project_id, p.action, a.so, a.support_type, a.measure, p.beneficiary_type,
       p.start_date, p.end_date, p.selected_on, first_cutoff_on_or_after(p.selected_on) AS selected_cutoff,
       p.eligible_cost_cents, p.eu_contribution_cents
FROM stg_projects p
JOIN cat_actions a ON a.code = p.action
WHERE p.status <> 'cancelled' AND p.selected_on IS NOT NULL;
