-- Returns how many versions received since the previous run ($previous_as_of) up to
-- params.as_of belong to a project that is not touched (delta.touched): an incremental run can
-- derive the previous state only when there are none.
-- params: previous_as_of
SELECT count(*) FROM src_report_versions v, params p
WHERE v.ingested_at > CAST($previous_as_of AS TIMESTAMPTZ) AND v.ingested_at <= p.as_of
  AND v.project_id NOT IN (SELECT project_id FROM delta.touched)
