SELECT report_year, cutoff_date, issue, subject, so, value, reference, pct_tenths, projects, evidence
FROM mart_apr_issues
ORDER BY report_year, issue, so, subject
