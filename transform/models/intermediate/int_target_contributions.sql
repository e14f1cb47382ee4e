-- The targets of the operations for catalogue indicators, added up by indicator, action,
-- beneficiary type and the first cut-off at which the project is selected (the cut-off from which
-- they count in the selected value); targets counts the target rows.
-- depends: stg_project_targets, int_operations, cat_indicators
-- key: indicator, action, beneficiary_type, counts_from
CREATE OR REPLACE TABLE int_target_contributions AS
SELECT t.indicator, o.action, o.beneficiary_type, o.selected_cutoff AS counts_from,
       sum(t.target)::BIGINT AS target_sum, count(*)::BIGINT AS targets
FROM stg_project_targets t
JOIN int_operations o USING (project_id)
SEMI JOIN cat_indicators i ON i.code = t.indicator
GROUP BY ALL;
