-- Returns the candidate issues affecting performance of each annual performance report, with
-- their evidence (mart_apr_issues).
SELECT report_year, cutoff_date, issue, subject, so, value, reference, pct_tenths, projects, evidence
FROM mart_apr_issues
ORDER BY report_year, issue, so, subject
