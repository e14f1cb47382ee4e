-- Each indicator's selected and achieved values per cut-off broken down by measure (operating
-- support and specific actions stand as their action code), action, beneficiary type and project.
-- Only members with a target or a reported value appear.
-- depends: int_project_indicator_values, int_selected_operations_at_cutoff
-- key: cutoff_date, indicator, dimension, member
CREATE OR REPLACE TABLE mart_indicator_breakdowns AS
WITH v AS (
    SELECT v.cutoff_date, v.so, v.indicator, v.selected_value, v.achieved_value,
           s.measure, s.action, s.beneficiary_type, s.project_id
    FROM int_project_indicator_values v
    JOIN int_selected_operations_at_cutoff s USING (cutoff_date, project_id)
), grouped AS (
    SELECT cutoff_date, so, indicator, 'measure' AS dimension, measure AS member, selected_value, achieved_value FROM v
    UNION ALL
    SELECT cutoff_date, so, indicator, 'action', action, selected_value, achieved_value FROM v
    UNION ALL
    SELECT cutoff_date, so, indicator, 'beneficiary_type', beneficiary_type, selected_value, achieved_value FROM v
)
SELECT cutoff_date, so, indicator, dimension, member,
       sum(selected_value)::BIGINT AS selected_value,
       sum(achieved_value)::BIGINT AS achieved_value
FROM grouped
GROUP BY cutoff_date, so, indicator, dimension, member
UNION ALL
-- A project is one row of v per cut-off and indicator already: nothing to add up.
SELECT cutoff_date, so, indicator, 'project', project_id, selected_value, achieved_value FROM v;
