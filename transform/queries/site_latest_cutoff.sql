-- Returns the latest requested cut-off (NULL when none is), which the lineage page shows first.
SELECT max(cutoff_date) FROM cutoffs WHERE requested
