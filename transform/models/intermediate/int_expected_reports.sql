-- The reports expected from each operation: one per half-year (Jan–Jun, Jul–Dec) that overlaps
-- the project's dates. It is expected at cut-off C when the project is selected at C and the
-- half-year ended at least 60 days before C, i.e. from expected_from, the first cut-off on or
-- after the later of selected_on and half_end + 60 days. A half-year counts as received when a
-- report in force overlaps it, and as late when every such report was first submitted more than
-- 60 days after its own period end (days in UTC); neither depends on the cut-off.
-- depends: int_operations, int_reports_in_force
-- key: project_id, half_start
CREATE OR REPLACE TABLE int_expected_reports AS
WITH half_years AS (
    SELECT project_id, so, selected_on,
           CAST(unnest(generate_series(
               make_date(year(start_date), CASE WHEN month(start_date) <= 6 THEN 1 ELSE 7 END, 1)::TIMESTAMP,
               end_date::TIMESTAMP, INTERVAL 6 MONTH)) AS DATE) AS half_start
    FROM int_operations
    WHERE start_date <= end_date
), expected AS (
    SELECT project_id, so, selected_on, half_start,
           CAST(half_start + INTERVAL 6 MONTH - INTERVAL 1 DAY AS DATE) AS half_end
    FROM half_years
)
SELECT e.project_id, e.so, e.half_start, e.half_end,
       first_cutoff_on_or_after(greatest(e.selected_on, e.half_end + 60)) AS expected_from,
       count(r.version_hash) > 0 AS received,
       count(r.version_hash) > 0
         AND bool_and(CAST(r.first_submitted_at AS DATE) - r.period_end > 60) AS late
FROM expected e
LEFT JOIN int_reports_in_force r
  ON r.project_id = e.project_id AND r.period_start <= e.half_end AND e.half_start <= r.period_end
GROUP BY e.project_id, e.so, e.selected_on, e.half_start, e.half_end;
