-- The warnings about accepted reports as of params.as_of, newest first, capped at ? rows, with
-- how many there are.
-- params: limit
SELECT w.ingested_at, w.report, w.source_file, w.rule, w.severity, w.place, w.value, w.message,
       count(*) OVER () AS total
FROM src_warnings w, params p
WHERE w.ingested_at <= p.as_of
ORDER BY w.ingested_at DESC, w.source_file, w.place, w.rule
LIMIT $limit
