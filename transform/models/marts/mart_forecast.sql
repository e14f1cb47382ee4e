-- The forecast of payment applications (CPR Art 69(10)), due by 31 January and 31 July: after
-- each requested 31 December and 30 June cut-off, the Union contribution expected to be claimed
-- in the calendar year of the due date ("current": from the day after the cut-off to 31 December
-- of that year) and in the next one, per SO of the operations' actions and in all ('all').
-- Method, per operation selected at the cut-off (in the export and the README too):
--   remaining = its EU contribution less the EU share of the expenditure it has declared by the
--               cut-off (declared x EU contribution / eligible cost, rounded half up to the cent);
--   an operation that has ended by the end of the current year claims all of it then;
--   otherwise it claims at its own pace so far (the EU share declared per day since its start,
--   start day and cut-off day included), or evenly over its remaining days when it has declared
--   nothing: pace x days, rounded down to the cent, capped at what remains; whatever remains when
--   it ends is claimed in the year it ends in, and nothing after the next year is forecast.
-- operations counts the operations with EU contribution still to claim. Cents are exact
-- (128-bit products); technical assistance, claimed as a flat rate on top, is not included.
-- The sums per operation are int_forecast_contributions'; this adds the SOs up and gives every
-- SO of the catalogue its row, zeros included.
-- depends: cutoffs, cat_sos, int_forecast_contributions
-- key: cutoff_date, so
CREATE OR REPLACE TABLE mart_forecast AS
WITH forecasts AS (
    SELECT cutoff_date, forecast_due(cutoff_date) AS due_date
    FROM cutoffs
    WHERE requested AND month(cutoff_date) IN (6, 12)
), windows AS (
    SELECT cutoff_date, due_date, year(due_date) AS year FROM forecasts
), by_so AS (
    SELECT cutoff_date, CAST(so AS VARCHAR) AS so, current_cents, next_cents, operations
    FROM int_forecast_contributions
    UNION ALL
    SELECT cutoff_date, 'all', sum(current_cents), sum(next_cents), sum(operations)
    FROM int_forecast_contributions GROUP BY ALL
), rows AS (
    SELECT w.*, CAST(s.so AS VARCHAR) AS so, 0 AS rank FROM windows w CROSS JOIN cat_sos s
    UNION ALL
    SELECT w.*, 'all', 1 FROM windows w
)
SELECT r.due_date, r.cutoff_date, r.so, r.rank AS so_rank, r.year, r.year + 1 AS next_year,
       coalesce(b.current_cents, 0)::BIGINT AS current_year_cents,
       coalesce(b.next_cents, 0)::BIGINT AS next_year_cents,
       coalesce(b.operations, 0)::BIGINT AS operations,
       eur(coalesce(b.current_cents, 0)) AS current_year_eur,
       eur(coalesce(b.next_cents, 0)) AS next_year_eur
FROM rows r
LEFT JOIN by_so b ON b.cutoff_date = r.cutoff_date AND b.so = r.so;
