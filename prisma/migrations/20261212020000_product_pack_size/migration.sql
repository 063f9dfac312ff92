-- Hand-written (issue 15, item 4): how many of a product's unit one pack holds ("a box of 25"), shown beside the unit
-- wherever a quantity is typed. Quantities stay counted in the unit; the pack size only says how they come.
--
-- NULL means none: the product is counted in single units. A pack of one is no pack, so a stored value is 2 to
-- 100,000, the same rule as the form, the import and the domain functions (lib/products/product-fields.ts); the CHECK
-- holds it for any writer. Existing products keep NULL: nothing to backfill, and adding a nullable column without a
-- default rewrites no rows. The app role's table-wide grants on products cover the column; the search role's column
-- grants (20261209010000_product_search_function) do not, and it needs none.
ALTER TABLE products ADD COLUMN pack_size INTEGER;
ALTER TABLE products
  ADD CONSTRAINT products_pack_size_range CHECK (pack_size IS NULL OR pack_size BETWEEN 2 AND 100000);
