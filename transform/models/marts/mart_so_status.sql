-- Each SO's status at each cut-off, from the statuses of its main indicators (mart_indicator_
-- progress; "of which" parts are not counted): behind when any of them is behind, else at_risk
-- when any is at risk, else on_track when any is assessed, else not_assessed (no main indicator
-- with a 2029 target). The counts say how the assessed indicators stand.
-- depends: cutoffs, cat_sos, mart_indicator_progress
-- key: cutoff_date, so
CREATE OR REPLACE TABLE mart_so_status AS
WITH counts AS (
    SELECT c.cutoff_date, c.requested, s.so,
           count(p.indicator) FILTER (WHERE p.status <> 'not_assessed')::BIGINT AS assessed,
           count(p.indicator) FILTER (WHERE p.status = 'on_track')::BIGINT AS on_track,
           count(p.indicator) FILTER (WHERE p.status = 'at_risk')::BIGINT AS at_risk,
           count(p.indicator) FILTER (WHERE p.status = 'behind')::BIGINT AS behind
    FROM cutoffs c
    CROSS JOIN cat_sos s
    LEFT JOIN mart_indicator_progress p ON p.cutoff_date = c.cutoff_date AND p.so = s.so AND p.main
    GROUP BY c.cutoff_date, c.requested, s.so
)
SELECT cutoff_date, requested, so, assessed, on_track, at_risk, behind,
       CASE WHEN behind > 0 THEN 'behind'
            WHEN at_risk > 0 THEN 'at_risk'
            WHEN on_track > 0 THEN 'on_track'
            ELSE 'not_assessed' END AS status
FROM counts;
