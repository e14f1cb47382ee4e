-- The cut-offs the models compute, which Go fills (loadCutoffs): every Art 42 cut-off from the
-- first one to the last one requested, so that projections see the whole cumulative path, with
-- the SFC2021 version each is sent under, whether the send carries indicators, the last day to
-- send it (domain.Cutoff: the calendar is domain's alone) and requested marking those the caller
-- asked for.
CREATE OR REPLACE TABLE cutoffs (cutoff_date DATE PRIMARY KEY, version VARCHAR, has_indicators BOOLEAN,
                                 deadline DATE, requested BOOLEAN)
