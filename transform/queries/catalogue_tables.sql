-- The catalogue as small tables, which Go fills from catalogue.Catalogue (loadCatalogue), so that
-- the models join against the same data the rest of Mittari checks with. cat_support_types ranks
-- the support types in domain.SupportTypes order; cat_actions.measure is the action's own code
-- for operating support and specific actions, which belong to no measure.
CREATE OR REPLACE TABLE cat_sos (so INTEGER PRIMARY KEY);
CREATE OR REPLACE TABLE cat_support_types (support_type VARCHAR PRIMARY KEY, rank INTEGER);
CREATE OR REPLACE TABLE cat_actions (code VARCHAR PRIMARY KEY, so INTEGER, measure VARCHAR, support_type VARCHAR);
CREATE OR REPLACE TABLE cat_indicators (code VARCHAR PRIMARY KEY, so INTEGER, kind VARCHAR, unit VARCHAR, parent VARCHAR);
CREATE OR REPLACE TABLE cat_goals (indicator VARCHAR PRIMARY KEY, milestone_2024 BIGINT, target_2029 BIGINT);
CREATE OR REPLACE TABLE cat_allocations (so INTEGER, support_type VARCHAR, amount_cents BIGINT);
CREATE OR REPLACE TABLE cat_rules (id VARCHAR, kind VARCHAR, lesser VARCHAR, greater VARCHAR, severity VARCHAR);
