-- The macros the models and queries use, created when a session opens (openDuckDB).

-- eur(cents): the one place cents become euros, as DECIMAL(18,2), never DOUBLE.
CREATE OR REPLACE MACRO eur(cents) AS (CAST(cents AS DECIMAL(18,0)) * 0.01)::DECIMAL(18,2);

-- first_cutoff_on_or_after(d): the first Art 42 cut-off on or after d, and never one before the
-- programme's first; NULL for a NULL date. A fact counting from date d counts at cut-off C
-- exactly when this is <= C, which turns every per-cut-off figure into a running total over a
-- handful of cut-offs instead of a cut-off × project join. The calendar is domain's alone: Go
-- fills cutoff_calendar from it (cutoffCalendar), a row per day of the year with the cut-off
-- that day counts at (TestCutoffCalendarMatchesDomain holds the two to each other). DuckDB
-- looks the distinct dates up once, in a join, however many rows carry them.
CREATE OR REPLACE MACRO first_cutoff_on_or_after(d) AS (
    SELECT greatest(c.first_cutoff, make_date(year(d) + c.years_later, c.cutoff_month, c.cutoff_day))
    FROM main.cutoff_calendar c
    WHERE c.month = month(d) AND c.day = day(d)
);
