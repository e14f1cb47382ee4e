-- The heatmap of projects × half-years (mart_completeness_cells): the ? projects with the most
-- missing, then late reports, each with all its half-years, and how many projects there are.
-- params: limit
WITH projects AS (
    SELECT project_id, so, count(*) FILTER (WHERE state = 'missing') AS missing,
           count(*) FILTER (WHERE state = 'late') AS late, count(*) FILTER (WHERE state = 'on_time') AS on_time
    FROM mart_completeness_cells
    GROUP BY project_id, so
), shown AS (
    SELECT *, count(*) OVER () AS total FROM projects
    ORDER BY missing DESC, late DESC, project_id
    LIMIT $limit
)
SELECT s.project_id, s.so, s.missing, s.late, s.on_time, s.total, c.cutoff_date, c.half_start, c.half_end, c.state
FROM shown s JOIN mart_completeness_cells c USING (project_id)
ORDER BY s.missing DESC, s.late DESC, s.project_id, c.half_start
