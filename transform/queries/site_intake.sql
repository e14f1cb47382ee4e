-- What each committed run brought (mart_run_intake), newest first.
SELECT run_id, started_at, versions, new_reports, corrections, projects, rejected_reports, register
FROM mart_run_intake
ORDER BY started_at DESC, run_id DESC
