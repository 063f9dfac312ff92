-- The product list's keyset pages at 100k products per company (bench/README.md has the plans and timings):
-- * by name within a category (replaces the index on (company_id, category), which it extends: the list of
--   distinct categories still reads it as a loose index scan);
-- * by name over all products, active and archived together (products_company_id_archived_name_idx serves one
--   status at a time), with the id as the tie-breaker of the cursor;
-- * by last change ("recently updated");
-- * a product's movements across its locations, newest first (the index by product × location cannot give one
--   order over several locations).

-- DropIndex
DROP INDEX "products_company_id_category_idx";

-- CreateIndex
CREATE INDEX "products_company_id_category_name_id_idx" ON "products"("company_id", "category", "name", "id");

-- CreateIndex
CREATE INDEX "products_company_id_name_id_idx" ON "products"("company_id", "name", "id");

-- CreateIndex
CREATE INDEX "products_company_id_updated_at_id_idx" ON "products"("company_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "stock_movements_company_id_product_id_created_at_id_idx" ON "stock_movements"("company_id", "product_id", "created_at", "id");
