-- The cut-offs the models compute, which Go fills (loadCutoffs): every Art 42 cut-off from the
-- first one to the last one requested, so that projections see the whole cumulative path, with
-- the SFC2021 version each is sent under and requested marking those the caller asked for.
CREATE OR REPLACE TABLE cutoffs (cutoff_date DATE PRIMARY KEY, version VARCHAR, requested BOOLEAN)
