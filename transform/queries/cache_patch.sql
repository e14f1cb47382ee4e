-- The tables of an incremental run, seen through views in main once the touched projects'
-- models have run in delta (as of now) and delta_old (as of the cache), for the models that
-- remain to read (cache.go says why each is exact):
-- * the register models and the list of operations, from the cache (the register is the same);
-- * the per-project models, the cache's rows of the other projects and delta's of the touched;
-- * the register's rows and targets and the version tables, delta's (touched projects only);
-- * int_item_contributions: at the 'member' grain, the cached sums less the touched projects'
--   old contributions plus their new ones, a group left with no item gone as a full run would
--   not make it (sum() of NULLs stays NULL, as in the full run); at the 'project' grain,
--   delta's.
-- * the sums over projects (int_forecast_contributions, int_financial_contributions,
--   int_intervention_contributions): as the member grain, the cached sums less the touched
--   projects' old sums plus their new ones, a group left with no operation (or no item) gone.
-- cachedRegisterModels, cachedProjectModels, registerModels, versionModels, contributionsModel
-- and summedModels in cache.go name the same tables (TestCacheQueriesNameCachedModels).
CREATE OR REPLACE VIEW main.int_operations AS SELECT * FROM cache.int_operations;
CREATE OR REPLACE VIEW main.int_target_contributions AS SELECT * FROM cache.int_target_contributions;
CREATE OR REPLACE VIEW main.mart_operations_list AS SELECT * FROM cache.mart_operations_list;

CREATE OR REPLACE VIEW main.int_expected_reports AS
SELECT * FROM cache.int_expected_reports c ANTI JOIN delta.touched t USING (project_id)
UNION ALL SELECT * FROM delta.int_expected_reports;

CREATE OR REPLACE VIEW main.int_project_breakdowns AS
SELECT * FROM cache.int_project_breakdowns c ANTI JOIN delta.touched t USING (project_id)
UNION ALL SELECT * FROM delta.int_project_breakdowns;

CREATE OR REPLACE VIEW main.int_operation_expenditure AS
SELECT * FROM cache.int_operation_expenditure c ANTI JOIN delta.touched t USING (project_id)
UNION ALL SELECT * FROM delta.int_operation_expenditure;

CREATE OR REPLACE VIEW main.int_project_checks AS
SELECT * FROM cache.int_project_checks c ANTI JOIN delta.touched t USING (project_id)
UNION ALL SELECT * FROM delta.int_project_checks;

CREATE OR REPLACE VIEW main.int_late_reports AS
SELECT * FROM cache.int_late_reports c ANTI JOIN delta.touched t USING (project_id)
UNION ALL SELECT * FROM delta.int_late_reports;

CREATE OR REPLACE VIEW main.stg_projects AS SELECT * FROM delta.stg_projects;
CREATE OR REPLACE VIEW main.stg_project_targets AS SELECT * FROM delta.stg_project_targets;
CREATE OR REPLACE VIEW main.stg_report_versions AS SELECT * FROM delta.stg_report_versions;
CREATE OR REPLACE VIEW main.int_reports_in_force AS SELECT * FROM delta.int_reports_in_force;

CREATE OR REPLACE TABLE main.member_contributions AS
WITH signed AS (
    SELECT *, 1 AS sign FROM cache.int_item_contributions WHERE grain = 'member'
    UNION ALL SELECT *, 1 FROM delta.int_item_contributions WHERE grain = 'member'
    UNION ALL SELECT *, -1 FROM delta_old.int_item_contributions WHERE grain = 'member'
)
SELECT grain, item, action, beneficiary_type, counts_from, project_id,
       sum(value_sum * sign)::BIGINT AS value_sum,
       sum(amount_cents * sign)::BIGINT AS amount_cents,
       sum(items * sign)::BIGINT AS items
FROM signed
GROUP BY grain, item, action, beneficiary_type, counts_from, project_id
HAVING sum(items * sign) > 0;

CREATE OR REPLACE VIEW main.int_item_contributions AS
SELECT * FROM main.member_contributions
UNION ALL
SELECT * FROM delta.int_item_contributions WHERE grain = 'project';

CREATE OR REPLACE TABLE main.int_forecast_contributions AS
WITH signed AS (
    SELECT *, 1 AS sign FROM cache.int_forecast_contributions
    UNION ALL SELECT *, 1 FROM delta.int_forecast_contributions
    UNION ALL SELECT *, -1 FROM delta_old.int_forecast_contributions
)
SELECT cutoff_date, so,
       sum(current_cents * sign)::BIGINT AS current_cents,
       sum(next_cents * sign)::BIGINT AS next_cents,
       sum(operations * sign)::BIGINT AS operations
FROM signed
GROUP BY cutoff_date, so
HAVING sum(operations * sign) > 0;

CREATE OR REPLACE TABLE main.int_financial_contributions AS
WITH signed AS (
    SELECT *, 1 AS sign FROM cache.int_financial_contributions
    UNION ALL SELECT *, 1 FROM delta.int_financial_contributions
    UNION ALL SELECT *, -1 FROM delta_old.int_financial_contributions
)
SELECT so, support_type, counts_from,
       sum(selected_operations * sign)::BIGINT AS selected_operations,
       sum(eligible_cost_cents * sign)::BIGINT AS eligible_cost_cents,
       sum(public_eligible_cost_cents * sign)::BIGINT AS public_eligible_cost_cents,
       sum(eu_contribution_cents * sign)::BIGINT AS eu_contribution_cents,
       sum(declared_cents * sign)::BIGINT AS declared_cents,
       sum(items * sign)::BIGINT AS items
FROM signed
GROUP BY so, support_type, counts_from
HAVING sum(items * sign) > 0;

CREATE OR REPLACE TABLE main.int_intervention_contributions AS
WITH signed AS (
    SELECT *, 1 AS sign FROM cache.int_intervention_contributions
    UNION ALL SELECT *, 1 FROM delta.int_intervention_contributions
    UNION ALL SELECT *, -1 FROM delta_old.int_intervention_contributions
)
SELECT so, dimension, code, counts_from,
       sum(selected_operations * sign)::BIGINT AS selected_operations,
       sum(eligible_cost_cents * sign)::BIGINT AS eligible_cost_cents,
       sum(public_eligible_cost_cents * sign)::BIGINT AS public_eligible_cost_cents,
       sum(eu_contribution_cents * sign)::BIGINT AS eu_contribution_cents,
       sum(declared_cents * sign)::BIGINT AS declared_cents,
       sum(items * sign)::BIGINT AS items
FROM signed
GROUP BY so, dimension, code, counts_from
HAVING sum(items * sign) > 0;
