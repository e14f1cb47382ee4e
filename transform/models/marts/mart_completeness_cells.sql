-- The reporting state of every project's half-years at the latest requested cut-off, for the
-- report's heatmap of projects × periods (int_expected_reports says what is expected when):
--   on_time   a report in force covers it, first submitted by its due date (cat_reporting);
--   late      every report in force that covers it was first submitted after its due date;
--   missing   none covers it, and it is expected by the cut-off (its due date has passed);
--   not_due   none covers it, and it is not expected yet.
-- A view, like mart_indicator_breakdowns: one row per project and half-year.
-- depends: cutoffs, int_expected_reports
-- key: project_id, half_start
CREATE OR REPLACE VIEW mart_completeness_cells AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
)
SELECT l.cutoff_date, e.project_id, e.so, e.half_start, e.half_end, e.expected_from,
       CASE WHEN e.received AND e.late THEN 'late'
            WHEN e.received THEN 'on_time'
            WHEN e.expected_from <= l.cutoff_date THEN 'missing'
            ELSE 'not_due' END AS state
FROM int_expected_reports e CROSS JOIN latest l;
