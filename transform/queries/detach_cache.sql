-- Detaches the cache, which the run will not use.
DETACH cache
