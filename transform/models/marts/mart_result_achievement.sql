-- Each result indicator per cut-off, measured as the programme measures it (cat_result_measures,
-- from result_indicators.csv): its baseline, reference year and target type, and how far its
-- target is achieved. A number target compares the achieved value with target_2029. A share
-- target is target_share_pct per cent of the achieved value of the output named in denominator:
-- the achieved share is the result's achieved value against the denominator's
-- (achieved_share_tenths), and the target is achieved to (achieved / denominator) /
-- (target_share_pct / 100), i.e. 100 × achieved against denominator × target_share_pct, from
-- the integers in 128 bits and rounded once (pct_tenths). The selected values compare the same
-- way (selected_pct_of_target_tenths). NULL where there is nothing to compare with.
-- depends: mart_sfc_indicators, cat_result_measures
-- key: cutoff_date, indicator
CREATE OR REPLACE TABLE mart_result_achievement AS
SELECT n.cutoff_date, n.requested, n.so, n.indicator, n.unit,
       m.baseline, m.baseline_unit, m.reference_year, m.target_type, m.denominator, m.target_share_pct,
       m.so4_count, m.basis,
       n.selected_value, n.achieved_value,
       d.selected_value AS denominator_selected, d.achieved_value AS denominator_achieved,
       CASE WHEN m.target_type = 'number' THEN n.target_2029 END AS target_2029,
       CASE WHEN m.target_type = 'share' THEN pct_tenths(n.achieved_value, d.achieved_value) END AS achieved_share_tenths,
       CASE WHEN m.target_type = 'share'
            THEN pct_tenths(CAST(n.achieved_value AS HUGEINT) * 100, CAST(d.achieved_value AS HUGEINT) * m.target_share_pct)
            ELSE pct_tenths(n.achieved_value, n.target_2029) END AS achieved_pct_of_target_tenths,
       CASE WHEN m.target_type = 'share'
            THEN pct_tenths(CAST(n.selected_value AS HUGEINT) * 100, CAST(d.selected_value AS HUGEINT) * m.target_share_pct)
            ELSE pct_tenths(n.selected_value, n.target_2029) END AS selected_pct_of_target_tenths
FROM mart_sfc_indicators n
JOIN cat_result_measures m ON m.indicator = n.indicator
LEFT JOIN mart_sfc_indicators d ON d.cutoff_date = n.cutoff_date AND d.indicator = m.denominator;
