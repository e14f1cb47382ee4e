-- The report versions of the projects with a page, with what domain.ResolveInForce decided of
-- each (Go fills it, readSiteVersions), for site_project_changes.sql.
CREATE OR REPLACE TEMP TABLE site_versions (version_hash VARCHAR, version_id BIGINT, project_id VARCHAR,
    period_start DATE, period_end DATE, submitted_at TIMESTAMPTZ, outcome VARCHAR)
