-- Returns the cache's fingerprint, runs and as_of, as name and value (see cache.go).
SELECT name, value FROM cache.cache_meta
