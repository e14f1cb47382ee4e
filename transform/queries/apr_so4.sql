-- Returns the persons resettled, admitted and transferred of each annual performance report
-- (mart_apr_so4).
SELECT report_year, cutoff_date, so4_count, indicator, unit, achieved_in_year, achieved_value
FROM mart_apr_so4
ORDER BY report_year, indicator
