-- The reports expected from each selected operation at each cut-off: one per half-year (Jan–Jun,
-- Jul–Dec) that overlaps the project's dates and ended at least 60 days before the cut-off. A
-- half-year counts as received when a report in force overlaps it, and as late when every such
-- report was first submitted more than 60 days after its own period end (days in UTC).
-- depends: int_selected_operations_at_cutoff, int_reports_in_force
-- key: cutoff_date, project_id, half_start
CREATE OR REPLACE TABLE int_expected_reports AS
WITH half_years AS (
    SELECT cutoff_date, project_id, so,
           CAST(unnest(generate_series(
               make_date(year(start_date), CASE WHEN month(start_date) <= 6 THEN 1 ELSE 7 END, 1)::TIMESTAMP,
               end_date::TIMESTAMP, INTERVAL 6 MONTH)) AS DATE) AS half_start
    FROM int_selected_operations_at_cutoff
    WHERE start_date <= end_date
), expected AS (
    SELECT cutoff_date, project_id, so, half_start,
           CAST(half_start + INTERVAL 6 MONTH - INTERVAL 1 DAY AS DATE) AS half_end
    FROM half_years
)
SELECT e.cutoff_date, e.project_id, e.so, e.half_start, e.half_end,
       count(r.version_hash) > 0 AS received,
       count(r.version_hash) > 0
         AND bool_and(CAST(r.first_submitted_at AS DATE) - r.period_end > 60) AS late
FROM expected e
LEFT JOIN int_reports_in_force r
  ON r.project_id = e.project_id AND r.period_start <= e.half_end AND e.half_start <= r.period_end
WHERE e.half_end <= e.cutoff_date - 60
GROUP BY e.cutoff_date, e.project_id, e.so, e.half_start, e.half_end;
