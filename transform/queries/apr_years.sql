-- Returns the report years of the annual performance reports computed (accounting_years).
SELECT report_year FROM accounting_years ORDER BY report_year
