-- The findings of the pre-send checks, at most $limit per rule and cut-off (the counts are read in
-- full by check_counts.sql), in a fixed order: by cut-off, rule, table, SO and row.
-- params: limit
SELECT cutoff_date, rule, tbl, so_code, row_label, figure, value, bound_figure, bound, detail
FROM mart_presend_checks
QUALIFY row_number() OVER (PARTITION BY cutoff_date, rule ORDER BY tbl, so_code, row_label, figure, bound_figure) <= $limit
ORDER BY cutoff_date, rule, tbl, so_code, row_label, figure, bound_figure
