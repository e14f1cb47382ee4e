-- The catalogue tables of the second contract's Commission tables, which Go fills from
-- catalogue.Catalogue (loadTransmissionCatalogue): the financial plan (so 0 is the
-- technical-assistance row: so_code 'TA', support_type 'all'), the Annex VI codes, every action's
-- default codes, and the programme dates the marts compare with.
CREATE OR REPLACE TABLE cat_financial_plan (so INTEGER, so_code VARCHAR, support_type VARCHAR,
    union_cents BIGINT, national_cents BIGINT, cofinancing_pct INTEGER, basis VARCHAR);
CREATE OR REPLACE TABLE cat_intervention_codes (dimension VARCHAR, code VARCHAR, so INTEGER, ta BOOLEAN,
    status VARCHAR, name_en VARCHAR, name_sv VARCHAR);
CREATE OR REPLACE TABLE cat_action_interventions (action VARCHAR PRIMARY KEY, intervention_field VARCHAR,
    type_of_action VARCHAR, implementation_modality VARCHAR);
CREATE OR REPLACE TABLE cat_programme (milestone_date DATE);
