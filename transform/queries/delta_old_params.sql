-- delta_old's params: main's, as of the cache's as_of ($as_of).
-- params: as_of
CREATE OR REPLACE TABLE delta_old.params AS
SELECT CAST($as_of AS TIMESTAMPTZ) AS as_of, programme_start, horizon FROM main.params
