-- The dashboard's top movers (lib/dashboard/dashboard-queries.ts, topMoversSql; issue 14, item 2) read the company's
-- live generation of per-product day rows with units out over a range of days. By the primary key
-- (company_id, generation, day, product_id) that was a bitmap of every day row in the range, in and out alike (156,000
-- for 90 days of the bench's busy year), and a visit to each one's heap page for units_out. This index holds only the
-- rows with units out, with the two columns the sum needs: an index-only scan of those rows (92,000), no heap visit
-- while the visibility map is current (autovacuum keeps it so for all but the recent days the ledger still writes).
-- bench/README.md, "Dashboard": 45–50 ms → about 24 ms for the query on the busy year.
--
-- Its price: an upsert that changes a day row's units_out can no longer be a HOT update (the column is in an index
-- now) and writes an entry here too; rows with nothing out are not in it. Hand-written (Prisma's schema cannot express
-- a partial index or INCLUDE); its predicate is topMoversSql's units_out > 0.
CREATE INDEX stock_movement_days_units_out_idx ON stock_movement_days (company_id, generation, day)
  INCLUDE (product_id, units_out) WHERE units_out > 0;
