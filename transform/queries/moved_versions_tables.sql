-- The versions that moved between the two states and the projects whose register row or targets
-- changed, which Go fills for version_items.sql.
CREATE OR REPLACE TEMP TABLE moved_versions (version_hash VARCHAR);
CREATE OR REPLACE TEMP TABLE changed_projects (project_id VARCHAR);
