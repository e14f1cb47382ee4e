-- The Art 42 cut-off calendar as domain defines it, which Go fills (cutoffCalendar) and the
-- macro first_cutoff_on_or_after (models/macros.sql) reads: for every day of the year (month,
-- day), the first cut-off on or after it, as its month and day and the years after the day's own
-- year it falls in; first_cutoff (the same in every row) is the programme's first cut-off, before
-- which nothing counts.
CREATE OR REPLACE TABLE cutoff_calendar (
    month INTEGER, day INTEGER,
    cutoff_month INTEGER, cutoff_day INTEGER, years_later INTEGER,
    first_cutoff DATE,
    PRIMARY KEY (month, day)
)
