-- Hand-written (issue 15 item 7): the reports' totals within 100 ms at a million movements a year
-- (docs/architecture.md §8 "Reports", bench/README.md "Reports").
--
-- Part 1, the movements report. Its totals and groups sum every movement of the period: stock_movements_report_idx
-- holds the columns they read, in the period's order, so the period is an index-only scan instead of a visit to ~80,000 heap rows
-- scattered over the table (a busy company's 30 days); the exact valuation total (lib/reports/valuation-query.ts)
-- reads the movements since a day through it too. The sums are made per product first and each product's unit (and
-- for the product groups its name and SKU) read by key from products_report_idx, for the products that moved only.
-- Both are partial on a predicate that every row meets, as the other hand-written indexes are partial: Prisma's schema
-- cannot express INCLUDE, and its schema diff (tests/integration/schema-drift.test.ts) leaves partial indexes alone.
-- (Created at the end, after part 2's backfill has rewritten every movement, so they are built compact.)

-- Part 2, the valuation total of a past day, additive (docs/architecture.md §8 "Reports"). The value now is the 16
-- shards' average_value (Σ on hand × (average, or today's cost price without one)); each operation records on its
-- first movement of each product what it changed that product's value by (stock_movements.value_change, written by
-- lib/stock/apply-stock-movements.ts under the product's totals-row lock), and the day totals sum them per day in the
-- rollup time zone. The value at the end of day D is then the value now less the day totals after D, except for the
-- products where that sum does not telescope to the value then, which are valued from the ledger:
--   * those whose cost price changed after D (product_stock_totals.cost_changed_at, set by the products trigger below
--     at the clock time of the change: a change applied after a movement has a later time than that movement's);
--   * those with a movement before D's end applied after one created after it (stock_movements.crossed_until).
-- lib/reports/valuation-query.ts has the query and its proof; movements without value_change (written by an older
-- release during a rolling deploy) send the total to the exact query until they are recomputed.
ALTER TABLE stock_movements ADD COLUMN value_change DECIMAL, ADD COLUMN crossed_until TIMESTAMPTZ(3);
ALTER TABLE product_stock_totals ADD COLUMN cost_changed_at TIMESTAMPTZ(3);
ALTER TABLE stock_movement_day_totals ADD COLUMN value_change DECIMAL NOT NULL DEFAULT 0;
-- The generation whose day totals sum value changes: this release's rebuilds set it with rollup_generation; an older
-- release's rebuild (a time-zone change during the rolling deploy) moves rollup_generation alone, and the valuation
-- total then reads the ledger until the next rebuild of this release.
ALTER TABLE companies ADD COLUMN value_rollup_generation INTEGER NOT NULL DEFAULT 0;


-- products → totals, as in 20261210010000_product_totals, now also stamping cost_changed_at when the cost price
-- changes (under the totals-row lock the stock operations take too, so the stamp orders it among their movements).
CREATE OR REPLACE FUNCTION product_stock_totals_from_products() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller text := current_setting('app.company_id', true);
  company uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR company IN SELECT DISTINCT n.company_id FROM new_rows n ORDER BY 1 LOOP
      PERFORM set_config('app.company_id', company::text, true);
      INSERT INTO public.product_stock_totals (company_id, product_id, cost_price, sale_price, reorder_point, archived)
      SELECT n.company_id, n.id, n.cost_price, n.sale_price, n.reorder_point, n.archived
        FROM new_rows n
       WHERE n.company_id = company
       ORDER BY n.id;
    END LOOP;
  ELSE
    FOR company IN
      SELECT DISTINCT n.company_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.cost_price, n.sale_price, n.reorder_point, n.archived)
             IS DISTINCT FROM (o.cost_price, o.sale_price, o.reorder_point, o.archived)
       ORDER BY 1
    LOOP
      PERFORM set_config('app.company_id', company::text, true);
      PERFORM 1
         FROM public.product_stock_totals t
         JOIN new_rows n ON n.id = t.product_id
         JOIN old_rows o ON o.id = n.id
        WHERE t.company_id = company AND n.company_id = company
          AND (n.cost_price, n.sale_price, n.reorder_point, n.archived)
              IS DISTINCT FROM (o.cost_price, o.sale_price, o.reorder_point, o.archived)
        ORDER BY t.product_id
          FOR UPDATE OF t;
      UPDATE public.product_stock_totals t
         SET cost_price = n.cost_price, sale_price = n.sale_price, reorder_point = n.reorder_point,
             archived = n.archived,
             cost_changed_at = CASE WHEN t.cost_price <> n.cost_price THEN clock_timestamp() ELSE t.cost_changed_at END
        FROM new_rows n
       WHERE t.company_id = company AND n.company_id = company AND t.product_id = n.id
         AND (t.cost_price, t.sale_price, t.reorder_point, t.archived)
             IS DISTINCT FROM (n.cost_price, n.sale_price, n.reorder_point, n.archived);
    END LOOP;
  END IF;
  PERFORM set_config('app.company_id', coalesce(caller, ''), true);
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION product_stock_totals_from_products() FROM PUBLIC;

