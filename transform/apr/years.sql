SELECT report_year FROM accounting_years ORDER BY report_year
