-- Returns the list of operations (CPR Art 49(3)) as of the latest cut-off (mart_operations_list).
SELECT cutoff_date, project_id, title, beneficiary, beneficiary_published, beneficiary_type, action, so, status,
       start_date, end_date, end_date_actual, selected_on, total_cost_cents, eu_contribution_cents,
       cofinancing_rate_tenths, fund, country, location, intervention_field, type_of_action, implementation_modality
FROM mart_operations_list
ORDER BY project_id
