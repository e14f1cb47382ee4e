-- For C10 of the pre-send checks (mart_presend_checks): per requested cut-off, the reports
-- (project and period) with a version received that was submitted after the cut-off's deadline
-- (CPR Art 42(1): the end of the month after it), for a period that ends by the cut-off, of an
-- operation selected by then; each once, with its latest such version (a late version can only
-- have been replaced by a later, so late, one; of two submitted at the same instant, the one
-- whose file name sorts last, so that every computation names the same file). The versions alone
-- are read, never their rows.
-- A row depends on its own project's versions only, so the transform's cache keeps them per
-- project (cachedProjectModels).
-- depends: cutoffs, params, src_report_versions, int_operations
-- key: project_id, cutoff_date, period_start, period_end
CREATE OR REPLACE TABLE int_late_reports AS
WITH req AS (
    SELECT cutoff_date, version, deadline FROM cutoffs WHERE requested
)
SELECT c.cutoff_date, c.version, c.deadline, o.so, v.project_id, v.period_start, v.period_end,
       max(v.submitted_at) AS submitted_at,
       max({'submitted_at': v.submitted_at, 'source_file': v.source_file}).source_file AS source_file
FROM src_report_versions v
JOIN params p ON v.ingested_at <= p.as_of
JOIN req c ON v.period_end <= c.cutoff_date AND v.submitted_at >= c.deadline + 1
JOIN int_operations o ON o.project_id = v.project_id AND o.selected_cutoff <= c.cutoff_date
GROUP BY ALL;