-- Backfill: every movement's value_change, walking each product's ledger in created_at order (the order the valuation
-- splits it at a day's end), from the value now backwards, at today's cost price where no average was known:
-- valueChangeBackfillSql in lib/reports/valuation-query.ts is the one definition (the benchmark and the
-- tests run it), written out here. Then the live
-- generation's day totals, in its rollup time zone. FORCE ROW LEVEL SECURITY binds the owner role that runs the
-- migrations, and the ledger refuses updates (stock_movements_append_only): both lifted for the backfill only.
ALTER TABLE stock_movements NO FORCE ROW LEVEL SECURITY;
ALTER TABLE product_stock_totals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE companies NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movements DISABLE TRIGGER stock_movements_append_only;
WITH walked AS (
  SELECT m.id, m.company_id, m.product_id, m.created_at, m.rollup_seq, m.quantity, m.average_cost,
         t.cost_price, t.average_cost AS average_now,
         t.on_hand - sum(m.quantity) OVER product + sum(m.quantity) OVER walk AS on_hand_after,
         count(m.average_cost) OVER walk AS receipts,
         row_number() OVER walk = count(*) OVER product AS last
    FROM stock_movements m
    JOIN product_stock_totals t ON t.company_id = m.company_id AND t.product_id = m.product_id
  WINDOW product AS (PARTITION BY m.company_id, m.product_id),
         walk AS (PARTITION BY m.company_id, m.product_id ORDER BY m.created_at, m.rollup_seq NULLS FIRST, m.id
                  ROWS UNBOUNDED PRECEDING)
), valued AS (
  SELECT w.id, w.company_id, w.product_id, w.created_at, w.rollup_seq, w.quantity, w.cost_price, w.on_hand_after,
         w.on_hand_after * coalesce(CASE WHEN w.last THEN w.average_now
                                         ELSE first_value(w.average_cost) OVER receipt END, w.cost_price) AS value_after
    FROM walked w
  WINDOW receipt AS (PARTITION BY w.company_id, w.product_id, w.receipts
                     ORDER BY w.created_at, w.rollup_seq NULLS FIRST, w.id)
), changed AS (
  SELECT v.id,
         v.value_after - coalesce(lag(v.value_after) OVER (PARTITION BY v.company_id, v.product_id
                                                            ORDER BY v.created_at, v.rollup_seq NULLS FIRST, v.id),
                                  (v.on_hand_after - v.quantity) * v.cost_price) AS value_change
    FROM valued v
)
UPDATE stock_movements m SET value_change = c.value_change FROM changed c WHERE m.id = c.id;
WITH summed AS (
  SELECT m.company_id, c.rollup_generation AS generation, (m.created_at AT TIME ZONE c.rollup_time_zone)::date AS day,
         get_byte(uuid_send(m.product_id), 15) % 16 AS shard, sum(m.value_change) AS value_change
    FROM stock_movements m
    JOIN companies c ON c.id = m.company_id
   GROUP BY 1, 2, 3, 4
)
INSERT INTO stock_movement_day_totals AS t (company_id, generation, day, shard, value_change)
SELECT company_id, generation, day, shard, value_change FROM summed WHERE value_change <> 0
ON CONFLICT (company_id, generation, day, shard) DO UPDATE SET value_change = excluded.value_change;
UPDATE companies SET value_rollup_generation = rollup_generation;
ALTER TABLE stock_movements ENABLE TRIGGER stock_movements_append_only;
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
ALTER TABLE product_stock_totals FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals FORCE ROW LEVEL SECURITY;
ALTER TABLE companies FORCE ROW LEVEL SECURITY;

-- The indexes, after the backfill. Part 2's are small: concurrent operations on one product committing out of order,
-- products whose cost price was edited, and movements of an older release (none once the backfill above ran).
CREATE INDEX stock_movements_report_idx ON stock_movements (company_id, created_at)
  INCLUDE (product_id, location_id, reason, quantity, average_cost) WHERE company_id IS NOT NULL;
CREATE INDEX products_report_idx ON products (company_id, id) INCLUDE (unit, name, sku) WHERE company_id IS NOT NULL;
CREATE INDEX stock_movements_crossed_idx ON stock_movements (company_id, crossed_until) INCLUDE (created_at, product_id)
  WHERE crossed_until IS NOT NULL;
CREATE INDEX stock_movements_value_unknown_idx ON stock_movements (company_id, created_at) INCLUDE (product_id)
  WHERE value_change IS NULL;
CREATE INDEX product_stock_totals_cost_changed_idx ON product_stock_totals (company_id, cost_changed_at)
  INCLUDE (product_id) WHERE cost_changed_at IS NOT NULL;
