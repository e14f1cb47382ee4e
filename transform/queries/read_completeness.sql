-- Returns reporting completeness at the requested cut-offs (mart_completeness), with the list
-- of projects missing a report.
SELECT cutoff_date, so, expected, received, late, missing
FROM mart_completeness WHERE requested ORDER BY cutoff_date, so
