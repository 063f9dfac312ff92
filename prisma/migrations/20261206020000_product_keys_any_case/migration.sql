-- Hand-written: SKUs and barcodes are unique per company regardless of letter case ("bolt-m8-40" beside
-- "BOLT-M8-40" is one SKU twice), while each keeps the spelling it was typed with.
--
-- * sku_key / barcode_key: the lower-cased value, as stored generated columns. Lookups compare them with plain `=`,
--   which row-level security lets the planner use as an index condition; `lower(sku) = …` would be a filter for
--   the app role (lower() is not leakproof: bench/README.md, "Product list"), i.e. a read of every product of the
--   company per save or scan. citext would add an extension and has the same leak-proofness problem.
-- * sku_conflict / barcode_conflict: rows that already shared a value with another row of their company when this
--   migration ran. They are flagged, not merged or dropped, and left out of the unique indexes until someone
--   resolves them (/products/duplicates); every other row is protected at once, so this never fails on existing
--   data. A row leaves the list when its value changes (then the index judges the new value); none ever joins it.
-- * The exact-case unique indexes go: the case-insensitive ones replace them, and without a plain unique index on
--   them sku and barcode are no longer "key" columns, so changing a barcode takes no lock that a stock
--   movement's foreign-key check (FOR KEY SHARE on the product) waits for.
-- schema.prisma cannot express partial indexes (nor these triggers); the drift test does not see them, and
-- tests/integration/database-catalog.test.ts checks them instead.

ALTER TABLE products
  ADD COLUMN sku_key text GENERATED ALWAYS AS (lower(sku)) STORED NOT NULL,
  ADD COLUMN barcode_key text GENERATED ALWAYS AS (lower(barcode)) STORED,
  ADD COLUMN sku_conflict boolean NOT NULL DEFAULT false,
  ADD COLUMN barcode_conflict boolean NOT NULL DEFAULT false;

UPDATE products p
   SET sku_conflict = true
  FROM (SELECT company_id, sku_key FROM products GROUP BY company_id, sku_key HAVING count(*) > 1) d
 WHERE p.company_id = d.company_id AND p.sku_key = d.sku_key;

UPDATE products p
   SET barcode_conflict = true
  FROM (SELECT company_id, barcode_key FROM products WHERE barcode_key IS NOT NULL
         GROUP BY company_id, barcode_key HAVING count(*) > 1) d
 WHERE p.company_id = d.company_id AND p.barcode_key = d.barcode_key;

DROP INDEX products_company_id_sku_key;
DROP INDEX products_company_id_barcode_key;

CREATE UNIQUE INDEX products_company_id_sku_key_key ON products (company_id, sku_key) WHERE NOT sku_conflict;
CREATE UNIQUE INDEX products_company_id_barcode_key_key ON products (company_id, barcode_key) WHERE NOT barcode_conflict;
-- The flagged rows: the duplicates page, and the other half of every lookup by key (lib/products/product-keys.ts).
CREATE INDEX products_company_id_key_conflict_idx ON products (company_id) WHERE sku_conflict OR barcode_conflict;
-- The CSV export's pages by SKU, which the exact-case unique index served.
CREATE INDEX products_company_id_sku_idx ON products (company_id, sku);

-- A row can leave the conflict list, never join it: no insert or update may set a flag, and changing a flagged
-- value clears its flag, so the new value is always judged by the unique index.
CREATE FUNCTION products_key_conflicts() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    RAISE EXCEPTION 'products: a new row cannot be flagged as a SKU or barcode conflict'
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.sku_conflict AND NOT OLD.sku_conflict) OR (NEW.barcode_conflict AND NOT OLD.barcode_conflict) THEN
    RAISE EXCEPTION 'products: a SKU or barcode conflict is only ever resolved, never recorded'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.sku IS DISTINCT FROM OLD.sku THEN
    NEW.sku_conflict := false;
  END IF;
  IF NEW.barcode IS DISTINCT FROM OLD.barcode THEN
    NEW.barcode_conflict := false;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER products_key_conflicts_insert BEFORE INSERT ON products
  FOR EACH ROW WHEN (NEW.sku_conflict OR NEW.barcode_conflict) EXECUTE FUNCTION products_key_conflicts();
CREATE TRIGGER products_key_conflicts_update BEFORE UPDATE ON products
  FOR EACH ROW WHEN (OLD.sku_conflict OR OLD.barcode_conflict OR NEW.sku_conflict OR NEW.barcode_conflict)
  EXECUTE FUNCTION products_key_conflicts();
