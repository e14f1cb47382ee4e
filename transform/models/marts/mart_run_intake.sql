-- What each committed run (started by params.as_of) brought into the warehouse: the report
-- versions it accepted, split into new reports (a report's first version) and corrections
-- (a further version of a report received before), the projects they belong to, the reports and
-- files it rejected, and whether it took a register or targets snapshot. A version stored twice
-- counts once, in the run that received it first. The report's "what changed" reads the newest
-- runs from here, so a night with no new file changes nothing on it.
-- depends: src_runs, src_report_versions, src_quarantine, src_projects, src_project_targets, params
-- key: run_id
CREATE OR REPLACE TABLE mart_run_intake AS
WITH runs AS (
    SELECT r.run_id, r.started_at FROM src_runs r, params p WHERE r.started_at <= p.as_of
), firsts AS (
    SELECT v.version_hash, arg_min(v.run_id, v.ingested_at) AS run_id, min(v.ingested_at) AS ingested_at,
           any_value(v.project_id) AS project_id, any_value(v.period_start) AS period_start,
           any_value(v.period_end) AS period_end, any_value(v.submitted_at) AS submitted_at
    FROM src_report_versions v, params p
    WHERE v.ingested_at <= p.as_of
    GROUP BY v.version_hash
), ordered AS (
    SELECT *, row_number() OVER (PARTITION BY project_id, period_start, period_end
                                 ORDER BY ingested_at, submitted_at, version_hash) AS nth
    FROM firsts
), versions AS (
    SELECT run_id, count(*)::BIGINT AS versions, count(*) FILTER (WHERE nth = 1)::BIGINT AS new_reports,
           count(*) FILTER (WHERE nth > 1)::BIGINT AS corrections, count(DISTINCT project_id)::BIGINT AS projects
    FROM ordered
    GROUP BY run_id
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
       coalesce(v.versions, 0)::BIGINT AS versions, coalesce(v.new_reports, 0)::BIGINT AS new_reports,
       coalesce(v.corrections, 0)::BIGINT AS corrections, coalesce(v.projects, 0)::BIGINT AS projects,
       coalesce(q.rejected, 0)::BIGINT AS rejected_reports,
       g.run_id IS NOT NULL AS register
FROM runs r
LEFT JOIN versions v USING (run_id)
LEFT JOIN rejected q USING (run_id)
LEFT JOIN register g USING (run_id);
