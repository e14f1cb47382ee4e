-- The reports expected from each operation: one per half-year (Jan–Jun, Jul–Dec) that overlaps
-- the project's dates, due (cat_reporting, the catalogue's reporting.csv) the H1 or H2 number of
-- days after the half-year's end, or, for the half-year in which the project ends, the final
-- number of days after the project's end (due_date). It is expected at cut-off C when the project is
-- selected at C and the report is due by C, i.e. from expected_from, the first cut-off on or
-- after the later of selected_on and the due date. A half-year counts as received when a report
-- in force overlaps it, and as late when every such report was first submitted after its own due
-- date (by the same rule: its period's end plus the days of the half-year it ends in, or the
-- project's end plus the final days when it ends on or after the project's end, even when its
-- period runs past it; days in UTC); neither depends on the cut-off.
-- Half-years are numbered (year * 2, + 1 for Jul–Dec): a report overlaps exactly the half-years
-- numbered from that of its period_start to that of its period_end, so reports meet their
-- half-years in an equality join on (project_id, half_no) after being added up per half-year,
-- instead of a range join grouped on five columns, which cost markedly more (BENCHMARKS.md).
-- depends: int_operations, int_reports_in_force, cat_reporting
-- key: project_id, half_start
CREATE OR REPLACE TABLE int_expected_reports AS
WITH due AS (
    SELECT max(due_days) FILTER (WHERE report = 'H1') AS h1,
           max(due_days) FILTER (WHERE report = 'H2') AS h2,
           max(due_days) FILTER (WHERE report = 'final') AS final
    FROM cat_reporting
), half_years AS (
    SELECT project_id, so, selected_on, end_date,
           unnest(range(year(start_date) * 2 + (month(start_date) > 6)::INTEGER,
                        year(end_date) * 2 + (month(end_date) > 6)::INTEGER + 1)) AS half_no
    FROM int_operations
    WHERE start_date <= end_date
), covered AS (
    SELECT r.project_id,
           unnest(range(year(r.period_start) * 2 + (month(r.period_start) > 6)::INTEGER,
                        year(r.period_end) * 2 + (month(r.period_end) > 6)::INTEGER + 1)) AS half_no,
           CAST(r.first_submitted_at AS DATE) > CASE WHEN r.period_end >= o.end_date THEN o.end_date + d.final
                                                       WHEN month(r.period_end) <= 6 THEN r.period_end + d.h1
                                                       ELSE r.period_end + d.h2 END AS late
    FROM int_reports_in_force r
    JOIN int_operations o USING (project_id)
    CROSS JOIN due d
), received AS (
    SELECT project_id, half_no, bool_and(late) AS late
    FROM covered
    GROUP BY project_id, half_no
), expected AS (
    SELECT h.project_id, h.so, h.selected_on, h.end_date, h.half_no % 2 = 0 AS first_half,
           make_date(h.half_no // 2, CASE WHEN h.half_no % 2 = 0 THEN 1 ELSE 7 END, 1) AS half_start,
           make_date(h.half_no // 2, CASE WHEN h.half_no % 2 = 0 THEN 6 ELSE 12 END,
                     CASE WHEN h.half_no % 2 = 0 THEN 30 ELSE 31 END) AS half_end,
           r.project_id IS NOT NULL AS received,
           CASE WHEN r.project_id IS NULL THEN false ELSE r.late END AS late
    FROM half_years h
    LEFT JOIN received r ON r.project_id = h.project_id AND r.half_no = h.half_no
)
SELECT project_id, so, half_start, half_end, due_date,
       first_cutoff_on_or_after(greatest(selected_on, due_date)) AS expected_from, received, late
FROM (
    SELECT e.*, CASE WHEN e.end_date <= e.half_end THEN e.end_date + d.final
                     WHEN e.first_half THEN e.half_end + d.h1
                     ELSE e.half_end + d.h2 END AS due_date
    FROM expected e
    CROSS JOIN due d
);
