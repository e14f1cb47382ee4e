-- The items of the reports in force of the operations, added up by item, action, beneficiary type
-- and the first cut-off at which they count: an item counts at C when its period ended by C and
-- its project is selected at C, i.e. from the first cut-off on or after the later of period_end
-- and selected_on. value_sum holds indicator counts, amount_cents the expenditure (exact cents);
-- items counts the item rows (a breakdown member with a reported value appears even at 0).
-- One pass over the report rows; everything per cut-off is a running total over this.
-- depends: src_report_rows, int_reports_in_force, int_operations
-- key: item, action, beneficiary_type, counts_from
CREATE OR REPLACE TABLE int_item_contributions AS
WITH by_copies AS (
    SELECT r.item, o.action, o.beneficiary_type,
           first_cutoff_on_or_after(greatest(f.period_end, o.selected_on)) AS counts_from,
           f.copies_in_file,
           sum(r.value) AS value_sum, sum(r.amount_cents) AS amount_cents, count(*) AS items
    FROM src_report_rows r
    JOIN int_reports_in_force f
      ON f.version_hash = r.version_hash AND f.run_id = r.run_id AND f.file_sha256 = r.file_sha256
    JOIN int_operations o ON o.project_id = f.project_id
    GROUP BY ALL
)
-- A group of one copies_in_file holds each of its versions' rows exactly that many times, so
-- the integer division is exact.
SELECT item, action, beneficiary_type, counts_from,
       sum(value_sum // copies_in_file)::BIGINT AS value_sum,
       sum(amount_cents // copies_in_file)::BIGINT AS amount_cents,
       sum(items // copies_in_file)::BIGINT AS items
FROM by_copies
GROUP BY ALL;
