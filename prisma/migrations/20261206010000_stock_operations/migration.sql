-- Exactly-once stock operations (issue 11, item 2): adjustments, transfers, stocktakes and CSV import commits carry a
-- client operation id, claimed in this table by the transaction that changes the stock (lib/stock/stock-operation.ts).
-- CreateEnum
CREATE TYPE "StockOperationKind" AS ENUM ('ADJUSTMENT', 'TRANSFER', 'STOCKTAKE', 'PRODUCT_IMPORT', 'STOCK_IMPORT');

-- CreateTable
CREATE TABLE "stock_operations" (
    "company_id" UUID NOT NULL,
    "operation_id" UUID NOT NULL,
    "kind" "StockOperationKind" NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "result" JSONB,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_operations_pkey" PRIMARY KEY ("company_id","operation_id")
);

-- AddForeignKey
ALTER TABLE "stock_operations" ADD CONSTRAINT "stock_operations_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_operations" ADD CONSTRAINT "stock_operations_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a tenant table like the others (docs/architecture.md §4). The app role claims an id with INSERT … ON CONFLICT DO
-- NOTHING, reads a claimed one back, and writes only the result of the operation it claimed; nothing else is ever
-- changed or deleted by the app. The system role has nothing on it: no job of the system role reads or prunes it.
ALTER TABLE stock_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_operations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stock_operations
  USING (company_id = app_current_company_id())
  WITH CHECK (company_id = app_current_company_id());
GRANT SELECT, INSERT ON stock_operations TO stockflow_app;
GRANT UPDATE (result) ON stock_operations TO stockflow_app;
