-- Returns each listed operation's indicator targets and achieved values
-- (mart_operation_indicators).
SELECT project_id, indicator, target, achieved_value
FROM mart_operation_indicators
ORDER BY project_id, so, indicator
