-- touched_projects: the projects that received a version after the previous run
-- ($previous_as_of). A version received by then was then stored as it is now
-- (stg_report_versions keeps a version's first copy, and that copy had been ingested by then).
-- params: previous_as_of
CREATE OR REPLACE TEMP TABLE touched_projects AS
SELECT DISTINCT project_id FROM stg_report_versions WHERE ingested_at > CAST($previous_as_of AS TIMESTAMPTZ)
