-- The fingerprint, runs and as_of of the cache being written, as name and value, which Go fills
-- before cache_write.sql copies it into the cache.
CREATE OR REPLACE TEMP TABLE cache_meta_new (name VARCHAR PRIMARY KEY, value VARCHAR)
