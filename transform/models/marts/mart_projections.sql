-- Each indicator projected to the horizon (2029-12-31) from its cumulative achieved path: the
-- pace of the last twelve months (the change since the same cut-off a year earlier, or since the
-- programme start when there was no cut-off a year earlier) continued linearly:
--   projected = achieved + (achieved - achieved a year earlier) * days to horizon / days in span.
-- Integer arithmetic, rounded toward zero (the pace is negative after downward corrections); a cut-off on or after the horizon projects its own value.
-- depends: mart_sfc_indicators, params
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_projections AS
WITH base AS (
    SELECT n.cutoff_date, n.so, n.indicator, n.achieved_value, n.target_2029,
           coalesce(b.cutoff_date, p.programme_start) AS base_date,
           coalesce(b.achieved_value, 0) AS base_value,
           greatest(p.horizon - n.cutoff_date, 0) AS days_left
    FROM mart_sfc_indicators n
    CROSS JOIN params p
    LEFT JOIN mart_sfc_indicators b
      ON b.indicator = n.indicator AND b.cutoff_date = CAST(n.cutoff_date - INTERVAL 1 YEAR AS DATE)
)
SELECT cutoff_date, so, indicator, achieved_value, target_2029, base_date, base_value, days_left,
       (achieved_value - base_value)::BIGINT AS change_in_span,
       (cutoff_date - base_date)::BIGINT AS span_days,
       (achieved_value + CAST(achieved_value - base_value AS HUGEINT) * days_left // (cutoff_date - base_date))::BIGINT AS projected_value
FROM base;
