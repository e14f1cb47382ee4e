-- Each project's declared expenditure as the financial table counts it at the latest requested
-- cut-off: the expenditure_eur of its versions in force (site_versions) that count by then (from
-- the first cut-off on or after the later of their period's end and the project's selection), for
-- a project that is not cancelled.
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
)
SELECT p.project_id, sum(r.amount_cents)::BIGINT AS declared_cents
FROM site_versions v
JOIN site_projects p ON p.project_id = v.project_id
JOIN src_report_rows r ON r.version_id = v.version_id AND r.item = 'expenditure_eur'
CROSS JOIN latest l
WHERE v.outcome = 'in_force' AND p.status <> 'cancelled'
  AND first_cutoff_on_or_after(greatest(v.period_end, p.selected_on)) <= l.cutoff_date
GROUP BY p.project_id
