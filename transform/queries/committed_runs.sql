-- Returns the ids of the committed runs (run_id), sorted.
SELECT DISTINCT run_id FROM src_runs WHERE run_id IS NOT NULL ORDER BY run_id
