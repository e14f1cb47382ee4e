-- The project register in force as of params.as_of (stg_snapshots).
-- A snapshot written before the register had private contributions and Annex VI codes gives 0
-- and no codes (the operation takes its action's defaults).
-- depends: src_projects, stg_snapshots
-- key: project_id
CREATE OR REPLACE TABLE stg_projects AS
SELECT r.project_id, r.beneficiary_type, r.action, r.start_date, r.end_date,
       r.eligible_cost_cents, r.eu_contribution_cents, r.status, r.selected_on,
       coalesce(r.private_contribution_cents, 0) AS private_contribution_cents,
       nullif(r.intervention_field, '') AS intervention_field,
       nullif(r.type_of_action, '') AS type_of_action,
       nullif(r.implementation_modality, '') AS implementation_modality,
       r.register_sha256, r.ingested_at AS snapshot_ingested_at
FROM src_projects r
JOIN stg_snapshots s ON s.source = 'projects' AND s.run_id = r.run_id AND s.ingested_at = r.ingested_at;
