-- The company's stock value in 16 shards (issue 14, item 2; docs/architecture.md §5 "Stock totals"): the dashboard
-- reads at most 16 rows for the value of the whole stock instead of summing every product's totals row (100,000
-- rows at 100,000 products). A product's shard is the last byte of its id modulo 16, as for the day totals
-- (lib/dashboard/stock-movement-days.ts), so that two stock operations on different products rarely wait for the same
-- shard row.
--
-- Written only by the trigger below, in the transaction of the change: product_stock_totals' values change when its
-- on hand changes (the ledger) or when the product's prices change (a cost or price edit), and both of those reach
-- this table through the totals row. A new product's totals row holds nothing in stock, so creating products touches
-- no shard. Lock order (docs/architecture.md §5): after the totals rows (the statement that fired the trigger has
-- locked and written them), the shard rows in shard order.
--
-- The trigger runs with the rights of whoever wrote the totals rows: the totals' own triggers, which run as the owner
-- with app.company_id set to the rows' company (migration 20261210010000_product_totals), so the row-level security
-- policy below admits exactly that company's shards.
-- CreateTable
CREATE TABLE "stock_value_shards" (
    "company_id" UUID NOT NULL,
    "shard" SMALLINT NOT NULL,
    "cost_value" DECIMAL(32,2) NOT NULL DEFAULT 0,
    "sale_value" DECIMAL(32,2) NOT NULL DEFAULT 0,

    CONSTRAINT "stock_value_shards_pkey" PRIMARY KEY ("company_id","shard")
);

-- AddForeignKey
ALTER TABLE "stock_value_shards" ADD CONSTRAINT "stock_value_shards_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (docs/architecture.md §4).
ALTER TABLE stock_value_shards ADD CONSTRAINT stock_value_shards_shard CHECK (shard BETWEEN 0 AND 15);
ALTER TABLE stock_value_shards ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_value_shards FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_value_shards
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
-- Read by the dashboard; written by the trigger below only.
REVOKE ALL ON stock_value_shards FROM stockflow_app, stockflow_system;
GRANT SELECT ON stock_value_shards TO stockflow_app;

-- product_stock_totals → the shards: what the statement added less what it took away, per company and shard, applied
-- in (company, shard) order. An insert needs no trigger (a new totals row holds nothing). A deleted totals row (its
-- product deleted, a cascade) takes its value away from shard rows that still exist.
CREATE FUNCTION stock_value_shards_from_totals() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO public.stock_value_shards AS s (company_id, shard, cost_value, sale_value)
    SELECT d.company_id, d.shard, d.cost_value, d.sale_value
      FROM (SELECT c.company_id, (get_byte(uuid_send(c.product_id), 15) % 16)::smallint AS shard,
                   sum(c.cost_value) AS cost_value, sum(c.sale_value) AS sale_value
              FROM (SELECT n.company_id, n.product_id, n.cost_value, n.sale_value FROM new_rows n
                    UNION ALL
                    SELECT o.company_id, o.product_id, -o.cost_value, -o.sale_value FROM old_rows o) c
             GROUP BY 1, 2) d
     WHERE d.cost_value <> 0 OR d.sale_value <> 0
     ORDER BY d.company_id, d.shard
        ON CONFLICT (company_id, shard) DO UPDATE
       SET cost_value = s.cost_value + excluded.cost_value, sale_value = s.sale_value + excluded.sale_value;
  ELSE
    UPDATE public.stock_value_shards s
       SET cost_value = s.cost_value - d.cost_value, sale_value = s.sale_value - d.sale_value
      FROM (SELECT o.company_id, (get_byte(uuid_send(o.product_id), 15) % 16)::smallint AS shard,
                   sum(o.cost_value) AS cost_value, sum(o.sale_value) AS sale_value
              FROM old_rows o
             GROUP BY 1, 2) d
     WHERE s.company_id = d.company_id AND s.shard = d.shard AND (d.cost_value <> 0 OR d.sale_value <> 0);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER product_stock_totals_value_update AFTER UPDATE ON product_stock_totals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_value_shards_from_totals();
CREATE TRIGGER product_stock_totals_value_delete AFTER DELETE ON product_stock_totals
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_value_shards_from_totals();

-- Trigger functions need no EXECUTE grant to fire (20261206090000_least_privilege, part 4).
REVOKE ALL ON FUNCTION stock_value_shards_from_totals() FROM PUBLIC;

-- Backfill from the totals. FORCE ROW LEVEL SECURITY binds the owner role that runs the migrations: lifted for the
-- backfill only.
ALTER TABLE product_stock_totals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_value_shards NO FORCE ROW LEVEL SECURITY;
INSERT INTO stock_value_shards (company_id, shard, cost_value, sale_value)
SELECT t.company_id, (get_byte(uuid_send(t.product_id), 15) % 16)::smallint, sum(t.cost_value), sum(t.sale_value)
  FROM product_stock_totals t
 GROUP BY 1, 2;
ALTER TABLE product_stock_totals FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_value_shards FORCE ROW LEVEL SECURITY;
