-- Drops in_force_versions once the last model reading it has run: in-memory tables count
-- against memory_limit, and a million versions kept beside int_reports_in_force (made from
-- them) made DuckDB spill to disk.
DROP TABLE IF EXISTS in_force_versions
