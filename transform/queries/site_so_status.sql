-- The status of every SO at the requested cut-offs (mart_so_status).
SELECT cutoff_date, so, assessed, on_track, at_risk, behind, status
FROM mart_so_status
WHERE requested
ORDER BY cutoff_date, so
