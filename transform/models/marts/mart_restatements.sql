-- The restatements of the versions sent: for every version in out/sent/ whose cut-off this run
-- computes, every figure of the tables it sent whose value at that cut-off, computed again now
-- (mart_transmission_figures), differs from the value sent (sent_values, the files sent, read by
-- the pipeline), compared in hundredths of the figure's unit (the hundredths macro). A row sent that the table has no more, or a row the table has now that was not
-- sent (a new Annex VI code), is a restatement too; a column the file sent did not have is not.
-- acknowledged says that an acknowledgement records the figure at its value now (it is open
-- again once the figure moves further). moved_by lists what moved it since the figures sent
-- were computed (figures_as_of), at most ten, and moved_by_total counts them:
--   * report versions received since that are the newest of their report key, for a period
--     ending by the cut-off, of an operation that counts in the row now, carrying the figure's
--     item (the indicator, or the expenditure for the money of Table 1 and Table 2) or whose
--     report carried it in another version (dropping an item moves it too), for the
--     figures reports move (achieved_value, declared_expenditure_eur and the share of the
--     allocation it makes);
--   * projects whose register row or targets differ between the snapshot in force then and now
--     (stg_snapshots) and that count in the row then or now: in its SO (and support type, for Table 1), or, for
--     an indicator, having had a target for it; for every figure but the catalogue's
--     (milestones, targets, allocations, co-financing rates).
-- A figure moved by the catalogue alone (an adopted plan replacing a derived one) lists nothing.
-- depends: sent_versions, sent_columns, sent_values, sent_acknowledged, cutoffs, params, mart_transmission_figures, src_report_versions, src_report_rows, src_projects, src_project_targets, stg_snapshots, int_operations, cat_actions
-- key: folder, tbl, so_code, row_label, figure
CREATE OR REPLACE TABLE mart_restatements AS
WITH folders AS (
    SELECT v.* FROM sent_versions v SEMI JOIN cutoffs c ON c.cutoff_date = v.cutoff_date
), sent AS (
    SELECT s.* FROM sent_values s SEMI JOIN folders f USING (folder)
), now_values AS (
    -- The figures of the columns the folder's files have, of the tables it holds.
    SELECT f.folder, m.tbl, m.so_code, m.row_label, m.figure, m.value, m.hundredths
    FROM folders f
    JOIN sent_columns s ON s.folder = f.folder
    JOIN mart_transmission_figures m ON m.cutoff_date = f.cutoff_date AND m.tbl = s.tbl AND m.figure = s.figure
), moved AS (
    SELECT coalesce(n.folder, s.folder) AS folder, coalesce(n.tbl, s.tbl) AS tbl, coalesce(n.so_code, s.so_code) AS so_code,
           coalesce(n.row_label, s.row_label) AS row_label, coalesce(n.figure, s.figure) AS figure,
           coalesce(s.value, '') AS sent_value, s.folder IS NOT NULL AS was_sent,
           coalesce(n.value, '') AS now_value, n.folder IS NOT NULL AS is_now,
           n.hundredths AS now_hundredths
    FROM now_values n
    FULL OUTER JOIN sent s
      ON s.folder = n.folder AND s.tbl = n.tbl AND s.so_code = n.so_code AND s.row_label = n.row_label AND s.figure = n.figure
    WHERE hundredths(s.value) IS DISTINCT FROM n.hundredths
), scope AS (
    -- What each moved figure's movers must match: its folder's cut-off and moment, the item a
    -- report moves it by, and the operations that count in its row.
    SELECT m.*, f.version, f.work, f.cutoff_date, f.figures_as_of,
           CASE WHEN m.tbl = 'indicators' AND m.figure = 'achieved_value' THEN m.row_label
                WHEN m.tbl <> 'indicators' AND m.figure IN ('declared_expenditure_eur', 'declared_pct_of_allocation') THEN 'expenditure_eur'
           END AS item,
           m.figure NOT IN ('milestone_2024', 'target_2029', 'allocation_eur', 'total_allocation_eur', 'cofinancing_rate_pct') AS by_register,
           CASE WHEN m.tbl = 'financial' THEN m.row_label END AS support_type,
           CASE WHEN m.tbl = 'financial_by_intervention' THEN split_part(m.row_label, ' ', 1) END AS dimension,
           CASE WHEN m.tbl = 'financial_by_intervention' THEN split_part(m.row_label, ' ', 2) END AS code
    FROM moved m JOIN folders f USING (folder)
), since AS (
    -- The versions received since the earliest moment a moved figure was computed as of, the
    -- newest of their report key.
    SELECT version_id, project_id, period_start, period_end, submitted_at, ingested_at, source_file
    FROM (
        SELECT v.*, row_number() OVER (PARTITION BY v.project_id, v.period_start, v.period_end
                                       ORDER BY v.submitted_at DESC, v.version_hash DESC, v.ingested_at, v.run_id, v.file_sha256, v.version_id) AS n
        FROM src_report_versions v
        SEMI JOIN (
            SELECT DISTINCT project_id, period_start, period_end FROM src_report_versions, params p
            WHERE ingested_at <= p.as_of AND ingested_at > (SELECT min(figures_as_of) FROM scope WHERE item IS NOT NULL)
        ) k USING (project_id, period_start, period_end)
        CROSS JOIN params p
        WHERE v.ingested_at <= p.as_of
    )
    WHERE n = 1
), key_versions AS (
    SELECT v.version_id, v.project_id, v.period_start, v.period_end
    FROM src_report_versions v SEMI JOIN since s USING (project_id, period_start, period_end)
    WHERE v.ingested_at <= (SELECT as_of FROM params)
), key_items AS (
    -- The items of every version of those reports: a version that drops an item moves it too.
    SELECT DISTINCT k.project_id, k.period_start, k.period_end, r.item
    FROM src_report_rows r JOIN key_versions k ON k.version_id = r.version_id
    WHERE r.version_id IN (SELECT version_id FROM key_versions)
), report_movers AS (
    SELECT s.folder, s.tbl, s.so_code, s.row_label, s.figure,
           v.project_id || ' ' || strftime(v.period_start, '%Y-%m-%d') || '..' || strftime(v.period_end, '%Y-%m-%d')
               || ' submitted ' || strftime(v.submitted_at, '%Y-%m-%dT%H:%M:%SZ') || ' (' || v.source_file || ')' AS mover,
           v.submitted_at AS moved_at
    FROM scope s
    JOIN since v ON v.ingested_at > s.figures_as_of AND v.period_end <= s.cutoff_date
    JOIN key_items i ON i.project_id = v.project_id AND i.period_start = v.period_start AND i.period_end = v.period_end
     AND i.item = s.item
    JOIN int_operations o ON o.project_id = v.project_id AND o.selected_cutoff <= s.cutoff_date
    WHERE s.item IS NOT NULL
      AND CASE WHEN s.tbl = 'indicators' THEN true
               ELSE CAST(o.so AS VARCHAR) = s.so_code
                    AND (s.support_type IS NULL OR s.support_type = 'all' OR o.support_type = s.support_type)
                    AND (s.dimension IS NULL
                         OR (s.dimension = 'intervention_field' AND o.intervention_field = s.code)
                         OR (s.dimension = 'type_of_action' AND o.type_of_action = s.code)
                         OR (s.dimension = 'implementation_modality' AND o.implementation_modality = s.code)) END
), register_scope AS (
    SELECT DISTINCT folder, cutoff_date, figures_as_of FROM scope WHERE by_register
), snapshots AS (
    SELECT DISTINCT 'projects' AS tbl, run_id, ingested_at FROM src_projects
    UNION ALL
    SELECT DISTINCT 'project_targets', run_id, ingested_at FROM src_project_targets
), snapshot_then AS (
    SELECT r.folder, s.tbl, s.run_id, s.ingested_at
    FROM register_scope r JOIN snapshots s ON s.ingested_at <= least(r.figures_as_of, (SELECT as_of FROM params))
    QUALIFY row_number() OVER (PARTITION BY r.folder, s.tbl ORDER BY s.ingested_at DESC, s.run_id DESC) = 1
), snapshot_now AS (
    SELECT source AS tbl, run_id, ingested_at FROM stg_snapshots
), pairs AS (
    -- The distinct (then, now) snapshot pairs that differ: a folder whose register was the
    -- one in force now has no register movers.
    SELECT DISTINCT t.tbl, t.run_id AS then_run, t.ingested_at AS then_at, n.run_id AS now_run, n.ingested_at AS now_at
    FROM snapshot_then t JOIN snapshot_now n ON n.tbl = t.tbl
    WHERE t.run_id <> n.run_id OR t.ingested_at <> n.ingested_at
), pair_snapshots AS (
    -- The register snapshots the pairs compare, so that only their rows are joined (none when
    -- no figure sent moved with the register).
    SELECT tbl, then_run AS run_id, then_at AS ingested_at FROM pairs
    UNION
    SELECT tbl, now_run, now_at FROM pairs
), register_rows AS (
    SELECT project_id, action, status, selected_on, eligible_cost_cents, eu_contribution_cents,
           coalesce(private_contribution_cents, 0) AS private_cents,
           coalesce(intervention_field, '') || '/' || coalesce(type_of_action, '') || '/' || coalesce(implementation_modality, '') AS codes,
           run_id, ingested_at
    FROM src_projects
    SEMI JOIN (SELECT run_id, ingested_at FROM pair_snapshots WHERE tbl = 'projects') s USING (run_id, ingested_at)
), then_rows AS (
    SELECT p.then_run, p.then_at, r.*
    FROM pairs p JOIN register_rows r ON r.run_id = p.then_run AND r.ingested_at = p.then_at
    WHERE p.tbl = 'projects'
), now_rows AS (
    SELECT p.then_run, p.then_at, r.*
    FROM pairs p JOIN register_rows r ON r.run_id = p.now_run AND r.ingested_at = p.now_at
    WHERE p.tbl = 'projects'
), project_changes AS (
    SELECT coalesce(a.then_run, b.then_run) AS then_run, coalesce(a.then_at, b.then_at) AS then_at,
           coalesce(a.project_id, b.project_id) AS project_id,
           a.action AS then_action, a.status AS then_status, a.selected_on AS then_selected,
           b.action AS now_action, b.status AS now_status, b.selected_on AS now_selected,
           CASE WHEN a.project_id IS NULL THEN 'added'
                WHEN b.project_id IS NULL THEN 'removed'
                ELSE concat_ws(', ',
                    CASE WHEN a.status <> b.status THEN 'status ' || a.status || ' → ' || b.status END,
                    CASE WHEN a.selected_on IS DISTINCT FROM b.selected_on THEN 'selected_on ' || coalesce(CAST(a.selected_on AS VARCHAR), '–') || ' → ' || coalesce(CAST(b.selected_on AS VARCHAR), '–') END,
                    CASE WHEN a.action <> b.action THEN 'action ' || a.action || ' → ' || b.action END,
                    CASE WHEN a.eligible_cost_cents <> b.eligible_cost_cents THEN 'eligible cost ' || CAST(eur(a.eligible_cost_cents) AS VARCHAR) || ' → ' || CAST(eur(b.eligible_cost_cents) AS VARCHAR) END,
                    CASE WHEN a.eu_contribution_cents <> b.eu_contribution_cents THEN 'EU contribution ' || CAST(eur(a.eu_contribution_cents) AS VARCHAR) || ' → ' || CAST(eur(b.eu_contribution_cents) AS VARCHAR) END,
                    CASE WHEN a.private_cents <> b.private_cents THEN 'private contribution ' || CAST(eur(a.private_cents) AS VARCHAR) || ' → ' || CAST(eur(b.private_cents) AS VARCHAR) END,
                    CASE WHEN a.codes <> b.codes THEN 'Annex VI codes ' || a.codes || ' → ' || b.codes END)
           END AS what
    FROM then_rows a
    FULL OUTER JOIN now_rows b ON b.then_run = a.then_run AND b.then_at = a.then_at AND b.project_id = a.project_id
    WHERE a.project_id IS NULL OR b.project_id IS NULL
       OR a.action <> b.action OR a.status <> b.status OR a.selected_on IS DISTINCT FROM b.selected_on
       OR a.eligible_cost_cents <> b.eligible_cost_cents OR a.eu_contribution_cents <> b.eu_contribution_cents
       OR a.private_cents <> b.private_cents OR a.codes <> b.codes
), then_targets AS (
    SELECT p.then_run, p.then_at, t.project_id, t.indicator, t.target
    FROM pairs p JOIN src_project_targets t ON t.run_id = p.then_run AND t.ingested_at = p.then_at
    WHERE p.tbl = 'project_targets'
), now_targets AS (
    SELECT p.then_run, p.then_at, t.project_id, t.indicator, t.target
    FROM pairs p JOIN src_project_targets t ON t.run_id = p.now_run AND t.ingested_at = p.now_at
    WHERE p.tbl = 'project_targets'
), target_changes AS (
    SELECT coalesce(a.then_run, b.then_run) AS then_run, coalesce(a.then_at, b.then_at) AS then_at,
           coalesce(a.project_id, b.project_id) AS project_id, coalesce(a.indicator, b.indicator) AS indicator,
           'target ' || coalesce(a.indicator, b.indicator) || ' ' || coalesce(CAST(a.target AS VARCHAR), '–') || ' → ' || coalesce(CAST(b.target AS VARCHAR), '–') AS what
    FROM then_targets a
    FULL OUTER JOIN now_targets b
      ON b.then_run = a.then_run AND b.then_at = a.then_at AND b.project_id = a.project_id AND b.indicator = a.indicator
    WHERE a.target IS DISTINCT FROM b.target
), register_movers AS (
    -- A changed project moves a row it counts in then (by its register row then) or now.
    SELECT s.folder, s.tbl, s.so_code, s.row_label, s.figure, 'register: ' || c.project_id || ' ' || c.what AS mover,
           CAST(NULL AS TIMESTAMPTZ) AS moved_at
    FROM scope s
    JOIN snapshot_then t ON t.folder = s.folder AND t.tbl = 'projects'
    JOIN project_changes c ON c.then_run = t.run_id AND c.then_at = t.ingested_at
    LEFT JOIN cat_actions ta ON ta.code = c.then_action
    LEFT JOIN cat_actions na ON na.code = c.now_action
    WHERE s.by_register
      AND ((s.tbl = 'indicators' AND EXISTS (SELECT 1 FROM src_project_targets tg WHERE tg.project_id = c.project_id AND tg.indicator = s.row_label
                                                       AND tg.ingested_at <= (SELECT as_of FROM params)))
           OR (CAST(ta.so AS VARCHAR) = s.so_code AND coalesce(c.then_status, '') <> 'cancelled' AND c.then_selected <= s.cutoff_date
               AND (s.support_type IS NULL OR s.support_type = 'all' OR ta.support_type = s.support_type))
           OR (CAST(na.so AS VARCHAR) = s.so_code AND coalesce(c.now_status, '') <> 'cancelled' AND c.now_selected <= s.cutoff_date
               AND (s.support_type IS NULL OR s.support_type = 'all' OR na.support_type = s.support_type)))
    UNION ALL
    SELECT s.folder, s.tbl, s.so_code, s.row_label, s.figure, 'targets: ' || c.project_id || ' ' || c.what, NULL
    FROM scope s
    JOIN snapshot_then t ON t.folder = s.folder AND t.tbl = 'project_targets'
    JOIN target_changes c ON c.then_run = t.run_id AND c.then_at = t.ingested_at AND c.indicator = s.row_label
    WHERE s.by_register AND s.tbl = 'indicators'
), movers AS (
    SELECT * FROM report_movers UNION ALL SELECT * FROM register_movers
), listed AS (
    SELECT folder, tbl, so_code, row_label, figure,
           list(mover ORDER BY moved_at DESC NULLS LAST, mover)[1:10] AS moved_by, count(*) AS moved_by_total
    FROM (SELECT DISTINCT * FROM movers)
    GROUP BY ALL
)
SELECT s.folder, s.version, s.work, s.cutoff_date, s.tbl, s.so_code, s.row_label, s.figure,
       s.sent_value, s.was_sent, s.now_value, s.is_now,
       EXISTS (SELECT 1 FROM sent_acknowledged a
               WHERE a.folder = s.folder AND a.tbl = s.tbl AND a.so_code = s.so_code AND a.row_label = s.row_label
                 AND a.figure = s.figure AND hundredths(a.value) IS NOT DISTINCT FROM s.now_hundredths) AS acknowledged,
       coalesce(l.moved_by, []) AS moved_by, coalesce(l.moved_by_total, 0)::BIGINT AS moved_by_total
FROM scope s
LEFT JOIN listed l USING (folder, tbl, so_code, row_label, figure);
