-- The projects behind each indicator at the latest requested cut-off (the breakdown by project of
-- mart_indicator_breakdowns): at most ? per indicator, the largest achieved values first.
-- params: limit
WITH ranked AS (
    SELECT indicator, member AS project_id, selected_value, achieved_value,
           row_number() OVER (PARTITION BY indicator ORDER BY achieved_value DESC, selected_value DESC, member) AS n,
           count(*) OVER (PARTITION BY indicator) AS total
    FROM mart_indicator_breakdowns
    WHERE dimension = 'project'
)
SELECT indicator, project_id, selected_value, achieved_value, total
FROM ranked
WHERE n <= $limit
ORDER BY indicator, n
