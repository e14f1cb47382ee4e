-- The SO 4 counts each annual performance report states (AMIF Art 35(2)): persons resettled,
-- admitted through humanitarian admission and transferred (the so4_count of
-- result_indicators.csv), in the accounting year and cumulatively at its cut-off.
-- depends: mart_apr_progress, cat_result_measures
-- key: report_year, indicator
CREATE OR REPLACE VIEW mart_apr_so4 AS
SELECT p.report_year, p.cutoff_date, m.so4_count, p.indicator, p.unit, p.achieved_in_year, p.achieved_value
FROM mart_apr_progress p
JOIN cat_result_measures m ON m.indicator = p.indicator
WHERE m.so4_count <> '';
