-- Detaches the cache being written, if it is attached (after a failed write).
DETACH DATABASE IF EXISTS cache_out
