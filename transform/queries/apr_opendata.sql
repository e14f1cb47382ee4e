-- Returns the open data of the indicators per SO and action, small counts suppressed
-- (mart_opendata_indicators).
SELECT cutoff_date, so, indicator, unit, action, selected_value, published_value, suppression
FROM mart_opendata_indicators
ORDER BY cutoff_date, so, indicator, level DESC, action
