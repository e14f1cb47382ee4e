-- Returns the percentages of mart_absorption, which readPercentages adds to the rows
-- read_absorption read.
SELECT cutoff_date, so, support_type, total_allocation_cents,
       declared_pct_of_total_allocation_tenths, eu_contribution_pct_of_allocation_tenths
FROM mart_absorption
