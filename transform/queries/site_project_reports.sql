-- The reports of the projects in site_projects that were ever rejected (mart_report_status).
SELECT project_id, period_start, period_end, status, rejections, last_rejected_at
FROM mart_report_status
WHERE subject_kind = 'report' AND project_id IN (SELECT project_id FROM site_projects)
ORDER BY project_id, period_start, period_end
