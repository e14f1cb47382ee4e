-- Candidate issues affecting the programme's performance, for each annual performance report, as
-- the data show them at the report's cut-off; staff confirm them and write the report's text.
-- One row per issue and subject, with the figures compared (value against reference, pct_tenths
-- their ratio where it means something), the operations concerned and the evidence in a sentence:
-- - reports_missing (per SO of the operations' actions): half-year reports expected by the
--   cut-off (int_expected_reports) and not received;
-- - reports_late (per SO): half-year reports that fell due in the accounting year and arrived
--   after their due date (int_expected_reports.late, by the catalogue's reporting deadlines);
-- - selected_below_target, selected_above_target (per indicator with a target): what the selected
--   operations are expected to deliver is below 50 % or above 150 % of the 2029 target (of the
--   target share, for a share target);
-- - measure_without_operation (per measure of project grants): no operation selected by the
--   cut-off;
-- - no_progress_in_year (per indicator): the selected operations are expected to deliver some of
--   it, but the accounting year added nothing.
-- At most ten operations are named in a sentence; projects lists them all.
-- depends: accounting_years, int_expected_reports, mart_apr_progress, int_operations, cat_actions
-- key: report_year, issue, subject
CREATE OR REPLACE TABLE mart_apr_issues AS
WITH due AS (
    SELECT y.report_year, y.cutoff_date, e.so, e.project_id, e.received, e.late,
           y.previous_cutoff_date IS NULL OR e.expected_from > y.previous_cutoff_date AS due_in_year
    FROM accounting_years y
    JOIN int_expected_reports e ON e.expected_from <= y.cutoff_date
), reporting AS (
    SELECT report_year, cutoff_date, so,
           count(*) AS expected,
           count(*) FILTER (WHERE NOT received) AS missing,
           coalesce(list(DISTINCT project_id ORDER BY project_id) FILTER (WHERE NOT received), []) AS missing_projects,
           count(*) FILTER (WHERE due_in_year) AS due_in_year,
           count(*) FILTER (WHERE due_in_year AND late) AS late_in_year,
           coalesce(list(DISTINCT project_id ORDER BY project_id) FILTER (WHERE due_in_year AND late), []) AS late_projects
    FROM due
    GROUP BY ALL
), measures AS (
    SELECT DISTINCT so, measure FROM cat_actions WHERE support_type = 'project'
), measure_operations AS (
    SELECT y.report_year, y.cutoff_date, m.so, m.measure, count(o.project_id) AS operations
    FROM accounting_years y
    CROSS JOIN measures m
    LEFT JOIN int_operations o ON o.measure = m.measure AND o.selected_cutoff <= y.cutoff_date
    GROUP BY ALL
), issues AS (
    SELECT report_year, cutoff_date, 'reports_missing' AS issue, CAST(so AS VARCHAR) AS subject, so,
           missing AS value, expected AS reference, pct_tenths(expected - missing, expected) AS pct_tenths,
           missing_projects AS projects,
           format('{} of the {} half-year reports expected by {} from the operations of SO {} have not been received ({} % received)',
                  missing, expected, cutoff_date, so, pct(pct_tenths(expected - missing, expected))) AS sentence
    FROM reporting WHERE missing > 0
    UNION ALL
    SELECT report_year, cutoff_date, 'reports_late', CAST(so AS VARCHAR), so,
           late_in_year, due_in_year, pct_tenths(late_in_year, due_in_year), late_projects,
           format('{} of the {} half-year reports that fell due in the accounting year from the operations of SO {} arrived after their due date ({} %)',
                  late_in_year, due_in_year, so, pct(pct_tenths(late_in_year, due_in_year)))
    FROM reporting WHERE late_in_year > 0
    UNION ALL
    SELECT report_year, cutoff_date,
           CASE WHEN selected_pct_of_target_tenths < 500 THEN 'selected_below_target' ELSE 'selected_above_target' END,
           indicator, so, selected_value,
           CASE WHEN target_type = 'share' THEN target_share_pct ELSE target_2029 END,
           selected_pct_of_target_tenths, [],
           CASE WHEN target_type = 'share'
                THEN format('{}: the selected operations are expected to deliver {} % of the target share ({} % of {}); outside 50-150 %',
                            indicator, pct(selected_pct_of_target_tenths), target_share_pct, denominator)
                ELSE format('{}: the selected operations are expected to deliver {} {}, {} % of the 2029 target of {}; outside 50-150 %',
                            indicator, selected_value, unit, pct(selected_pct_of_target_tenths), target_2029) END
    FROM mart_apr_progress
    WHERE selected_pct_of_target_tenths < 500 OR selected_pct_of_target_tenths > 1500
    UNION ALL
    SELECT report_year, cutoff_date, 'measure_without_operation', measure, so, 0, NULL, NULL, [],
           format('no operation of measure {} (SO {}) has been selected by {}', measure, so, cutoff_date)
    FROM measure_operations WHERE operations = 0
    UNION ALL
    SELECT p.report_year, p.cutoff_date, 'no_progress_in_year', p.indicator, p.so, p.achieved_in_year, p.selected_value, NULL, [],
           format('{}: nothing achieved in the accounting year {} - {}, although the selected operations are expected to deliver {} {} ({} achieved by then)',
                  p.indicator, y.period_start, p.cutoff_date, p.selected_value, p.unit, p.achieved_value)
    FROM mart_apr_progress p
    JOIN accounting_years y USING (report_year)
    WHERE p.selected_value > 0 AND p.achieved_in_year = 0
)
SELECT report_year, cutoff_date, issue, subject, so, value::BIGINT AS value, reference::BIGINT AS reference,
       pct_tenths, projects,
       sentence || CASE WHEN len(projects) = 0 THEN ''
                        ELSE ': ' || array_to_string(list_slice(projects, 1, 10), ', ')
                             || CASE WHEN len(projects) > 10 THEN format(' and {} more', len(projects) - 10) ELSE '' END
                   END || '.' AS evidence
FROM issues;
