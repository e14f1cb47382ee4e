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
-- Why it is shaped so (BENCHMARKS.md, "Where the time went"): everything a row needs of its version and
-- operation is joined once per version (versions), so the report rows meet one join, on the
-- integer version_id, and the big grouping runs on small integers (project_no, member_no)
-- instead of project ids, actions and beneficiary types, which are joined back to the few
-- result rows. Both grains come from one grouping (GROUPING SETS) with three sums each: a row
-- counting after the latest cut-off carries a NULL project number (latest_project_no), so its
-- 'project' group is dropped by the join back to the projects instead of being filtered per
-- aggregate; and as (project_no, item) and (member_no, item, counts_from) are already unique,
-- the ids are joined back without grouping again (a second grouping on project ids was a
-- sizeable part of the model).
-- depends: src_report_rows, int_reports_in_force, int_operations, cutoffs
-- key: grain, item, action, beneficiary_type, counts_from, project_id
CREATE OR REPLACE TABLE int_item_contributions AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), operations AS (
    SELECT project_id, selected_on, action, beneficiary_type,
           CAST(row_number() OVER (ORDER BY project_id) AS INTEGER) AS project_no,
           CAST(dense_rank() OVER (ORDER BY action, beneficiary_type) AS INTEGER) AS member_no
    FROM int_operations
), versions AS (
    SELECT v.version_id, v.member_no, v.counts_from,
           CASE WHEN v.counts_from <= l.cutoff_date THEN v.project_no END AS latest_project_no
    FROM (
        SELECT f.version_id, o.member_no, o.project_no,
               first_cutoff_on_or_after(greatest(f.period_end, o.selected_on)) AS counts_from
        FROM int_reports_in_force f
        JOIN operations o ON o.project_id = f.project_id
    ) v CROSS JOIN latest l
), by_grain AS (
    SELECT grouping(v.latest_project_no) = 1 AS member_grain, r.item, v.member_no, v.counts_from,
           v.latest_project_no AS project_no,
           sum(r.value) AS value_sum, sum(r.amount_cents) AS amount_cents, count(*) AS items
    FROM src_report_rows r
    JOIN versions v ON v.version_id = r.version_id
    GROUP BY GROUPING SETS ((r.item, v.member_no, v.counts_from),
                            (v.latest_project_no, r.item))
), members AS (
    SELECT DISTINCT member_no, action, beneficiary_type FROM operations
)
SELECT 'member' AS grain, b.item, m.action, m.beneficiary_type, b.counts_from, '' AS project_id,
       b.value_sum::BIGINT AS value_sum,
       b.amount_cents::BIGINT AS amount_cents,
       b.items::BIGINT AS items
FROM by_grain b JOIN members m USING (member_no)
WHERE b.member_grain
UNION ALL
SELECT 'project', b.item, '', '', l.cutoff_date, o.project_id,
       b.value_sum::BIGINT,
       b.amount_cents::BIGINT,
       b.items::BIGINT
FROM by_grain b CROSS JOIN latest l JOIN operations o USING (project_no)
WHERE NOT b.member_grain;
