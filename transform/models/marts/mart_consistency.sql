-- The catalogue's consistency rules checked again at programme level on each cut-off's achieved
-- and selected values: a row for every breach (lesser > greater), reported as found, never fixed.
-- depends: cat_rules, mart_sfc_indicators
-- key: cutoff_date, rule, basis
CREATE OR REPLACE TABLE mart_consistency AS
WITH pairs AS (
    SELECT r.id AS rule, r.kind, r.severity, r.lesser, r.greater, l.cutoff_date,
           l.achieved_value AS lesser_achieved, g.achieved_value AS greater_achieved,
           l.selected_value AS lesser_selected, g.selected_value AS greater_selected
    FROM cat_rules r
    JOIN mart_sfc_indicators l ON l.indicator = r.lesser
    JOIN mart_sfc_indicators g ON g.indicator = r.greater AND g.cutoff_date = l.cutoff_date
)
SELECT cutoff_date, rule, kind, severity, lesser, greater, 'achieved' AS basis,
       lesser_achieved AS lesser_value, greater_achieved AS greater_value
FROM pairs WHERE lesser_achieved > greater_achieved
UNION ALL
SELECT cutoff_date, rule, kind, severity, lesser, greater, 'selected',
       lesser_selected, greater_selected
FROM pairs WHERE lesser_selected > greater_selected;
