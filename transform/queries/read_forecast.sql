-- Returns the forecast of payment applications (mart_forecast), as metrics.ForecastValue
-- carries it.
SELECT due_date, cutoff_date, so, year, next_year, current_year_cents, next_year_cents, operations
FROM mart_forecast
