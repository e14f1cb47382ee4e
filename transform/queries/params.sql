-- The one-row table params the models read: the moment the figures are known as of (as_of, a
-- UTC timestamp with microseconds), the programme start and the projection horizon (dates).
-- params: as_of, programme_start, horizon
CREATE OR REPLACE TABLE params AS
SELECT CAST($as_of AS TIMESTAMPTZ) AS as_of,
       CAST($programme_start AS DATE) AS programme_start,
       CAST($horizon AS DATE) AS horizon
