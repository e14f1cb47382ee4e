-- Attaches the cache file, read-only, as the database cache. Its path is filled in: ATTACH
-- cannot take it as a parameter.
-- fills: path
ATTACH {{path}} AS cache (READ_ONLY)
