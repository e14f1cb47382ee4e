-- The touched projects' versions in force as of the previous run, which Go decides
-- (domain.ResolveInForce) and fills.
CREATE OR REPLACE TEMP TABLE touched_in_force_then (version_hash VARCHAR)
