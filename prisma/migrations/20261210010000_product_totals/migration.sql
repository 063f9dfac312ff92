-- Per-product stock totals kept in the transaction of every change to them (issue 14, item 2; docs/architecture.md §5
-- "Stock totals"). The low-stock count, the product list's sort by total on hand and its low filter, and the
-- dashboard's value read one row per product instead of summing the company's stock rows on every read.
--
-- One row per product, created with the product (a products trigger) and backfilled below, so readers never meet a
-- missing row. Written only by the triggers below, in the same transaction as the change:
--   * on_hand and reserved: statement-level triggers on stock_levels (the ledger, lib/stock/apply-stock-movements.ts,
--     changes on_hand; reservations, lib/stock/reserve-stock.ts, change reserved), one per event because PostgreSQL
--     refuses transition tables on a trigger of several events;
--   * cost_price, sale_price, reorder_point, archived: copies of the product's, kept by a statement-level trigger on
--     products, so that the low-stock count and the stock value read this table alone;
--   * cost_value and sale_value: stored generated columns, on hand × today's price, so they equal their definition
--     after any change to either factor (the dashboard's stock value: archived products included).
-- Lock order (docs/architecture.md §5): each trigger locks the totals rows it changes in product id order
-- (SELECT … ORDER BY product_id FOR UPDATE, then the UPDATE), after the statement that fired it has locked or written
-- its stock rows; a row-level trigger would lock them in whatever order the UPDATE met its rows. A statement whose
-- net change to a product is nothing (the empty stock rows the ledger and reservations insert before locking the
-- rows in order) takes no totals lock at all, so no totals row is ever locked before a stock row.
--
-- Row-level security: the app role may only read the table. The triggers run as its owner (SECURITY DEFINER), whom
-- FORCE ROW LEVEL SECURITY binds as well: for each company among the changed rows (one, in every tenant
-- transaction) they set app.company_id to that company, and give the caller's value back before they return (an
-- error aborts the (sub)transaction, which restores it too; a function's SET clause cannot name a custom setting
-- for a role that is not superuser). The changed rows passed the stock_levels / products policy of the caller already,
-- and the system role's seed and the test fixtures (no tenant context) keep the totals too.
-- CreateTable
CREATE TABLE "product_stock_totals" (
    "company_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "on_hand" BIGINT NOT NULL DEFAULT 0,
    "reserved" BIGINT NOT NULL DEFAULT 0,
    "cost_price" DECIMAL(12,2) NOT NULL,
    "sale_price" DECIMAL(12,2) NOT NULL,
    "reorder_point" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL,
    "cost_value" DECIMAL(32,2) NOT NULL GENERATED ALWAYS AS (on_hand::numeric * cost_price) STORED,
    "sale_value" DECIMAL(32,2) NOT NULL GENERATED ALWAYS AS (on_hand::numeric * sale_price) STORED,

    CONSTRAINT "product_stock_totals_pkey" PRIMARY KEY ("company_id","product_id")
);

-- CreateIndex
CREATE INDEX "product_stock_totals_company_id_on_hand_product_id_idx" ON "product_stock_totals"("company_id", "on_hand", "product_id");

