-- The projects the site's other pages link to, each with the rank of the first link (Go fills
-- it, linkedProjects), so that site_projects.sql gives them their pages first.
CREATE OR REPLACE TEMP TABLE site_linked (project_id VARCHAR, rank INTEGER)
