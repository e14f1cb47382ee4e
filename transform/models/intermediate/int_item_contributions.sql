-- The items of the reports in force of the operations, added up in one pass over the report rows
-- at two grains (grain):
-- 'member': by item, action, beneficiary type and counts_from, the first cut-off at which they
--   count: an item counts at C when its period ended by C and its project is selected at C, i.e.
--   from the first cut-off on or after the later of period_end and selected_on. Everything per
--   cut-off is a running total over these. project_id is ''.
-- 'project': by project and item, what counts at the latest requested cut-off (counts_from is
--   that cut-off; action and beneficiary_type are ''), for the breakdown by project.
-- value_sum holds indicator counts, amount_cents the expenditure (exact cents); items counts the
-- item rows (a breakdown member with a reported value appears even at 0).
-- depends: src_report_rows, int_reports_in_force, int_operations, cutoffs
-- key: grain, item, action, beneficiary_type, counts_from, project_id
CREATE OR REPLACE TABLE int_item_contributions AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), items AS (
    SELECT r.item, o.action, o.beneficiary_type, o.project_id,
           first_cutoff_on_or_after(greatest(f.period_end, o.selected_on)) AS counts_from,
           f.copies_in_file, r.value, r.amount_cents
    FROM src_report_rows r
    JOIN int_reports_in_force f
      ON f.version_hash = r.version_hash AND f.run_id = r.run_id AND f.file_sha256 = r.file_sha256
    JOIN int_operations o ON o.project_id = f.project_id
), by_copies AS (
    SELECT grouping(project_id) = 1 AS member_grain, item, action, beneficiary_type, counts_from, project_id,
           copies_in_file,
           sum(value) AS value_sum, sum(amount_cents) AS amount_cents, count(*) AS items,
           sum(value) FILTER (WHERE counts_from <= l.cutoff_date) AS value_sum_latest,
           sum(amount_cents) FILTER (WHERE counts_from <= l.cutoff_date) AS amount_cents_latest,
           count(*) FILTER (WHERE counts_from <= l.cutoff_date) AS items_latest
    FROM items CROSS JOIN latest l
    GROUP BY GROUPING SETS ((item, action, beneficiary_type, counts_from, copies_in_file),
                            (project_id, item, copies_in_file))
)
-- A group of one copies_in_file holds each of its versions' rows exactly that many times, so
-- the integer divisions are exact.
SELECT 'member' AS grain, item, action, beneficiary_type, counts_from, '' AS project_id,
       sum(value_sum // copies_in_file)::BIGINT AS value_sum,
       sum(amount_cents // copies_in_file)::BIGINT AS amount_cents,
       sum(items // copies_in_file)::BIGINT AS items
FROM by_copies WHERE member_grain
GROUP BY item, action, beneficiary_type, counts_from
UNION ALL
SELECT 'project', b.item, '', '', l.cutoff_date, b.project_id,
       sum(b.value_sum_latest // b.copies_in_file)::BIGINT,
       sum(b.amount_cents_latest // b.copies_in_file)::BIGINT,
       sum(b.items_latest // b.copies_in_file)::BIGINT
FROM by_copies b CROSS JOIN latest l
WHERE NOT b.member_grain
GROUP BY b.item, l.cutoff_date, b.project_id
HAVING sum(b.items_latest) > 0;
