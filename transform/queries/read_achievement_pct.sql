-- Returns the percentages of mart_achievement at the requested cut-offs, which readPercentages
-- adds to the rows read_achievement read.
SELECT cutoff_date, indicator, achieved_pct_of_milestone_tenths,
       achieved_pct_of_target_tenths, selected_pct_of_target_tenths, milestone_check_date, achieved_at_milestone_check,
       pct_of_milestone_at_check_tenths, achieved_in_year
FROM mart_achievement a SEMI JOIN cutoffs c ON c.cutoff_date = a.cutoff_date AND c.requested
