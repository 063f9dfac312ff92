-- Hand-written (issue 15, item 3): reorder points per location, how much to reorder, and one definition of "low"
-- (docs/architecture.md §5 "Low stock").
--
-- * stock_levels.reorder_point: a location's own reorder point for a product (NULL: none set there). Setting one makes
--   the product stocked there (a stock row, on hand 0 if nothing is there yet).
-- * products.reorder_quantity / target_level: how much a suggestion orders — a fixed quantity, or up to a level.
-- * product_stock_totals.low_locations: how many of the product's stock rows are at or below their own reorder point,
--   kept by the stock_levels trigger beside on_hand and reserved, so that "low" is one condition on the totals row:
--     low = NOT archived AND ((reorder_point > 0 AND on_hand <= reorder_point)   -- the product's point, on its total
--                             OR low_locations > 0)                              -- a location's own point, there
--   The dashboard's count, the product list's filter, the reorder page and the alerts all read it through
--   lib/stock/low-stock.ts. A location is "low here" only by its own point: the product's point is never applied to
--   one location's share of the total (the bug this replaces).
ALTER TABLE products
  ADD COLUMN reorder_quantity INTEGER,
  ADD COLUMN target_level INTEGER;
ALTER TABLE products
  ADD CONSTRAINT products_reorder_quantity_range CHECK (reorder_quantity IS NULL OR reorder_quantity BETWEEN 1 AND 1000000),
  ADD CONSTRAINT products_target_level_above_point
    CHECK (target_level IS NULL OR (target_level > reorder_point AND target_level <= 1000000000));

ALTER TABLE stock_levels ADD COLUMN reorder_point INTEGER;
ALTER TABLE stock_levels
  ADD CONSTRAINT stock_levels_reorder_point_positive CHECK (reorder_point IS NULL OR reorder_point BETWEEN 1 AND 1000000000);

ALTER TABLE product_stock_totals ADD COLUMN low_locations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE product_stock_totals ADD CONSTRAINT product_stock_totals_low_locations_non_negative CHECK (low_locations >= 0);

-- The stock rows at or below their own reorder point: few, and what "low at a location" reads (the count with a
-- location in view, the list's filter there, the product page's badges).
CREATE INDEX stock_levels_low_idx ON stock_levels (company_id, location_id, product_id)
  WHERE reorder_point IS NOT NULL AND on_hand <= reorder_point;
-- Judging a location by its product's point is gone, and with it the only reader of this index.
DROP INDEX products_reorder_point_idx;
-- The low products, as the one definition says (lowTotalsCondition); the count reads this index alone, and the reorder
-- page reads the products low in total from it with their reorder point, without visiting the heap (bench/README.md).
DROP INDEX product_stock_totals_low_idx;
CREATE INDEX product_stock_totals_low_idx ON product_stock_totals (company_id, on_hand, product_id) INCLUDE (reorder_point)
  WHERE NOT archived AND ((reorder_point > 0 AND on_hand <= reorder_point) OR low_locations > 0);

-- stock_levels → on_hand, reserved and now low_locations: as before (migration 20261210010000, whose comments hold),
-- with each row's "at or below its own point" counted in and out like its quantities. A statement that changes
-- nothing of the three for a product still takes no totals lock.
CREATE OR REPLACE FUNCTION product_stock_totals_from_stock_levels() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller text := current_setting('app.company_id', true);
  companies uuid[];
  products uuid[];
  on_hands bigint[];
  reserveds bigint[];
  lows int[];
  company uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved),
           array_agg(d.low)
      INTO companies, products, on_hands, reserveds, lows
      FROM (SELECT n.company_id, n.product_id, sum(n.on_hand)::bigint AS on_hand, sum(n.reserved)::bigint AS reserved,
                   count(*) FILTER (WHERE n.reorder_point IS NOT NULL AND n.on_hand <= n.reorder_point)::int AS low
              FROM new_rows n GROUP BY n.company_id, n.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0 OR d.low <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved),
           array_agg(d.low)
      INTO companies, products, on_hands, reserveds, lows
      FROM (SELECT c.company_id, c.product_id, sum(c.on_hand)::bigint AS on_hand, sum(c.reserved)::bigint AS reserved,
                   sum(c.low)::int AS low
              FROM (SELECT n.company_id, n.product_id, n.on_hand, n.reserved,
                           (n.reorder_point IS NOT NULL AND n.on_hand <= n.reorder_point)::int AS low
                      FROM new_rows n
                    UNION ALL
                    SELECT o.company_id, o.product_id, -o.on_hand, -o.reserved,
                           -(o.reorder_point IS NOT NULL AND o.on_hand <= o.reorder_point)::int
                      FROM old_rows o) c
             GROUP BY c.company_id, c.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0 OR d.low <> 0;
  ELSE
    SELECT array_agg(d.company_id), array_agg(d.product_id), array_agg(d.on_hand), array_agg(d.reserved),
           array_agg(d.low)
      INTO companies, products, on_hands, reserveds, lows
      FROM (SELECT o.company_id, o.product_id, -sum(o.on_hand)::bigint AS on_hand, -sum(o.reserved)::bigint AS reserved,
                   -(count(*) FILTER (WHERE o.reorder_point IS NOT NULL AND o.on_hand <= o.reorder_point))::int AS low
              FROM old_rows o GROUP BY o.company_id, o.product_id) d
     WHERE d.on_hand <> 0 OR d.reserved <> 0 OR d.low <> 0;
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
       SET on_hand = t.on_hand + d.on_hand, reserved = t.reserved + d.reserved,
           low_locations = t.low_locations + d.low
      FROM unnest(companies, products, on_hands, reserveds, lows) AS d(company_id, product_id, on_hand, reserved, low)
     WHERE t.company_id = company AND d.company_id = company AND t.product_id = d.product_id;
  END LOOP;
  PERFORM set_config('app.company_id', coalesce(caller, ''), true);
  RETURN NULL;
END
$$;
