-- The macros the models and queries use, created when a session opens (openDuckDB).

-- eur(cents): the one place cents become euros, as DECIMAL(38,2): never DOUBLE, and wide
-- enough for any sum of BIGINT cents (DECIMAL(18,0) overflowed past 10^16 euros).
CREATE OR REPLACE MACRO eur(cents) AS (CAST(cents AS DECIMAL(38,0)) * 0.01)::DECIMAL(38,2);

-- pct_tenths(part, whole): the one place a ratio becomes a percentage: part / whole in tenths
-- of a per cent, rounded half away from zero in 128-bit integers (exact for any cents), NULL
-- when there is nothing to compare with (whole missing or not positive) and for a ratio beyond
-- 64 bits (over 10^15 %, only with a whole of a few cents).
CREATE OR REPLACE MACRO pct_tenths(part, whole) AS CASE WHEN whole > 0 AND
    abs(CAST(part AS HUGEINT)) * 1000 // whole < 9223372036854775807 THEN
    (sign(part) * ((abs(CAST(part AS HUGEINT)) * 2000 + whole) // (2 * CAST(whole AS HUGEINT))))::BIGINT END;

-- pct(tenths): tenths of a per cent as a DECIMAL with one decimal, for readers of the marts.
CREATE OR REPLACE MACRO pct(tenths) AS (CAST(tenths AS DECIMAL(18,0)) * 0.1)::DECIMAL(18,1);

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

-- forecast_due(c): the date the forecast of payment applications made at June or December
-- cut-off c is due (CPR Art 69(10)): 31 January after a December cut-off, 31 July after a June one.
CREATE OR REPLACE MACRO forecast_due(c) AS
    CASE WHEN month(c) = 12 THEN make_date(year(c) + 1, 1, 31) ELSE make_date(year(c), 7, 31) END;

-- hundredths(v): a figure of a file sent, or of mart_transmission_figures, in hundredths of its
-- unit (cents, a count × 100, a percentage with one decimal × 100) as a BIGINT: the files write
-- at most two decimals, and a BIGINT holds any sum the bounds allow (domain/bounds.go), where
-- parsing text into DECIMAL(38,2) is far slower. NULL for an empty or unreadable cell.
CREATE OR REPLACE MACRO hundredths(v) AS CASE WHEN nullif(v, '') IS NOT NULL THEN
    TRY_CAST(replace(v, '.', '') AS BIGINT) * CASE length(v) - coalesce(nullif(strpos(v, '.'), 0), length(v))
        WHEN 0 THEN 100 WHEN 1 THEN 10 WHEN 2 THEN 1 END END;

-- figure_text(h, unit): hundredths of a unit as the export writes the figure: a count whole,
-- euros with two decimals, a percentage with one; '' for NULL.
CREATE OR REPLACE MACRO figure_text(h, unit) AS CASE
    WHEN h IS NULL THEN ''
    WHEN unit = 'count' THEN CAST(h // 100 AS VARCHAR)
    WHEN unit = 'eur' THEN CASE WHEN h < 0 THEN '-' ELSE '' END || CAST(abs(h) // 100 AS VARCHAR) || '.' || lpad(CAST(abs(h) % 100 AS VARCHAR), 2, '0')
    ELSE CASE WHEN h < 0 THEN '-' ELSE '' END || CAST(abs(h) // 100 AS VARCHAR) || '.' || CAST((abs(h) % 100) // 10 AS VARCHAR) END;
