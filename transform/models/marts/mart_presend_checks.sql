-- The pre-send checks of each requested cut-off's Art 42 transmission: one row per breach, with
-- the rule (its ID; severity and message are the checks package's, checks/rules.go), the table
-- and row it is about, the figure and what it was compared with, as text the message shows.
-- Each branch below is one rule, marked with its ID; every figure compared is computed here or in
-- the marts the export writes, so a check and the file it checks cannot disagree. Money is
-- compared in integer cents (128-bit where a rate multiplies it), never rounded first; an EU
-- contribution may exceed its rate × eligible cost by its rounding to the cent (half a cent per
-- operation, C03).
-- The indicator checks (C01, C02, C07) apply to the June and December cut-offs only, the
-- transmissions that carry indicators. C08 compares with the versions sent (sent_versions,
-- sent_columns, sent_values: the files of out/sent/, read by the pipeline), C10 reads the report
-- versions received (a version put out of force by an overlapping report of its project would
-- still count), never their rows: it costs a scan of the versions, not of the report rows. The
-- rules about one operation each (C03 per operation, C09, and C10's late reports) are computed
-- per project (int_project_checks, int_late_reports), which a nightly run takes from the cache
-- for every project that received no report.
-- depends: cutoffs, cat_rules, cat_goals, cat_indicators, mart_sfc_indicators, mart_sfc_financial, mart_sfc_financial_by_intervention, mart_transmission_figures, int_project_checks, int_late_reports, sent_versions, sent_columns, sent_values, sent_acknowledged
-- key: cutoff_date, rule, tbl, so_code, row_label, figure, bound_figure
CREATE OR REPLACE TABLE mart_presend_checks AS
WITH req AS (
    SELECT cutoff_date, version, has_indicators, deadline FROM cutoffs WHERE requested
), rule_pairs AS (
    SELECT c.cutoff_date, c.version, CASE r.kind WHEN 'of_which_le_parent' THEN 'C01' ELSE 'C02' END AS rule,
           r.id, r.greater, l.so, l.indicator, l.selected_value AS l_selected, l.achieved_value AS l_achieved,
           g.selected_value AS g_selected, g.achieved_value AS g_achieved
    FROM req c
    JOIN cat_rules r ON r.kind IN ('of_which_le_parent', 'result_le_output')
    JOIN mart_sfc_indicators l ON l.cutoff_date = c.cutoff_date AND l.indicator = r.lesser
    JOIN mart_sfc_indicators g ON g.cutoff_date = c.cutoff_date AND g.indicator = r.greater
    WHERE c.has_indicators
), c01_c02 AS (
    -- C01 (of which above parent) and C02 (result above output), on both values.
    SELECT cutoff_date, version, rule, 'indicators.csv' AS tbl, CAST(so AS VARCHAR) AS so_code, indicator AS row_label,
           'selected_value' AS figure, CAST(l_selected AS VARCHAR) AS value, greater || ' selected_value' AS bound_figure,
           CAST(g_selected AS VARCHAR) AS bound, id AS detail
    FROM rule_pairs WHERE l_selected > g_selected
    UNION ALL
    SELECT cutoff_date, version, rule, 'indicators.csv', CAST(so AS VARCHAR), indicator,
           'achieved_value', CAST(l_achieved AS VARCHAR), greater || ' achieved_value', CAST(g_achieved AS VARCHAR), id
    FROM rule_pairs WHERE l_achieved > g_achieved
), c03_operations AS (
    -- C03 per selected operation, with its action's highest rate (int_project_checks).
    SELECT cutoff_date, version, rule, tbl, so_code, row_label, figure, value, bound_figure, bound, detail
    FROM int_project_checks WHERE rule = 'C03'
), c03_rows AS (
    -- C03 per SO and support type, with the financial plan's rate.
    SELECT c.cutoff_date, c.version, 'C03' AS rule, 'financial.csv' AS tbl, f.so_code, f.support_type AS row_label,
           'eu_contribution_eur' AS figure, CAST(f.eu_contribution_eur AS VARCHAR) AS value,
           CAST(f.cofinancing_rate_pct AS VARCHAR) || ' % of the eligible cost ' || CAST(f.eligible_cost_eur AS VARCHAR) || ' EUR' AS bound_figure,
           CAST(eur((CAST(f.eligible_cost_cents AS HUGEINT) * f.cofinancing_rate_tenths + 500 * f.selected_operations) // 1000) AS VARCHAR) AS bound,
           '' AS detail
    FROM req c
    JOIN mart_sfc_financial f ON f.cutoff_date = c.cutoff_date
    WHERE f.so <> 0 AND f.support_type <> 'all' AND f.cofinancing_rate_tenths IS NOT NULL
      AND CAST(f.eu_contribution_cents AS HUGEINT) * 1000
          > CAST(f.eligible_cost_cents AS HUGEINT) * f.cofinancing_rate_tenths + 500 * f.selected_operations
), c04 AS (
    -- C04: declared expenditure above the eligible cost of the selected operations.
    SELECT c.cutoff_date, c.version, 'C04' AS rule, 'financial.csv' AS tbl, f.so_code, f.support_type AS row_label,
           'declared_expenditure_eur' AS figure, CAST(f.declared_expenditure_eur AS VARCHAR) AS value,
           'eligible_cost_eur' AS bound_figure, CAST(f.eligible_cost_eur AS VARCHAR) AS bound, '' AS detail
    FROM req c
    JOIN mart_sfc_financial f ON f.cutoff_date = c.cutoff_date
    WHERE f.so <> 0 AND f.declared_cents > f.eligible_cost_cents
), c05 AS (
    -- C05: public eligible cost above the eligible cost, in Table 1 and Table 2.
    SELECT c.cutoff_date, c.version, 'C05' AS rule, 'financial.csv' AS tbl, f.so_code, f.support_type AS row_label,
           'public_eligible_cost_eur' AS figure, CAST(f.public_eligible_cost_eur AS VARCHAR) AS value,
           'eligible_cost_eur' AS bound_figure, CAST(f.eligible_cost_eur AS VARCHAR) AS bound, '' AS detail
    FROM req c
    JOIN mart_sfc_financial f ON f.cutoff_date = c.cutoff_date
    WHERE f.public_eligible_cost_cents > f.eligible_cost_cents
    UNION ALL
    SELECT c.cutoff_date, c.version, 'C05', 'financial_by_intervention.csv', CAST(t.so AS VARCHAR), t.dimension || ' ' || t.code,
           'public_eligible_cost_eur', CAST(t.public_eligible_cost_eur AS VARCHAR),
           'eligible_cost_eur', CAST(t.eligible_cost_eur AS VARCHAR), ''
    FROM req c
    JOIN mart_sfc_financial_by_intervention t ON t.cutoff_date = c.cutoff_date
    WHERE t.public_eligible_cost_cents > t.eligible_cost_cents
), c06_sums AS (
    SELECT cutoff_date, so, dimension, sum(selected_operations) AS ops, sum(eligible_cost_cents) AS eligible,
           sum(public_eligible_cost_cents) AS public, sum(eu_contribution_cents) AS eu, sum(declared_cents) AS declared
    FROM mart_sfc_financial_by_intervention
    GROUP BY ALL
), c06_pairs AS (
    SELECT c.cutoff_date, c.version, f.so_code, d.dimension,
           f.selected_operations AS t1_ops, coalesce(s.ops, 0) AS t2_ops,
           f.eligible_cost_cents AS t1_eligible, coalesce(s.eligible, 0) AS t2_eligible,
           f.public_eligible_cost_cents AS t1_public, coalesce(s.public, 0) AS t2_public,
           f.eu_contribution_cents AS t1_eu, coalesce(s.eu, 0) AS t2_eu,
           f.declared_cents AS t1_declared, coalesce(s.declared, 0) AS t2_declared
    FROM req c
    JOIN mart_sfc_financial f ON f.cutoff_date = c.cutoff_date AND f.support_type = 'all' AND f.so <> 0
    CROSS JOIN (VALUES ('intervention_field'), ('type_of_action'), ('implementation_modality')) d(dimension)
    LEFT JOIN c06_sums s ON s.cutoff_date = c.cutoff_date AND s.so = f.so AND s.dimension = d.dimension
), c06 AS (
    -- C06: Table 2 adds up to Table 1's 'all' row, per SO and dimension.
    SELECT cutoff_date, version, 'C06' AS rule, 'financial_by_intervention.csv' AS tbl, so_code, dimension AS row_label,
           'selected_operations' AS figure, CAST(t2_ops AS VARCHAR) AS value, 'selected_operations' AS bound_figure,
           CAST(t1_ops AS VARCHAR) AS bound, '' AS detail
    FROM c06_pairs WHERE t1_ops <> t2_ops
    UNION ALL
    SELECT cutoff_date, version, 'C06', 'financial_by_intervention.csv', so_code, dimension, 'eligible_cost_eur',
           CAST(eur(t2_eligible) AS VARCHAR), 'eligible_cost_eur', CAST(eur(t1_eligible) AS VARCHAR), ''
    FROM c06_pairs WHERE t1_eligible <> t2_eligible
    UNION ALL
    SELECT cutoff_date, version, 'C06', 'financial_by_intervention.csv', so_code, dimension, 'public_eligible_cost_eur',
           CAST(eur(t2_public) AS VARCHAR), 'public_eligible_cost_eur', CAST(eur(t1_public) AS VARCHAR), ''
    FROM c06_pairs WHERE t1_public <> t2_public
    UNION ALL
    SELECT cutoff_date, version, 'C06', 'financial_by_intervention.csv', so_code, dimension, 'eu_contribution_eur',
           CAST(eur(t2_eu) AS VARCHAR), 'eu_contribution_eur', CAST(eur(t1_eu) AS VARCHAR), ''
    FROM c06_pairs WHERE t1_eu <> t2_eu
    UNION ALL
    SELECT cutoff_date, version, 'C06', 'financial_by_intervention.csv', so_code, dimension, 'declared_expenditure_eur',
           CAST(eur(t2_declared) AS VARCHAR), 'declared_expenditure_eur', CAST(eur(t1_declared) AS VARCHAR), ''
    FROM c06_pairs WHERE t1_declared <> t2_declared
), c07 AS (
    -- C07: an indicator with a 2029 target and no row of values.
    SELECT c.cutoff_date, c.version, 'C07' AS rule, 'indicators.csv' AS tbl, coalesce(CAST(i.so AS VARCHAR), '') AS so_code,
           g.indicator AS row_label, 'achieved_value' AS figure, '' AS value, 'target_2029' AS bound_figure,
           CAST(g.target_2029 AS VARCHAR) AS bound, '' AS detail
    FROM req c
    JOIN cat_goals g ON g.target_2029 IS NOT NULL
    LEFT JOIN cat_indicators i ON i.code = g.indicator
    WHERE c.has_indicators
      AND NOT EXISTS (SELECT 1 FROM mart_sfc_indicators m WHERE m.cutoff_date = c.cutoff_date AND m.indicator = g.indicator)
), last_sent AS (
    -- For C08: per requested cut-off and table, the last version sent on or before it (its
    -- latest work version).
    SELECT c.cutoff_date, c.version, t.tbl, v.folder, v.cutoff_date AS sent_cutoff
    FROM req c
    JOIN sent_versions v ON v.cutoff_date <= c.cutoff_date
    JOIN (SELECT DISTINCT folder, tbl FROM sent_columns) t ON t.folder = v.folder
    QUALIFY row_number() OVER (PARTITION BY c.cutoff_date, t.tbl ORDER BY v.cutoff_date DESC, v.work DESC) = 1
), compared AS (
    -- The figures C08 compares: of the cut-offs checked against a version sent, and of those
    -- versions' own cut-offs (none when nothing was sent).
    SELECT * FROM mart_transmission_figures
    WHERE cumulative
      AND cutoff_date IN (SELECT cutoff_date FROM last_sent UNION SELECT sent_cutoff FROM last_sent)
), c08 AS (
    -- C08: a cumulative figure below the value the last version sent holds, while no
    -- acknowledgement records that version's figure at its value now.
    SELECT l.cutoff_date, l.version, 'C08' AS rule, l.tbl || '.csv' AS tbl, s.so_code, s.row_label, s.figure,
           coalesce(n.value, '0') AS value, 'sent' AS bound_figure, s.value AS bound, l.folder AS detail
    FROM last_sent l
    JOIN sent_values s ON s.folder = l.folder AND s.tbl = l.tbl
    LEFT JOIN compared n
      ON n.cutoff_date = l.cutoff_date AND n.tbl = s.tbl AND n.so_code = s.so_code AND n.row_label = s.row_label AND n.figure = s.figure
    LEFT JOIN compared restated
      ON restated.cutoff_date = l.sent_cutoff AND restated.tbl = s.tbl AND restated.so_code = s.so_code
     AND restated.row_label = s.row_label AND restated.figure = s.figure
    WHERE s.so_code <> 'TA'
      AND s.figure IN ('selected_value', 'achieved_value', 'selected_operations', 'eligible_cost_eur',
                       'public_eligible_cost_eur', 'eu_contribution_eur', 'declared_expenditure_eur')
      AND coalesce(n.hundredths, 0) < hundredths(s.value)
      AND NOT EXISTS (
          SELECT 1 FROM sent_acknowledged a
          WHERE a.folder = l.folder AND a.tbl = s.tbl AND a.so_code = s.so_code AND a.row_label = s.row_label
            AND a.figure = s.figure AND hundredths(a.value) IS NOT DISTINCT FROM restated.hundredths)
), c09 AS (
    -- C09: a selected operation's half-year report not received, due more than six months
    -- (one reporting period) before the cut-off (int_project_checks).
    SELECT cutoff_date, version, rule, tbl, so_code, row_label, figure, value, bound_figure, bound, detail
    FROM int_project_checks WHERE rule = 'C09'
), late AS (
    -- For C10: the reports with a version submitted after the deadline (int_late_reports).
    SELECT * FROM int_late_reports
), late_by_so AS (
    SELECT cutoff_date, version, deadline, so, count(*) AS reports,
           -- The latest late report; ties broken by every field, so that it does not depend on
           -- the order rows arrive in.
           max({'submitted_at': submitted_at, 'project_id': project_id, 'period_start': period_start,
                'period_end': period_end, 'source_file': source_file}) AS latest
    FROM late
    GROUP BY ALL
), c10 AS (
    -- C10: the figures of an SO's operations rest on reports submitted after the deadline.
    SELECT cutoff_date, version, 'C10' AS rule, 'reports' AS tbl, CAST(so AS VARCHAR) AS so_code,
           'operations of SO ' || so AS row_label, 'reports' AS figure, CAST(reports AS VARCHAR) AS value,
           'deadline' AS bound_figure, strftime(deadline, '%Y-%m-%d') AS bound,
           latest.project_id || ' ' || strftime(latest.period_start, '%Y-%m-%d') || '..' || strftime(latest.period_end, '%Y-%m-%d')
               || ' submitted ' || strftime(latest.submitted_at, '%Y-%m-%dT%H:%M:%SZ') || ' (' || latest.source_file || ')' AS detail
    FROM late_by_so
)
SELECT * FROM c01_c02
UNION ALL SELECT * FROM c03_operations
UNION ALL SELECT * FROM c03_rows
UNION ALL SELECT * FROM c04
UNION ALL SELECT * FROM c05
UNION ALL SELECT * FROM c06
UNION ALL SELECT * FROM c07
UNION ALL SELECT * FROM c08
UNION ALL SELECT * FROM c09
UNION ALL SELECT * FROM c10;
