-- The indicators of each operation of the list of operations: its target and what it has
-- achieved by the latest requested cut-off (int_project_breakdowns), for the list's "purpose and
-- achievements" (CPR Art 49(3)(e)).
-- depends: mart_operations_list, int_project_breakdowns
-- key: project_id, indicator
CREATE OR REPLACE VIEW mart_operation_indicators AS
SELECT b.project_id, b.indicator, b.so, b.selected_value AS target, b.achieved_value
FROM int_project_breakdowns b
SEMI JOIN mart_operations_list o ON o.project_id = b.project_id;
