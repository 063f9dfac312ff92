-- The dashboard chart's rollup (lib/dashboard, issue 7): units in and out per company and day, in 16 shards by product
-- so that concurrent stock operations on different products seldom wait for one another's row. The chart reads at
-- most 16 rows a day (bench/README.md, "Dashboard": stock_movement_days alone made the 90-day chart grow with the
-- number of products moving each day). A separate migration from 20261124093740_stock_movement_days because that
-- one was already applied to development databases when this table was added.
-- CreateTable
CREATE TABLE "stock_movement_day_totals" (
    "company_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "shard" SMALLINT NOT NULL,
    "units_in" BIGINT NOT NULL DEFAULT 0,
    "units_out" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "stock_movement_day_totals_pkey" PRIMARY KEY ("company_id","day","shard")
);

-- AddForeignKey
ALTER TABLE "stock_movement_day_totals" ADD CONSTRAINT "stock_movement_day_totals_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (DESIGN §4).
ALTER TABLE stock_movement_day_totals
  ADD CONSTRAINT stock_movement_day_totals_shard_range CHECK (shard BETWEEN 0 AND 15),
  ADD CONSTRAINT stock_movement_day_totals_units_non_negative CHECK (units_in >= 0 AND units_out >= 0);
ALTER TABLE stock_movement_day_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_movement_day_totals
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
-- Like stock_movement_days: the ledger upserts, the system role also rebuilds.
GRANT SELECT, INSERT, UPDATE ON stock_movement_day_totals TO stockflow_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stock_movement_day_totals TO stockflow_system;

-- Backfill from the per-product rollup (itself backfilled from the ledger by the previous migration); the shard is
-- the last byte of the product id modulo 16, as in lib/dashboard/stock-movement-days.ts. FORCE ROW LEVEL SECURITY
-- binds the owner role that runs the migrations: lifted for the backfill only.
ALTER TABLE stock_movement_days NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals NO FORCE ROW LEVEL SECURITY;
INSERT INTO stock_movement_day_totals (company_id, day, shard, units_in, units_out)
SELECT company_id, day, get_byte(uuid_send(product_id), 15) % 16, sum(units_in), sum(units_out)
  FROM stock_movement_days
 GROUP BY 1, 2, 3;
ALTER TABLE stock_movement_days FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_day_totals FORCE ROW LEVEL SECURITY;
