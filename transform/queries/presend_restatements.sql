-- The restatements of the versions sent, by folder, table, SO, row and figure.
SELECT folder, version, work, cutoff_date, tbl, so_code, row_label, figure, sent_value, now_value,
       acknowledged, moved_by, moved_by_total
FROM mart_restatements
ORDER BY folder, tbl, so_code, row_label, figure
