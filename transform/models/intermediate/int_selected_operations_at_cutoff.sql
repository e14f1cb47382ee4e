-- The selected operations at each cut-off C: selected_on <= C and not cancelled (a cancelled
-- project counts nowhere), with the SO and support type of their action.
-- depends: cutoffs, stg_projects, cat_actions
-- key: cutoff_date, project_id
CREATE OR REPLACE TABLE int_selected_operations_at_cutoff AS
SELECT c.cutoff_date, p.project_id, p.action, a.so, a.support_type, a.measure,
       p.beneficiary_type, p.start_date, p.end_date,
       p.eligible_cost_cents, p.eu_contribution_cents
FROM cutoffs c
JOIN stg_projects p ON p.selected_on <= c.cutoff_date AND p.status <> 'cancelled'
JOIN cat_actions a ON a.code = p.action;
