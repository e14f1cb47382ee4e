-- What each committed run (started by params.as_of) brought into the warehouse: the report
-- versions it stored, how many reports got their first version (new_reports) and how many
-- further versions of reports received before (corrections = versions - new_reports; a version
-- stored a second time, which ingest avoids, would count as one), the projects they belong to,
-- the reports and files it rejected, and whether it took a register or targets snapshot. The
-- report's "what changed" reads the newest runs from here, so a night with no new file changes
-- nothing on it. Reports are told apart by the 64-bit hash() of their key, as the staging models
-- group versions (a rare collision could only merge two reports' first runs).
-- depends: src_runs, src_report_versions, src_quarantine, src_projects, src_project_targets, params
-- key: run_id
CREATE OR REPLACE TABLE mart_run_intake AS
WITH runs AS (
    SELECT r.run_id, r.started_at FROM src_runs r, params p WHERE r.started_at <= p.as_of
), versions AS (
    SELECT v.run_id, v.project_id, hash(v.project_id, v.period_start, v.period_end) AS report, v.ingested_at
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
), first_runs AS (
    SELECT arg_min(run_id, ingested_at) AS run_id, count(*) AS n
    FROM versions
    GROUP BY report
), per_run AS (
    SELECT run_id, count(*)::BIGINT AS versions, count(DISTINCT project_id)::BIGINT AS projects
    FROM versions
    GROUP BY run_id
), firsts AS (
    SELECT run_id, count(*)::BIGINT AS new_reports FROM first_runs GROUP BY run_id
), rejected AS (
    SELECT q.run_id, count(DISTINCT CASE WHEN q.report <> '' THEN q.report ELSE q.source_file END)::BIGINT AS rejected
    FROM src_quarantine q
    WHERE q.severity = 'error'
    GROUP BY q.run_id
), register AS (
    SELECT DISTINCT run_id FROM src_projects
    UNION
    SELECT DISTINCT run_id FROM src_project_targets
)
SELECT r.run_id, r.started_at,
       coalesce(v.versions, 0)::BIGINT AS versions, coalesce(f.new_reports, 0)::BIGINT AS new_reports,
       (coalesce(v.versions, 0) - coalesce(f.new_reports, 0))::BIGINT AS corrections,
       coalesce(v.projects, 0)::BIGINT AS projects,
       coalesce(q.rejected, 0)::BIGINT AS rejected_reports,
       g.run_id IS NOT NULL AS register
FROM runs r
LEFT JOIN per_run v USING (run_id)
LEFT JOIN firsts f USING (run_id)
LEFT JOIN rejected q USING (run_id)
LEFT JOIN register g USING (run_id);
