-- Per cut-off, catalogue indicator, action and beneficiary type: the selected value (targets of
-- the selected operations) and the achieved value (their reports in force with period_end <= the
-- cut-off), as running totals of the contributions counting from that cut-off or earlier. Only
-- members with a target or a reported item appear. The SO is the indicator's own, whatever the
-- SO of the action.
-- depends: cutoffs, cat_indicators, int_target_contributions, int_item_contributions
-- key: cutoff_date, indicator, action, beneficiary_type
CREATE OR REPLACE TABLE int_indicator_members_at_cutoff AS
WITH contributions AS (
    SELECT indicator, action, beneficiary_type, counts_from, target_sum AS selected, 0 AS achieved, targets AS n
    FROM int_target_contributions
    UNION ALL
    SELECT item, action, beneficiary_type, counts_from, 0, value_sum, items
    FROM int_item_contributions
    WHERE grain = 'member' AND item <> 'expenditure_eur'
)
SELECT c.cutoff_date, i.so, k.indicator, k.action, k.beneficiary_type,
       sum(k.selected)::BIGINT AS selected_value, coalesce(sum(k.achieved), 0)::BIGINT AS achieved_value
FROM cutoffs c
JOIN contributions k ON k.counts_from <= c.cutoff_date
JOIN cat_indicators i ON i.code = k.indicator
GROUP BY c.cutoff_date, i.so, k.indicator, k.action, k.beneficiary_type
HAVING sum(k.n) > 0;
