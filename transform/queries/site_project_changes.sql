-- What each version of site_versions changed against the previous version of the same report
-- (submitted_at order, ties by content hash): the items whose value differs, an absent item as
-- NULL; for a report's first version, all its items. Counts for indicators, cents for
-- expenditure_eur.
WITH v AS (
    SELECT version_hash, version_id,
           lag(version_id) OVER (PARTITION BY project_id, period_start, period_end ORDER BY submitted_at, version_hash) AS previous_id
    FROM site_versions
), items AS (
    SELECT r.version_id, r.item, coalesce(r.value, r.amount_cents) AS value
    FROM src_report_rows r
    WHERE r.version_id IN (SELECT version_id FROM site_versions)
), now AS (
    SELECT v.version_hash, i.item, i.value FROM v JOIN items i ON i.version_id = v.version_id
), before AS (
    SELECT v.version_hash, i.item, i.value FROM v JOIN items i ON i.version_id = v.previous_id
)
SELECT coalesce(n.version_hash, b.version_hash) AS version_hash, coalesce(n.item, b.item) AS item,
       b.value AS before_value, n.value AS after_value
FROM now n
FULL OUTER JOIN before b ON b.version_hash = n.version_hash AND b.item = n.item
WHERE b.value IS DISTINCT FROM n.value
ORDER BY 1, 2
