-- Reporting completeness per cut-off and SO (of the project's action): reports expected from
-- selected operations (int_expected_reports), received, late, and the projects with a missing one.
-- depends: cutoffs, cat_sos, int_expected_reports
-- key: cutoff_date, so
CREATE OR REPLACE TABLE mart_completeness AS
SELECT c.cutoff_date, c.requested, so.so,
       count(e.project_id)::BIGINT AS expected,
       count(e.project_id) FILTER (WHERE e.received)::BIGINT AS received,
       count(e.project_id) FILTER (WHERE e.late)::BIGINT AS late,
       coalesce(list_sort(list_distinct(list(e.project_id) FILTER (WHERE NOT e.received))), []) AS missing
FROM cutoffs c
CROSS JOIN cat_sos so
LEFT JOIN int_expected_reports e ON e.cutoff_date = c.cutoff_date AND e.so = so.so
GROUP BY c.cutoff_date, c.requested, so.so;
