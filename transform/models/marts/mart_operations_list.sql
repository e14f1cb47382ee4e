-- The list of operations of CPR Art 49(3): one row per operation selected at the latest requested
-- cut-off (int_operations: not cancelled, selected_on on or before it), with the register in force
-- as of params.as_of (stg_snapshots) for what int_operations does not carry (title, beneficiary,
-- status; read from src_projects, since stg_projects holds only the projects an incremental run
-- recomputes). Each operation's unique code is its project_id.
-- The beneficiary is named only when its type is a legal person's (cat_publication_lists,
-- Art 49(3)(a)); the end date is actual once the operation is completed, expected before
-- (Art 49(3)(g)); the total cost is the total eligible cost (h); the Union co-financing rate (k)
-- is the EU contribution against it, in tenths of a per cent; the fund, country and location
-- (i, l) are cat_publication's; the type of intervention (n) is the operation's Annex VI codes.
-- depends: src_projects, stg_snapshots, cutoffs, int_operations, cat_publication, cat_publication_lists
-- key: project_id
CREATE OR REPLACE TABLE mart_operations_list AS
WITH latest AS (
    SELECT max(cutoff_date) AS cutoff_date FROM cutoffs WHERE requested
), register AS (
    SELECT r.project_id, r.title, r.beneficiary, r.status
    FROM src_projects r JOIN stg_snapshots s ON s.source = 'projects' AND s.run_id = r.run_id AND s.ingested_at = r.ingested_at
), legal_persons AS (
    SELECT value AS beneficiary_type FROM cat_publication_lists WHERE list = 'legal_person_type'
)
SELECT l.cutoff_date, o.project_id, coalesce(r.title, '') AS title,
       lp.beneficiary_type IS NOT NULL AS beneficiary_published,
       CASE WHEN lp.beneficiary_type IS NOT NULL THEN coalesce(r.beneficiary, '') ELSE '' END AS beneficiary,
       o.beneficiary_type, o.action, o.so, r.status,
       o.start_date, o.end_date, r.status = 'completed' AS end_date_actual, o.selected_on,
       o.eligible_cost_cents AS total_cost_cents, o.eu_contribution_cents,
       pct_tenths(o.eu_contribution_cents, o.eligible_cost_cents) AS cofinancing_rate_tenths,
       pub.fund, pub.country, pub.location,
       o.intervention_field, o.type_of_action, o.implementation_modality,
       eur(o.eligible_cost_cents) AS total_cost_eur, eur(o.eu_contribution_cents) AS eu_contribution_eur
FROM int_operations o
CROSS JOIN latest l
CROSS JOIN cat_publication pub
JOIN register r ON r.project_id = o.project_id
LEFT JOIN legal_persons lp ON lp.beneficiary_type = o.beneficiary_type
WHERE o.selected_on <= l.cutoff_date;
