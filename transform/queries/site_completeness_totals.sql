-- Reports expected, received, late and missing per requested cut-off and SO, and for the
-- programme as so = 0 (mart_completeness_totals).
SELECT cutoff_date, so, expected, received, late, missing
FROM mart_completeness_totals
WHERE requested
ORDER BY cutoff_date DESC, so
