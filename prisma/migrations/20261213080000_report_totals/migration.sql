-- Hand-written (issue 15 item 7): the reports' totals within 100 ms at a million movements a year
-- (docs/architecture.md §8 "Reports", bench/README.md "Reports").
--
-- Part 1, the movements report. Its totals and groups sum every movement of the period: this index holds the columns
-- they read, in the period's order, so the period is an index-only scan instead of a visit to ~80,000 heap rows
-- scattered over the table (a busy company's 30 days); the exact valuation total (lib/reports/valuation-query.ts)
-- reads the movements since a day through it too. The sums are made per product first and each product's unit (and
-- for the product groups its name and SKU) read by key from the second index, for the products that moved only.
-- Both are partial on a predicate that every row meets, as the other hand-written indexes are partial: Prisma's schema
-- cannot express INCLUDE, and its schema diff (tests/integration/schema-drift.test.ts) leaves partial indexes alone.
CREATE INDEX stock_movements_report_idx ON stock_movements (company_id, created_at)
  INCLUDE (product_id, location_id, reason, quantity, average_cost) WHERE company_id IS NOT NULL;
CREATE INDEX products_report_idx ON products (company_id, id) INCLUDE (unit, name, sku) WHERE company_id IS NOT NULL;
