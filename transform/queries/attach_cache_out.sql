-- Attaches a new cache file to write, as cache_out. Its path is filled in: ATTACH cannot take it
-- as a parameter.
-- fills: path
ATTACH {{path}} AS cache_out
