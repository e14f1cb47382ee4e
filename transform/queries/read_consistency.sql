-- Returns the consistency findings at the requested cut-offs (mart_consistency).
SELECT m.cutoff_date, m.rule, m.severity, m.lesser, m.greater, m.basis, m.lesser_value, m.greater_value
FROM mart_consistency m JOIN cutoffs c USING (cutoff_date) WHERE c.requested
ORDER BY m.cutoff_date, m.rule, m.basis
