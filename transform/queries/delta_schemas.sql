-- The schemas where an incremental run recomputes the touched projects: delta as of now,
-- delta_old as of the cache.
CREATE SCHEMA IF NOT EXISTS delta;
CREATE SCHEMA IF NOT EXISTS delta_old;
