-- The catalogue's reporting deadlines (reporting.csv), which Go fills (loadReportingCatalogue):
-- a report of kind 'H1', 'H2' or 'final' is due due_days after the end of its period.
CREATE OR REPLACE TABLE cat_reporting (report VARCHAR PRIMARY KEY, due_days INTEGER)
