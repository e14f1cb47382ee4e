-- The versions in force that Go decided (domain.ResolveInForce) for the projects with
-- overlapping reports, which Go fills.
CREATE OR REPLACE TEMP TABLE resolved_in_go (version_hash VARCHAR)
