-- How many findings each pre-send check has at each requested cut-off.
SELECT cutoff_date, rule, count(*) AS findings
FROM mart_presend_checks
GROUP BY ALL
ORDER BY cutoff_date, rule
