-- Returns how many projects were touched since the cache was made (touched), and how many
-- operations the cache holds (cached).
SELECT (SELECT count(*) FROM delta.touched) AS touched, (SELECT count(*) FROM cache.int_operations) AS cached
