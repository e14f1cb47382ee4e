-- The projects behind each indicator at the latest requested cut-off (the breakdown by project of
-- mart_indicator_breakdowns): at most ? per indicator, the largest achieved values first (then
-- the largest selected, then by project). Only the rows at or above each indicator's $limit-th
-- largest (achieved, selected) pair (its floor, found by a top-n aggregate) are ranked, not
-- every project of every indicator; a tie at the floor lets more through, never fewer.
-- params: limit
WITH projects AS (
    SELECT indicator, member AS project_id, selected_value, achieved_value,
           {'achieved': coalesce(achieved_value, -1), 'selected': coalesce(selected_value, -1)} AS size
    FROM mart_indicator_breakdowns
    WHERE dimension = 'project'
), floors AS (
    SELECT indicator, count(*) AS total, list_last(max(size, $limit)) AS floor
    FROM projects
    GROUP BY indicator
), ranked AS (
    SELECT p.indicator, p.project_id, p.selected_value, p.achieved_value, f.total,
           row_number() OVER (PARTITION BY p.indicator ORDER BY p.size DESC, p.project_id) AS n
    FROM projects p JOIN floors f ON f.indicator = p.indicator AND p.size >= f.floor
)
SELECT indicator, project_id, selected_value, achieved_value, total
FROM ranked
WHERE n <= $limit
ORDER BY indicator, n
