-- The open data of the indicators: at every requested June and December cut-off (those whose
-- indicators are transmitted), each indicator's values per action and for its SO as a whole
-- (action ''), with small counts of people withheld. Only published_value leaves the mart.
--
-- The rule (k = cat_publication.small_count, 5): in a unit that counts people
-- (cat_publication_lists 'protected_unit'), an achieved value from 1 to k - 1 is primary and is
-- published as '<k'. What a reader can work out is bounded by what the table publishes: each
-- cut-off and indicator is one row whose action cells add up to the SO's cell, and every cell
-- lies in that row alone; a '<k' cell is known to lie in 1 … k - 1, a '..' cell to be 0 or more.
-- The protection asked of every withheld cell: the values it can take given the row are at
-- least the whole of 1 … k - 1 for a primary cell, and more than one value for any other. As
-- rows share no cell, the bounds of a row's cells have a closed form and need no search:
-- - when the SO's cell is published, its n primary action cells add up to a known R, and each
--   of them can be anything from max(1, R - (k - 1)(n - 1)) to min(k - 1, R - (n - 1)): the whole
--   of 1 … k - 1 exactly when n + k - 2 <= R <= (k - 1)(n - 1) + 1. Otherwise one more cell is
--   withheld as '..' (secondary): the smallest other action cell that is not 0 (it is k or more,
--   so every primary cell may again be 1 … k - 1, and the withheld cell has a range of (k - 2)n + 1 values
--   or more), or, when there is none, the SO's cell itself (the row then bounds nothing);
-- - when the SO's cell is itself primary, every non-zero action cell is too; with one of them,
--   both are '<k' (each is the other, anything from 1 to k - 1); with two or more, '<k' on the
--   SO's cell would bound them below k - 1, so it is published '..' instead.
-- A zero is never withheld (it is no one), nor a value in a unit that does not count people.
-- What this does not protect against: differencing one cell across cut-offs (values are
-- cumulative and seldom fall) and the report site, which shows the values unsuppressed.
-- depends: cutoffs, cat_indicators, cat_publication, cat_publication_lists, mart_sfc_indicators, int_indicator_members_at_cutoff
-- key: cutoff_date, indicator, action
CREATE OR REPLACE TABLE mart_opendata_indicators AS
WITH published_cutoffs AS (
    SELECT cutoff_date FROM cutoffs WHERE requested AND has_indicators
), cells AS (
    SELECT m.cutoff_date, m.so, m.indicator, m.action,
           sum(m.selected_value) AS selected_value, sum(m.achieved_value) AS achieved_value
    FROM int_indicator_members_at_cutoff m
    SEMI JOIN published_cutoffs c ON c.cutoff_date = m.cutoff_date
    GROUP BY ALL
    UNION ALL
    SELECT n.cutoff_date, n.so, n.indicator, '', n.selected_value, n.achieved_value
    FROM mart_sfc_indicators n
    SEMI JOIN published_cutoffs c ON c.cutoff_date = n.cutoff_date
), marked AS (
    SELECT c.*, i.unit, s.small_count AS k, c.action = '' AS is_total,
           i.unit IN (SELECT value FROM cat_publication_lists WHERE list = 'protected_unit')
             AND c.achieved_value BETWEEN 1 AND s.small_count - 1 AS is_primary
    FROM cells c
    JOIN cat_indicators i ON i.code = c.indicator
    CROSS JOIN cat_publication s
), rows AS (
    SELECT cutoff_date, indicator, any_value(k) AS k,
           count(*) FILTER (WHERE is_primary AND NOT is_total) AS n,
           coalesce(sum(achieved_value) FILTER (WHERE is_primary AND NOT is_total), 0) AS r,
           bool_or(is_primary AND is_total) AS total_primary,
           arg_min(action, (achieved_value, action)) FILTER (WHERE NOT is_total AND NOT is_primary AND achieved_value > 0) AS smallest_other
    FROM marked
    GROUP BY ALL
), decided AS (
    SELECT *,
           n > 0 AND NOT total_primary AND NOT (r >= n + k - 2 AND r <= (k - 1) * (n - 1) + 1) AS needs_secondary
    FROM rows
)
SELECT m.cutoff_date, m.so, m.indicator, m.unit, CASE WHEN m.is_total THEN 'so' ELSE 'action' END AS level, m.action,
       m.selected_value::BIGINT AS selected_value, m.achieved_value::BIGINT AS achieved_value,
       CASE WHEN m.is_primary THEN 'primary'
            WHEN d.needs_secondary AND (m.action = d.smallest_other OR (d.smallest_other IS NULL AND m.is_total)) THEN 'secondary'
            ELSE '' END AS suppression,
       CASE WHEN m.is_primary AND m.is_total AND d.n >= 2 THEN '..'
            WHEN m.is_primary THEN '<' || m.k
            WHEN d.needs_secondary AND (m.action = d.smallest_other OR (d.smallest_other IS NULL AND m.is_total)) THEN '..'
            ELSE CAST(m.achieved_value AS VARCHAR) END AS published_value
FROM marked m
JOIN decided d ON d.cutoff_date = m.cutoff_date AND d.indicator = m.indicator;
