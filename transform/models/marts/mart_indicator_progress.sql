-- Each indicator's progress at each cut-off as the report site shows it, and its status.
-- Shares are per mille (tenths of a per cent) of a goal, from the integers and rounded half away
-- from zero: sign(part) * ((2000 * |part| + goal) // (2 * goal)); NULL when the goal is missing
-- or zero.
--   achieved_, selected_ and projected_permille_of_target: the achieved value, the targets of
--     the selected operations and the projection (mart_projections) against the 2029 target;
--   milestone_check_date, achieved_at_milestone_check, achieved_permille_of_milestone: the value
--     the 2024 milestone is judged on, that of 2024-12-31 once that cut-off has passed and the
--     cut-off's own before (domain.MilestoneCheck), against the milestone.
-- status, the rule the report states:
--   not_assessed  the indicator has no 2029 target;
--   behind        the projection reaches less than 80 % of the target;
--   at_risk       the projection falls short of the target, or the 2024 milestone was missed
--                 (judged from the 2024-12-31 cut-off on);
--   on_track      otherwise.
-- main is false for an "of which" part of another indicator; an SO is judged on its main
-- indicators (mart_so_status).
-- depends: mart_sfc_indicators, mart_projections, cat_indicators
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_indicator_progress AS
WITH base AS (
    SELECT n.cutoff_date, n.requested, n.so, n.indicator, n.kind, n.unit, coalesce(i.parent, '') = '' AS main,
           n.selected_value, n.achieved_value, n.milestone_2024, n.target_2029, p.projected_value,
           least(n.cutoff_date, DATE '2024-12-31') AS milestone_check_date,
           m.achieved_value AS achieved_at_milestone_check
    FROM mart_sfc_indicators n
    JOIN cat_indicators i ON i.code = n.indicator
    LEFT JOIN mart_projections p ON p.cutoff_date = n.cutoff_date AND p.indicator = n.indicator
    LEFT JOIN mart_sfc_indicators m
      ON m.indicator = n.indicator AND m.cutoff_date = least(n.cutoff_date, DATE '2024-12-31')
), shares AS (
    SELECT *,
           CASE WHEN target_2029 > 0 THEN sign(achieved_value) * ((2000 * abs(CAST(achieved_value AS HUGEINT)) + target_2029) // (2 * target_2029)) END::BIGINT AS achieved_permille_of_target,
           CASE WHEN target_2029 > 0 THEN sign(selected_value) * ((2000 * abs(CAST(selected_value AS HUGEINT)) + target_2029) // (2 * target_2029)) END::BIGINT AS selected_permille_of_target,
           CASE WHEN target_2029 > 0 THEN sign(projected_value) * ((2000 * abs(CAST(projected_value AS HUGEINT)) + target_2029) // (2 * target_2029)) END::BIGINT AS projected_permille_of_target,
           CASE WHEN milestone_2024 > 0 THEN sign(achieved_at_milestone_check) * ((2000 * abs(CAST(achieved_at_milestone_check AS HUGEINT)) + milestone_2024) // (2 * milestone_2024)) END::BIGINT AS achieved_permille_of_milestone
    FROM base
)
SELECT cutoff_date, requested, so, indicator, kind, unit, main, selected_value, achieved_value,
       milestone_2024, target_2029, projected_value,
       achieved_permille_of_target, selected_permille_of_target, projected_permille_of_target,
       milestone_check_date, achieved_at_milestone_check, achieved_permille_of_milestone,
       CASE
           WHEN coalesce(target_2029, 0) <= 0 THEN 'not_assessed'
           WHEN projected_value IS NULL OR 5 * projected_value < 4 * target_2029 THEN 'behind'
           WHEN projected_value < target_2029 THEN 'at_risk'
           WHEN cutoff_date >= DATE '2024-12-31' AND milestone_2024 > 0
                AND coalesce(achieved_at_milestone_check, 0) < milestone_2024 THEN 'at_risk'
           ELSE 'on_track'
       END AS status
FROM shares;
