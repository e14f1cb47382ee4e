-- The tables of what was sent (the pipeline reads out/sent/ and gives it as Options.Sent; empty
-- when nothing was) and the actions' highest co-financing rates, which Go fills (loadPresend)
-- for mart_presend_checks and mart_restatements.
CREATE OR REPLACE TABLE sent_versions (folder VARCHAR PRIMARY KEY, version VARCHAR, work INTEGER,
    cutoff_date DATE, figures_as_of TIMESTAMPTZ);
-- The tables each folder holds, with the figure columns of each (from the file's header).
CREATE OR REPLACE TABLE sent_columns (folder VARCHAR, tbl VARCHAR, figure VARCHAR);
CREATE OR REPLACE TABLE sent_values (folder VARCHAR, tbl VARCHAR, so_code VARCHAR, row_label VARCHAR,
    figure VARCHAR, value VARCHAR);
CREATE OR REPLACE TABLE sent_acknowledged (folder VARCHAR, tbl VARCHAR, so_code VARCHAR, row_label VARCHAR,
    figure VARCHAR, value VARCHAR);
-- The highest rate an action's operations may have: its rate, or the alternative rate the plan
-- allows for part of it.
CREATE OR REPLACE TABLE cat_action_rates (action VARCHAR PRIMARY KEY, rate_pct INTEGER);
