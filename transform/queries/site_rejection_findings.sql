-- The findings of the last rejection of each outstanding report or file listed (the table
-- site_rejections), at most ? per rejection, with how many there are.
-- params: limit
WITH rows AS (
    SELECT r.subject_kind, r.subject, q.rule, q.severity, q.place, q.value, q.message, q.report, q.source_file,
           q.ingested_at
    FROM site_rejections r
    JOIN src_quarantine q
      ON q.file_sha256 = r.file_sha256 AND q.ingested_at = r.rejected_at
     AND CASE WHEN r.subject_kind = 'file' THEN q.source_file = r.subject
              ELSE q.report = r.subject OR starts_with(q.report, r.subject || ' submitted ') END
), numbered AS (
    SELECT *, row_number() OVER (PARTITION BY subject_kind, subject ORDER BY severity, place, rule) AS n,
           count(*) OVER (PARTITION BY subject_kind, subject) AS total
    FROM rows
)
SELECT subject_kind, subject, rule, severity, place, value, message, report, source_file, ingested_at, total
FROM numbered
WHERE n <= $limit
ORDER BY subject_kind, subject, n
