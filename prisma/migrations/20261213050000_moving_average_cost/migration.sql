-- Moving-average cost kept by the ledger (issue 15 item 7; docs/architecture.md §5 "Moving-average cost"). Per
-- product over its whole stock (all locations): a receipt that carries a unit cost (a restock received at its line's
-- price, a new product's opening stock at the cost typed with it) moves the average to
--   (stock before × average before + quantity × cost) / (stock before + quantity),
-- any other movement leaves it. lib/stock/apply-stock-movements.ts works the new average out under the locks it
-- already holds and writes it on the receipt's movements; the trigger below copies it to the product's totals row.
--
--   * stock_movements.average_cost: the product's average after this movement, on receipts at a cost only (NULL on
--     every other movement, and on the movements written before this migration). The average on a past day is the
--     one of the last such receipt up to then; none means "not known then": valued at today's cost price, labelled.
--   * product_stock_totals.average_cost: the current average (NULL: no receipt at a cost yet), and average_value,
--     on hand × (the average, or today's cost price without one): what the valuation report counts.
--   * stock_value_shards.average_value: the company's average_value in the 16 shards, for the valuation total.
--
-- No backfill: movements before this migration carry no cost that went into an average, so the valuation of those
-- days is at today's cost price, and says so.

-- AlterTable
ALTER TABLE "stock_movements" ADD COLUMN "average_cost" DECIMAL(14,4);
ALTER TABLE "stock_movements" ADD CONSTRAINT stock_movements_average_cost_non_negative CHECK (average_cost >= 0);

-- The receipts that set an average, per product in time order: a product's average on a past day is one backward
-- step of this index (lib/reports/valuation-query.ts). Small: receipts at a cost only.
CREATE INDEX stock_movements_average_cost_idx ON stock_movements (company_id, product_id, created_at, rollup_seq)
  INCLUDE (average_cost) WHERE average_cost IS NOT NULL;

ALTER TABLE "product_stock_totals" ADD COLUMN "average_cost" DECIMAL(14,4);
ALTER TABLE "product_stock_totals" ADD CONSTRAINT product_stock_totals_average_cost_non_negative CHECK (average_cost >= 0);
ALTER TABLE "product_stock_totals" ADD COLUMN "average_value" DECIMAL NOT NULL
  GENERATED ALWAYS AS (on_hand::numeric * coalesce(average_cost, cost_price)) STORED;

ALTER TABLE "stock_value_shards" ADD COLUMN "average_value" DECIMAL NOT NULL DEFAULT 0;

-- product_stock_totals → the shards, now with average_value. A statement that changes a product's on hand also
-- upserts that product's shard even when no value changed (a product priced at zero): the ledger's receipts then
-- change the same products' average in a later statement (the trigger below), and those shard rows must already be
-- held, or two operations could take two shards in opposite orders (lock order, docs/architecture.md §5).
CREATE OR REPLACE FUNCTION stock_value_shards_from_totals() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO public.stock_value_shards AS s (company_id, shard, cost_value, sale_value, average_value)
    SELECT d.company_id, d.shard, d.cost_value, d.sale_value, d.average_value
      FROM (SELECT c.company_id, (get_byte(uuid_send(c.product_id), 15) % 16)::smallint AS shard,
                   sum(c.cost_value) AS cost_value, sum(c.sale_value) AS sale_value,
                   sum(c.average_value) AS average_value, bool_or(c.on_hand <> 0) AS moved
              FROM (SELECT n.company_id, n.product_id, n.cost_value, n.sale_value, n.average_value, n.on_hand
                      FROM new_rows n
                    UNION ALL
                    SELECT o.company_id, o.product_id, -o.cost_value, -o.sale_value, -o.average_value, -o.on_hand
                      FROM old_rows o) c
             GROUP BY 1, 2) d
     WHERE d.cost_value <> 0 OR d.sale_value <> 0 OR d.average_value <> 0 OR d.moved
     ORDER BY d.company_id, d.shard
        ON CONFLICT (company_id, shard) DO UPDATE
       SET cost_value = s.cost_value + excluded.cost_value, sale_value = s.sale_value + excluded.sale_value,
           average_value = s.average_value + excluded.average_value;
  ELSE
    UPDATE public.stock_value_shards s
       SET cost_value = s.cost_value - d.cost_value, sale_value = s.sale_value - d.sale_value,
           average_value = s.average_value - d.average_value
      FROM (SELECT o.company_id, (get_byte(uuid_send(o.product_id), 15) % 16)::smallint AS shard,
                   sum(o.cost_value) AS cost_value, sum(o.sale_value) AS sale_value,
                   sum(o.average_value) AS average_value
              FROM old_rows o
             GROUP BY 1, 2) d
     WHERE s.company_id = d.company_id AND s.shard = d.shard
       AND (d.cost_value <> 0 OR d.sale_value <> 0 OR d.average_value <> 0);
  END IF;
  RETURN NULL;
END
$$;

-- stock_movements → product_stock_totals.average_cost: the average the ledger wrote on a statement's receipts becomes
-- the product's current one (all of a product's movements in one operation carry the same average). As the owner,
-- like the totals' other triggers (migration 20261210010000_product_totals): the app role may still only read the
-- totals. Lock order: the ledger inserts movements after the stock UPDATE whose trigger locked these products' totals
-- rows (a receipt raises the product's on hand, so its net change is never nothing) and their shard rows (above), so
-- this takes no lock the operation does not already hold; the rows are still locked in product order first.
CREATE FUNCTION product_stock_totals_average_from_movements() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller text := current_setting('app.company_id', true);
  company uuid;
BEGIN
  FOR company IN SELECT DISTINCT n.company_id FROM new_rows n WHERE n.average_cost IS NOT NULL ORDER BY 1 LOOP
    PERFORM set_config('app.company_id', company::text, true);
    PERFORM 1
       FROM public.product_stock_totals t
      WHERE t.company_id = company
        AND t.product_id IN (SELECT n.product_id FROM new_rows n
                              WHERE n.company_id = company AND n.average_cost IS NOT NULL)
      ORDER BY t.product_id
        FOR UPDATE OF t;
    UPDATE public.product_stock_totals t
       SET average_cost = d.average_cost
      FROM (SELECT DISTINCT ON (n.product_id) n.product_id, n.average_cost
              FROM new_rows n
             WHERE n.company_id = company AND n.average_cost IS NOT NULL
             ORDER BY n.product_id, n.rollup_seq DESC) d
     WHERE t.company_id = company AND t.product_id = d.product_id
       AND t.average_cost IS DISTINCT FROM d.average_cost;
  END LOOP;
  PERFORM set_config('app.company_id', coalesce(caller, ''), true);
  RETURN NULL;
END
$$;

CREATE TRIGGER stock_movements_average_cost AFTER INSERT ON stock_movements
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_average_from_movements();

-- Trigger functions need no EXECUTE grant to fire (20261206090000_least_privilege, part 4).
REVOKE ALL ON FUNCTION product_stock_totals_average_from_movements() FROM PUBLIC;

-- The shards' new column: every average_cost is NULL yet, so each product's average_value is its cost_value and so
-- is each shard's. FORCE ROW LEVEL SECURITY binds the owner role that runs the migrations: lifted for the backfill only.
ALTER TABLE stock_value_shards NO FORCE ROW LEVEL SECURITY;
UPDATE stock_value_shards SET average_value = cost_value;
ALTER TABLE stock_value_shards FORCE ROW LEVEL SECURITY;
