-- The touched projects' rows of the register snapshot in force ($run, the run that wrote it;
-- NULL when there is none), alone, so that delta's stg_projects picks them.
-- params: run
CREATE OR REPLACE TABLE delta.src_projects AS
SELECT p.* FROM main.src_projects p SEMI JOIN delta.touched t USING (project_id)
WHERE p.run_id = CAST($run AS VARCHAR)
