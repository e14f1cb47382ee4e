-- Each indicator's selected and achieved values broken down by measure (operating support and
-- specific actions stand as their action code), action and beneficiary type at every cut-off, and
-- by project at the latest requested cut-off only (a row per cut-off, project and indicator would
-- outgrow the warehouse itself). Only members with a target or a reported value appear.
-- A view, not a table: the rows by project (one per project and indicator, a million and more
-- on a Commission-wide warehouse) are int_project_breakdowns' own; copying them would only be
-- read once, when the marts are written, and readers of the other dimensions skip them.
-- depends: cutoffs, cat_actions, int_indicator_members_at_cutoff, int_project_breakdowns
-- key: cutoff_date, indicator, dimension, member
CREATE OR REPLACE VIEW mart_indicator_breakdowns AS
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
)
SELECT cutoff_date, so, indicator, dimension, member,
       sum(selected_value)::BIGINT AS selected_value,
       sum(achieved_value)::BIGINT AS achieved_value
FROM grouped
GROUP BY cutoff_date, so, indicator, dimension, member
UNION ALL
SELECT l.cutoff_date, p.so, p.indicator, 'project', p.project_id, p.selected_value, p.achieved_value
FROM int_project_breakdowns p CROSS JOIN latest l;
