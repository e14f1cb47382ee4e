-- Returns absorption at the requested cut-offs (mart_absorption), support types in their
-- catalogue order (mart_sfc_financial's rank).
SELECT a.cutoff_date, a.so, a.support_type, a.allocation_cents, a.eu_contribution_cents, a.declared_cents,
       a.declared_of_allocation_ppm, a.eu_contribution_of_allocation_ppm
FROM mart_absorption a JOIN mart_sfc_financial f USING (cutoff_date, so, support_type)
WHERE f.requested ORDER BY a.cutoff_date, a.so, f.support_type_rank
