-- Returns progress towards the milestones and targets at the requested cut-offs
-- (mart_achievement).
SELECT a.cutoff_date, a.so, a.indicator, a.selected_value, a.achieved_value, a.milestone_2024,
       a.target_2029, a.achieved_of_milestone, a.achieved_of_target, a.selected_of_target
FROM mart_achievement a JOIN cutoffs c USING (cutoff_date) WHERE c.requested
