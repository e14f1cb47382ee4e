-- The projects that get a page of their own: of the register in force as of params.as_of
-- (stg_snapshots; read from src_projects, since stg_projects holds only the projects an
-- incremental run recomputes), at most ?: first those the site links to
-- (site_linked: the lower its rank, the sooner), then the others in project order. Kept as the
-- table site_projects for the queries of their details.
-- params: limit
CREATE OR REPLACE TEMP TABLE site_projects AS
WITH register AS (
    SELECT r.* FROM src_projects r JOIN stg_snapshots s ON s.source = 'projects' AND s.run_id = r.run_id AND s.ingested_at = r.ingested_at
)
SELECT r.project_id, coalesce(r.title, '') AS title, coalesce(r.beneficiary, '') AS beneficiary, r.beneficiary_type, r.action, coalesce(a.so, 0) AS so,
       coalesce(a.support_type, '') AS support_type, r.start_date, r.end_date,
       r.selected_on,
       r.status, r.eligible_cost_cents, r.eu_contribution_cents, count(*) OVER () AS total
FROM register r
LEFT JOIN cat_actions a ON a.code = r.action
LEFT JOIN (SELECT project_id, min(rank) AS rank FROM site_linked GROUP BY project_id) k ON k.project_id = r.project_id
ORDER BY k.rank NULLS LAST, r.project_id
LIMIT $limit
