-- The expenditure each operation declared in its reports in force, by the first cut-off at which
-- it counts (the first cut-off on or after the later of the period's end and the selection, as
-- in int_item_contributions): what Table 2 and the forecast of payment applications need per
-- operation, where Table 1 needs it per action only. A project's rows depend on its own reports
-- only, so the transform's cache keeps them per project (cachedProjectModels).
-- depends: src_report_rows, int_reports_in_force, int_operations
-- key: project_id, counts_from
CREATE OR REPLACE TABLE int_operation_expenditure AS
SELECT o.project_id, first_cutoff_on_or_after(greatest(f.period_end, o.selected_on)) AS counts_from,
       sum(r.amount_cents)::BIGINT AS amount_cents
FROM src_report_rows r
JOIN int_reports_in_force f ON f.version_id = r.version_id
JOIN int_operations o ON o.project_id = f.project_id
WHERE r.item = 'expenditure_eur'
GROUP BY ALL;
