-- Returns the Commission's indicator table at the requested cut-offs (mart_sfc_indicators), as
-- metrics.IndicatorValue carries it.
SELECT cutoff_date, so, indicator, kind, unit,
       selected_value, achieved_value, milestone_2024, target_2029
FROM mart_sfc_indicators WHERE requested
