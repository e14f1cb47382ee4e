-- The session setting that cannot be given when the database opens (the time zone belongs to
-- the ICU extension, loaded on first use): timestamps are read, cast and compared in UTC. The
-- resources (threads, memory limit, temporary folder) are set when it opens (openDuckDB).
SET TimeZone = 'UTC';
