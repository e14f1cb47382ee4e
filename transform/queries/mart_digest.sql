-- Returns what identifies a mart's content, whatever the order of its rows: its row type (the
-- columns' names and types), its row count, and two sums of its rows' 64-bit hashes (unsalted
-- and salted, so that two different contents agree on both only by a 128-bit accident). The
-- mart's name is filled in: a query names its table, it cannot take it as a parameter.
-- fills: mart
SELECT coalesce(any_value(typeof(m)), '') AS row_type, count(*) AS row_count,
       coalesce(sum(hash(m)), 0)::VARCHAR AS hash_sum,
       coalesce(sum(hash(m, 'mittari')), 0)::VARCHAR AS salted_hash_sum
FROM {{mart}} m
