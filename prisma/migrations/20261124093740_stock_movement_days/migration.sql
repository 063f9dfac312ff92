-- The dashboard's daily rollup of the ledger (lib/dashboard, issue 7): per company, calendar day (in the company's
-- time zone when the movement was booked) and product, the units that came in and went out. Transfers between
-- locations are neither in nor out. lib/stock/apply-stock-movements.ts keeps it in step with stock_movements in the
-- same statement that appends the movements; the backfill at the end rolls up the ledger written before.
-- CreateTable
CREATE TABLE "stock_movement_days" (
    "company_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "product_id" UUID NOT NULL,
    "units_in" BIGINT NOT NULL DEFAULT 0,
    "units_out" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "stock_movement_days_pkey" PRIMARY KEY ("company_id","day","product_id")
);

-- AddForeignKey
ALTER TABLE "stock_movement_days" ADD CONSTRAINT "stock_movement_days_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movement_days" ADD CONSTRAINT "stock_movement_days_company_id_product_id_fkey" FOREIGN KEY ("company_id", "product_id") REFERENCES "products"("company_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (DESIGN §4).
ALTER TABLE stock_movement_days
  ADD CONSTRAINT stock_movement_days_units_non_negative CHECK (units_in >= 0 AND units_out >= 0);
ALTER TABLE stock_movement_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_days FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_movement_days
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
-- The ledger upserts its day rows (INSERT … ON CONFLICT DO UPDATE needs SELECT too); nobody in the app deletes
-- them. The system role rebuilds a company's rows (the demo seed; lib/dashboard/stock-movement-days.ts).
GRANT SELECT, INSERT, UPDATE ON stock_movement_days TO stockflow_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stock_movement_days TO stockflow_system;

-- Backfill: the same aggregation as rebuildStockMovementDays (lib/dashboard/stock-movement-days.ts), over every
-- company's ledger, each movement on its day in its company's current time zone. The owner role that runs the
-- migrations is bound by FORCE ROW LEVEL SECURITY (it would read no company's rows): lifted for the backfill only.
ALTER TABLE stock_movements NO FORCE ROW LEVEL SECURITY;
ALTER TABLE companies NO FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_days NO FORCE ROW LEVEL SECURITY;
INSERT INTO stock_movement_days (company_id, day, product_id, units_in, units_out)
SELECT m.company_id, (m.created_at AT TIME ZONE c.time_zone)::date, m.product_id,
       coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0),
       coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0)
  FROM stock_movements m
  JOIN companies c ON c.id = m.company_id
 WHERE m.reason NOT IN ('TRANSFER_IN', 'TRANSFER_OUT')
 GROUP BY 1, 2, 3;
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
ALTER TABLE companies FORCE ROW LEVEL SECURITY;
ALTER TABLE stock_movement_days FORCE ROW LEVEL SECURITY;
