-- Makes schema the default one: the models run next create their tables there, and a name not
-- found there is read from main (the incremental run's delta and delta_old, then main again).
-- params: schema
SET schema = $schema
