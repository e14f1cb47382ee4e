-- Reporting completeness per cut-off and SO (of the project's action): reports expected from
-- selected operations (int_expected_reports from its expected_from cut-off on), received, late,
-- and the projects with a missing one.
-- depends: cutoffs, cat_sos, int_expected_reports
-- key: cutoff_date, so
CREATE OR REPLACE TABLE mart_completeness AS
WITH counts AS (
    SELECT so, expected_from, count(*) AS expected,
           count(*) FILTER (WHERE received) AS received,
           count(*) FILTER (WHERE late) AS late
    FROM int_expected_reports
    GROUP BY ALL
), missing_from AS (
    -- A project is missing a report from the first cut-off at which one of its unreceived
    -- half-years is expected.
    SELECT so, project_id, min(expected_from) AS missing_from
    FROM int_expected_reports
    WHERE NOT received
    GROUP BY ALL
), totals AS (
    SELECT c.cutoff_date, k.so, sum(k.expected) AS expected, sum(k.received) AS received, sum(k.late) AS late
    FROM cutoffs c JOIN counts k ON k.expected_from <= c.cutoff_date
    GROUP BY ALL
), missing AS (
    SELECT c.cutoff_date, m.so, list(m.project_id ORDER BY m.project_id) AS missing
    FROM cutoffs c JOIN missing_from m ON m.missing_from <= c.cutoff_date
    GROUP BY ALL
)
SELECT c.cutoff_date, c.requested, so.so,
       coalesce(t.expected, 0)::BIGINT AS expected,
       coalesce(t.received, 0)::BIGINT AS received,
       coalesce(t.late, 0)::BIGINT AS late,
       coalesce(m.missing, []) AS missing
FROM cutoffs c
CROSS JOIN cat_sos so
LEFT JOIN totals t ON t.cutoff_date = c.cutoff_date AND t.so = so.so
LEFT JOIN missing m ON m.cutoff_date = c.cutoff_date AND m.so = so.so;
