-- Hand-written (issue 15, item 4): the dashboard chart counts movements in and out per day instead of adding units.
-- A day's units of different products (pairs, boxes, kilograms) do not add up to anything; how many receipts and
-- shipments a day saw does. stock_movement_day_totals keeps, per company, generation, day and shard, the number of
-- ledger movements that brought stock in (quantity > 0) and that sent it out (quantity < 0), transfers left out as
-- before (lib/dashboard/stock-movement-days.ts holds the one definition; this is it written out in SQL).
--
-- The live generation of every company is counted from the ledger here, in its rollup time zone. Rows of any other
-- generation belong to a rebuild that was under way or died: the next rebuild deletes them (a time-zone change
-- still pending is picked up again by lib/jobs/rollup-rebuilds.ts). FORCE ROW LEVEL SECURITY binds the owner role
-- that runs the migrations: lifted for the backfill only, as in 20261124100158_stock_movement_day_totals.
ALTER TABLE stock_movement_day_totals
  ADD COLUMN movements_in BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN movements_out BIGINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT stock_movement_day_totals_movements_non_negative CHECK (movements_in >= 0 AND movements_out >= 0);

ALTER TABLE stock_movements NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE companies NO FORCE ROW LEVEL SECURITY;
WITH counted AS (
  SELECT m.company_id, c.rollup_generation AS generation,
         (m.created_at AT TIME ZONE c.rollup_time_zone)::date AS day,
         get_byte(uuid_send(m.product_id), 15) % 16 AS shard,
         count(*) FILTER (WHERE m.quantity > 0) AS movements_in,
         count(*) FILTER (WHERE m.quantity < 0) AS movements_out
    FROM stock_movements m
    JOIN companies c ON c.id = m.company_id
   WHERE m.reason::text NOT IN ('TRANSFER_IN', 'TRANSFER_OUT')
   GROUP BY 1, 2, 3, 4
)
UPDATE stock_movement_day_totals t
   SET movements_in = counted.movements_in, movements_out = counted.movements_out
  FROM counted
 WHERE t.company_id = counted.company_id AND t.generation = counted.generation
   AND t.day = counted.day AND t.shard = counted.shard;
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals FORCE ROW LEVEL SECURITY;
ALTER TABLE companies FORCE ROW LEVEL SECURITY;

-- units_in and units_out stay for this release, though nothing in it writes or reads them: instances of the previous
-- release keep serving during a rolling deploy once the database is ahead of them (docs/architecture.md §11), and
-- every stock operation of theirs writes these columns — dropped, each would roll back. Those instances also write no
-- counts: the release after this one counts the live generation from the ledger again (the statement above) and
-- drops the two columns (docs/architecture.md §8, "Dashboard and rollups").
