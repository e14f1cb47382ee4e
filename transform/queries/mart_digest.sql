-- Returns what identifies a mart's content, whatever the order of its rows: how many rows it has
-- and two sums of a 64-bit hash of each row (the second salted), as text. A mart whose rows
-- give the same three values as one written before is taken over instead of written again
-- (writeMarts). The mart's name is filled in, as write_mart.sql fills it.
-- fills: mart
SELECT count(*), CAST(coalesce(sum(hash(m)), 0) AS VARCHAR), CAST(coalesce(sum(hash(m, 'mittari')), 0) AS VARCHAR)
FROM {{mart}} m