-- AddForeignKey
ALTER TABLE "product_stock_totals" ADD CONSTRAINT "product_stock_totals_company_id_product_id_fkey" FOREIGN KEY ("company_id", "product_id") REFERENCES "products"("company_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (docs/architecture.md §4).
ALTER TABLE product_stock_totals
  ADD CONSTRAINT product_stock_totals_non_negative CHECK (on_hand >= 0 AND reserved >= 0);
ALTER TABLE product_stock_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_stock_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON product_stock_totals
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
-- Read by tenant code; written by the triggers below only (as the owner).
REVOKE ALL ON product_stock_totals FROM stockflow_app, stockflow_system;
GRANT SELECT ON product_stock_totals TO stockflow_app;

-- The active products at or below their reorder point, normally a few percent of the catalogue: the low-stock count
-- (lib/stock/low-stock.ts) reads this index alone, and the product list's low filter sorted by on hand walks it in
-- order (a category narrowing it further no longer walks every product's totals). Its predicate is the one
-- lowStockCondition() writes, with NOT archived.
CREATE INDEX product_stock_totals_low_idx ON product_stock_totals (company_id, on_hand, product_id)
  WHERE NOT archived AND reorder_point > 0 AND on_hand <= reorder_point;

-- Triggers -------------------------------------------------------------------------------------------------------

-- stock_levels → on_hand and reserved. One function for the three events: what the statement added (new rows) less
-- what it took away (old rows), per product.
CREATE FUNCTION product_stock_totals_from_stock_levels() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller text := current_setting('app.company_id', true);
  companies uuid[];
  products uuid[];
  on_hands bigint[];
  reserveds bigint[];
  company uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved)
      INTO companies, products, on_hands, reserveds
      FROM (SELECT n.company_id, n.product_id, sum(n.on_hand)::bigint AS on_hand, sum(n.reserved)::bigint AS reserved
              FROM new_rows n GROUP BY n.company_id, n.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved)
      INTO companies, products, on_hands, reserveds
      FROM (SELECT c.company_id, c.product_id, sum(c.on_hand)::bigint AS on_hand, sum(c.reserved)::bigint AS reserved
              FROM (SELECT n.company_id, n.product_id, n.on_hand, n.reserved FROM new_rows n
                    UNION ALL
                    SELECT o.company_id, o.product_id, -o.on_hand, -o.reserved FROM old_rows o) c
             GROUP BY c.company_id, c.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0;
  ELSE
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved)
      INTO companies, products, on_hands, reserveds
      FROM (SELECT o.company_id, o.product_id, -sum(o.on_hand)::bigint AS on_hand, -sum(o.reserved)::bigint AS reserved
              FROM old_rows o GROUP BY o.company_id, o.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0;
  END IF;
  IF companies IS NULL THEN
    RETURN NULL;
  END IF;
  FOR company IN SELECT DISTINCT c FROM unnest(companies) AS c ORDER BY c LOOP
    PERFORM set_config('app.company_id', company::text, true);
    PERFORM 1
       FROM public.product_stock_totals t
       JOIN unnest(companies, products) AS d(company_id, product_id) ON d.product_id = t.product_id
      WHERE t.company_id = company AND d.company_id = company
      ORDER BY t.product_id
        FOR UPDATE OF t;
    -- A product deleted with its stock rows (a cascade) has no totals row left: nothing to update.
    UPDATE public.product_stock_totals t
       SET on_hand = t.on_hand + d.on_hand, reserved = t.reserved + d.reserved
      FROM unnest(companies, products, on_hands, reserveds) AS d(company_id, product_id, on_hand, reserved)
     WHERE t.company_id = company AND d.company_id = company AND t.product_id = d.product_id;
  END LOOP;
  PERFORM set_config('app.company_id', coalesce(caller, ''), true);
  RETURN NULL;
END
$$;

CREATE TRIGGER stock_levels_totals_insert AFTER INSERT ON stock_levels
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_from_stock_levels();
CREATE TRIGGER stock_levels_totals_update AFTER UPDATE ON stock_levels
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_from_stock_levels();
CREATE TRIGGER stock_levels_totals_delete AFTER DELETE ON stock_levels
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_from_stock_levels();

-- products → a new product's row (nothing in stock), and the copied columns when they change.
CREATE FUNCTION product_stock_totals_from_products() RETURNS trigger
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
             archived = n.archived
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

CREATE TRIGGER products_totals_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_from_products();
CREATE TRIGGER products_totals_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_stock_totals_from_products();

-- Trigger functions need no EXECUTE grant to fire (20261206090000_least_privilege, part 4).
REVOKE ALL ON FUNCTION product_stock_totals_from_stock_levels() FROM PUBLIC;
REVOKE ALL ON FUNCTION product_stock_totals_from_products() FROM PUBLIC;

-- Backfill: every product, with the sums of its stock rows. FORCE ROW LEVEL SECURITY binds the owner role that runs
-- the migrations: lifted for the backfill only.
ALTER TABLE products NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_levels NO FORCE ROW LEVEL SECURITY;
ALTER TABLE product_stock_totals NO FORCE ROW LEVEL SECURITY;
INSERT INTO product_stock_totals (company_id, product_id, on_hand, reserved, cost_price, sale_price, reorder_point, archived)
SELECT p.company_id, p.id, coalesce(s.on_hand, 0), coalesce(s.reserved, 0), p.cost_price, p.sale_price, p.reorder_point,
       p.archived
  FROM products p
  LEFT JOIN (SELECT company_id, product_id, sum(on_hand)::bigint AS on_hand, sum(reserved)::bigint AS reserved
               FROM stock_levels GROUP BY company_id, product_id) s
    ON s.company_id = p.company_id AND s.product_id = p.id;
ALTER TABLE products FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_levels FORCE ROW LEVEL SECURITY;
ALTER TABLE product_stock_totals FORCE ROW LEVEL SECURITY;
