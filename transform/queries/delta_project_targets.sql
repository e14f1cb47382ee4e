-- The touched projects' rows of the targets snapshot in force ($run, the run that wrote it;
-- NULL when there is none), alone, so that delta's stg_project_targets picks them.
-- params: run
CREATE OR REPLACE TABLE delta.src_project_targets AS
SELECT p.* FROM main.src_project_targets p SEMI JOIN delta.touched t USING (project_id)
WHERE p.run_id = CAST($run AS VARCHAR)
