-- Each indicator's selected and achieved values broken down by measure (operating support and
-- specific actions stand as their action code), action and beneficiary type at every cut-off, and
-- by project at the latest requested cut-off only (a row per cut-off, project and indicator would
-- outgrow the warehouse itself). Only members with a target or a reported value appear.
-- depends: cutoffs, cat_actions, cat_indicators, int_indicator_members_at_cutoff, int_operations, stg_project_targets, int_item_contributions
-- key: cutoff_date, indicator, dimension, member
CREATE OR REPLACE TABLE mart_indicator_breakdowns AS
WITH v AS (
    SELECT m.cutoff_date, m.so, m.indicator, m.selected_value, m.achieved_value,
           a.measure, m.action, m.beneficiary_type
    FROM int_indicator_members_at_cutoff m
    JOIN cat_actions a ON a.code = m.action
), grouped AS (
    SELECT cutoff_date, so, indicator, 'measure' AS dimension, measure AS member, selected_value, achieved_value FROM v
    UNION ALL
    SELECT cutoff_date, so, indicator, 'action', action, selected_value, achieved_value FROM v
    UNION ALL
    SELECT cutoff_date, so, indicator, 'beneficiary_type', beneficiary_type, selected_value, achieved_value FROM v
), latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), project_items AS (
    SELECT t.project_id, t.indicator, t.target AS selected_value, 0 AS achieved_value
    FROM stg_project_targets t
    SEMI JOIN (SELECT o.project_id FROM int_operations o, latest l WHERE o.selected_on <= l.cutoff_date) s
      ON s.project_id = t.project_id
    UNION ALL
    SELECT project_id, item, 0, value_sum
    FROM int_item_contributions
    WHERE grain = 'project' AND item <> 'expenditure_eur'
)
SELECT cutoff_date, so, indicator, dimension, member,
       sum(selected_value)::BIGINT AS selected_value,
       sum(achieved_value)::BIGINT AS achieved_value
FROM grouped
GROUP BY cutoff_date, so, indicator, dimension, member
UNION ALL
SELECT l.cutoff_date, i.so, p.indicator, 'project', p.project_id,
       sum(p.selected_value)::BIGINT, coalesce(sum(p.achieved_value), 0)::BIGINT
FROM project_items p
CROSS JOIN latest l
JOIN cat_indicators i ON i.code = p.indicator
GROUP BY l.cutoff_date, i.so, p.indicator, p.project_id;
