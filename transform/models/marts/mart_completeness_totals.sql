-- Reporting completeness per cut-off and SO (mart_completeness) with the reports missing
-- (expected and not received), and the programme as a whole as so = 0: the figures the report's
-- data-quality pages show.
-- depends: mart_completeness
-- key: cutoff_date, so
CREATE OR REPLACE TABLE mart_completeness_totals AS
WITH rows AS (
    SELECT cutoff_date, requested, so, expected, received, late FROM mart_completeness
    UNION ALL
    SELECT cutoff_date, requested, 0, sum(expected), sum(received), sum(late)
    FROM mart_completeness
    GROUP BY cutoff_date, requested
)
SELECT cutoff_date, requested, so, expected::BIGINT AS expected, received::BIGINT AS received,
       late::BIGINT AS late, (expected - received)::BIGINT AS missing
FROM rows;
