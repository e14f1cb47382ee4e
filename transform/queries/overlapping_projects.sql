-- The projects whose report keys overlap (or one ends before it starts): those where
-- domain.ResolveInForce may reject a version, so that Go decides their versions in force.
-- Sorted by start (then end), a key overlaps an earlier one exactly when it starts on or before
-- the latest end among the keys before it. It reads in_force_versions, which has one row per
-- report key.
CREATE OR REPLACE TEMP TABLE overlapping_projects AS
WITH ordered AS (
    SELECT project_id, period_start, period_end,
           max(period_end) OVER (PARTITION BY project_id ORDER BY period_start, period_end
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_earlier_end
    FROM in_force_versions
)
SELECT DISTINCT project_id FROM ordered
WHERE period_start <= latest_earlier_end OR period_start > period_end
