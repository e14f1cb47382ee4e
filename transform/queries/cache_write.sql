-- Writes the cache of a full run into cache_out (see cache.go): the register models, the
-- per-project models, the sums over projects, and of int_item_contributions the member sums only (the project grain is
-- read by int_project_breakdowns alone, which is cached itself), with the fingerprint Go put in
-- cache_meta_new; then detaches the file, which Go renames into place.
CREATE TABLE cache_out.int_operations AS SELECT * FROM main.int_operations;
CREATE TABLE cache_out.int_target_contributions AS SELECT * FROM main.int_target_contributions;
CREATE TABLE cache_out.mart_operations_list AS SELECT * FROM main.mart_operations_list;
CREATE TABLE cache_out.int_expected_reports AS SELECT * FROM main.int_expected_reports;
CREATE TABLE cache_out.int_project_breakdowns AS SELECT * FROM main.int_project_breakdowns;
CREATE TABLE cache_out.int_operation_expenditure AS SELECT * FROM main.int_operation_expenditure;
CREATE TABLE cache_out.int_project_checks AS SELECT * FROM main.int_project_checks;
CREATE TABLE cache_out.int_late_reports AS SELECT * FROM main.int_late_reports;
CREATE TABLE cache_out.int_item_contributions AS SELECT * FROM main.int_item_contributions WHERE grain = 'member';
CREATE TABLE cache_out.int_forecast_contributions AS SELECT * FROM main.int_forecast_contributions;
CREATE TABLE cache_out.int_financial_contributions AS SELECT * FROM main.int_financial_contributions;
CREATE TABLE cache_out.int_intervention_contributions AS SELECT * FROM main.int_intervention_contributions;
CREATE TABLE cache_out.cache_meta AS SELECT * FROM temp.cache_meta_new;
DROP TABLE temp.cache_meta_new;
DETACH cache_out;
