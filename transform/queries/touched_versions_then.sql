-- Returns what domain.ResolveInForce needs of the touched projects' versions received by the
-- previous run ($previous_as_of): version_hash, project_id, period_start, period_end,
-- submitted_at.
-- params: previous_as_of
SELECT version_hash, project_id, period_start, period_end, submitted_at
FROM touched_versions WHERE ingested_at <= CAST($previous_as_of AS TIMESTAMPTZ)
