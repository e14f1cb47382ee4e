-- Returns what the versions that moved since the previous run (delta_versions) add to now's
-- figures, signed (+ for in force now, not then; - for then, not now): per item, SO and support
-- type of the project, and counts_from, the first cut-off they count at (as in
-- int_item_contributions; the operations are the same then and now), the sum as amount.
SELECT r.item, o.so, o.support_type,
       first_cutoff_on_or_after(greatest(v.period_end, o.selected_on)) AS counts_from,
       (sum(coalesce(r.value, r.amount_cents)) * v.sign)::BIGINT AS amount
FROM src_report_rows r
JOIN (SELECT v.*, d.sign FROM touched_versions v JOIN delta_versions d USING (version_hash)) v
  ON v.version_id = r.version_id
JOIN int_operations o ON o.project_id = v.project_id
GROUP BY r.item, o.so, o.support_type, counts_from, v.sign
