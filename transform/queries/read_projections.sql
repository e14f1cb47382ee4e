-- Returns the projections at the requested cut-offs (mart_projections), with the base date and
-- the change in the span that explain each.
SELECT p.cutoff_date, p.so, p.indicator, p.achieved_value, p.projected_value, p.target_2029,
       p.base_date, p.change_in_span
FROM mart_projections p JOIN cutoffs c USING (cutoff_date) WHERE c.requested
