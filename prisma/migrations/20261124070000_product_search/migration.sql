-- Hand-written: product search that stays fast at 100k products per company. Substring search on name, SKU and
-- barcode uses a trigram index that leads with company_id (btree_gin lets a GIN index hold the uuid), so a query
-- for one company's "%bolt%" reads that company's matches, never the whole table. Both extensions are trusted:
-- the database owner creates them, no superuser needed. schema.prisma cannot express this index (an expression
-- with an operator class); lib/products queries it with the same expression.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX products_search_trgm_idx ON products
  USING gin (company_id, (lower(name || ' ' || sku || ' ' || coalesce(barcode, ''))) gin_trgm_ops);
