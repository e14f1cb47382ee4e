-- The catalogue tables and the calendar the annual performance report's and the publications'
-- marts read: how each result indicator is measured (result_indicators.csv), the publication
-- settings (publication.csv; its lists one value a row), and the accounting years whose report
-- is computed (domain.AccountingYear: previous_cutoff_date is NULL for the first report).
CREATE OR REPLACE TABLE cat_result_measures (indicator VARCHAR PRIMARY KEY, baseline BIGINT, baseline_unit VARCHAR,
    reference_year INTEGER, target_type VARCHAR, denominator VARCHAR, target_share_pct BIGINT, so4_count VARCHAR, basis VARCHAR);
CREATE OR REPLACE TABLE cat_publication (fund VARCHAR, country VARCHAR, location VARCHAR, small_count INTEGER);
CREATE OR REPLACE TABLE cat_publication_lists (list VARCHAR, value VARCHAR);
CREATE OR REPLACE TABLE accounting_years (report_year INTEGER PRIMARY KEY, period_start DATE, period_end DATE,
    due_date DATE, cutoff_date DATE, previous_cutoff_date DATE);
