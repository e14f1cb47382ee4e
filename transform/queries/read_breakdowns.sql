-- Returns the indicator breakdowns at the requested cut-offs (mart_indicator_breakdowns) by
-- measure, action and beneficiary type; the breakdown by project stays in the mart.
SELECT b.cutoff_date, b.so, b.indicator, b.dimension, b.member, b.selected_value, b.achieved_value
FROM mart_indicator_breakdowns b JOIN cutoffs c USING (cutoff_date)
WHERE c.requested AND b.dimension <> 'project'
ORDER BY b.cutoff_date, b.so, b.dimension, b.member
