-- Low-stock alerts: the day each product's alert went out (one per product per day, in the company's time zone).
-- CreateTable
CREATE TABLE "low_stock_alerts" (
    "company_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "low_stock_alerts_pkey" PRIMARY KEY ("company_id","product_id","day")
);

-- AddForeignKey
ALTER TABLE "low_stock_alerts" ADD CONSTRAINT "low_stock_alerts_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "low_stock_alerts" ADD CONSTRAINT "low_stock_alerts_company_id_product_id_fkey" FOREIGN KEY ("company_id", "product_id") REFERENCES "products"("company_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (DESIGN §4). The app role claims a day with INSERT … ON CONFLICT DO
-- NOTHING and reads nothing else; rows are never updated.
ALTER TABLE low_stock_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE low_stock_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON low_stock_alerts
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
GRANT SELECT, INSERT ON low_stock_alerts TO stockflow_app;
GRANT SELECT, INSERT, DELETE ON low_stock_alerts TO stockflow_system;
