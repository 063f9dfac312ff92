-- The request list pages newest first by (created_at, id): overall, filtered by status, and a person's own.
-- DropIndex
DROP INDEX "order_requests_company_id_requester_id_created_at_idx";

-- DropIndex
DROP INDEX "order_requests_company_id_status_created_at_idx";

-- CreateIndex
CREATE INDEX "order_requests_company_id_created_at_id_idx" ON "order_requests"("company_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "order_requests_company_id_status_created_at_id_idx" ON "order_requests"("company_id", "status", "created_at", "id");

-- CreateIndex
CREATE INDEX "order_requests_company_id_requester_id_created_at_id_idx" ON "order_requests"("company_id", "requester_id", "created_at", "id");
